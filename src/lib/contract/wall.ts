/**
 * The monitoring wall's wire (监看墙, issue 14): one socket.io namespace `/wall` per wall, a tile per
 * show it lists. The server sends the list once (`wall`, on every (re)connection) and then only what
 * changed (`tile`: the tile's changed fields; `untile`: a show left the list). Nothing ticks: the
 * wall derives countdowns, ahead/behind and the age of everything from the instants below and its
 * clock offset (`clock`, as on the live socket). Tiles never carry a show's link tokens.
 */
import { z } from 'zod';
import { LIVE_MODES, LIVE_STATUSES } from '../core/live';
import { PLATFORMS } from '../core/model';
import { figuresSchema } from './figures';
import { liveAlertEventSchema, type LiveAlertEvent } from './live';

/** `socket.handshake.auth` of a wall: nothing but, optionally, the device (the session cookie says who). */
export const wallHandshake = z.strictObject({
	deviceId: z
		.string()
		.regex(/^[A-Za-z0-9_-]{1,64}$/)
		.optional()
});

const instant = z.number().int();

/**
 * The segment on air as a clock, the core's `segmentClock`: remaining = lengthMs − ((frozenAt ?? now)
 * − zeroAt); projected end = now + max(remaining, 0) + restMs.
 */
export const wallSegmentSchema = z.object({
	index: z.number().int(),
	title: z.string(),
	zeroAt: instant,
	lengthMs: z.number().int(),
	/** The instant the clock stands still at (paused, ended); null while it runs. */
	frozenAt: instant.nullable(),
	restMs: z.number().int()
});
export type WallSegment = z.infer<typeof wallSegmentSchema>;

/** The newest checkpoint of one platform. */
export const wallFiguresSchema = z.object({ platform: z.enum(PLATFORMS), at: instant, figures: figuresSchema });
export type WallFigures = z.infer<typeof wallFiguresSchema>;

export const wallTileSchema = z.object({
	showId: z.number().int().positive(),
	unitCode: z.string(),
	title: z.string(),
	/** The planned start, epoch ms. */
	startsAt: instant,
	segmentCount: z.number().int().min(0),
	status: z.enum(LIVE_STATUSES),
	mode: z.enum(LIVE_MODES).nullable(),
	startedAt: instant.nullable(),
	/** Planned end of this run's sheet (from the announced start), null for an empty sheet. */
	plannedEndAt: instant.nullable(),
	segment: wallSegmentSchema.nullable(),
	/** Host screens connected now. */
	hostsOnline: z.number().int().min(0),
	/** Since when no host screen has been connected (server clock); null while one is. */
	hostsAwaySince: instant.nullable(),
	/** The run's latest alert. */
	alert: liveAlertEventSchema.nullable(),
	/** The newest figures per platform; empty while there are none. */
	figures: z.array(wallFiguresSchema)
});
export type WallTile = Omit<z.infer<typeof wallTileSchema>, 'alert'> & { alert: LiveAlertEvent | null };

/** The list: every tile the wall's account may see, with the server's clock when it was made. */
export const wallListSchema = z.object({ serverNow: instant, tiles: z.array(z.unknown()) });
/** A tile's changed fields (a new tile comes whole). */
export const wallTileChangeSchema = z.object({ showId: z.number().int().positive() }).passthrough();

export interface WallServerEvents {
	wall: (list: { serverNow: number; tiles: WallTile[] }) => void;
	tile: (change: Partial<WallTile> & { showId: number }) => void;
	untile: (gone: { showId: number }) => void;
	revoked: (reason: { code: 'SIGNED_OUT'; message: string }) => void;
}
export interface WallClientEvents {
	/** The server's clock, epoch ms (clock sync, as on the live socket). */
	clock: (ack: (serverNow: number) => void) => void;
}

/** Reads a tile; null when it does not parse. */
export function readWallTile(raw: unknown): WallTile | null {
	const parsed = wallTileSchema.safeParse(raw);
	return parsed.success ? (parsed.data as WallTile) : null;
}

/** Reads the list; tiles that do not parse are left out (counted in `dropped`). */
export function readWallList(raw: unknown): { serverNow: number; tiles: WallTile[]; dropped: number } | null {
	const parsed = wallListSchema.safeParse(raw);
	if (!parsed.success) return null;
	const tiles = parsed.data.tiles.map(readWallTile);
	const read = tiles.filter((t): t is WallTile => t !== null);
	return { serverNow: parsed.data.serverNow, tiles: read, dropped: tiles.length - read.length };
}

/** Applies a `tile` change to the tile it names (or reads it as a new one); null when the result does not parse. */
export function applyWallChange(current: WallTile | undefined, raw: unknown): WallTile | null {
	const change = wallTileChangeSchema.safeParse(raw);
	if (!change.success) return null;
	return readWallTile({ ...current, ...change.data });
}
