/**
 * The monitoring wall's wire (监看墙): what the server pushes about each show a wall watches. The
 * wall decides tiles, urgency and beeps from it with `wallTiles` (src/lib/core/wall.ts) and its own
 * `now` (server clock). Instants epoch ms; `segment.remainingMs` is as of `serverNow`, so a wall
 * shifts it by its own clock (remainingMs - (now - serverNow)) while the show is live.
 */
import { z } from 'zod';
import { ALERT_KINDS } from '../core/live/alerts';
import { LIVE_MODES, LIVE_STATUSES } from '../core/live/state';
import { PLATFORMS, SEGMENT_KINDS } from '../core/model';
import type { WallShowInput } from '../core/wall';
import { figuresSchema } from './figures';

const instant = z.number().int();

export const wallShowSchema = z.object({
	showId: z.number().int().positive(),
	unitCode: z.string(),
	title: z.string(),
	startsAt: instant,
	status: z.enum(LIVE_STATUSES),
	mode: z.enum(LIVE_MODES).nullable(),
	startedAt: instant.nullable(),
	segment: z
		.object({ id: z.string(), title: z.string(), kind: z.enum(SEGMENT_KINDS), startedAt: instant, remainingMs: z.number() })
		.nullable(),
	driftMs: z.number().nullable(),
	hostScreens: z.number().int().nonnegative(),
	hostLeftAt: instant.nullable(),
	latestAlert: z.object({ kind: z.enum(ALERT_KINDS), at: instant }).nullable(),
	latestFigures: z.object({ platform: z.enum(PLATFORMS), at: instant, figures: figuresSchema }).nullable()
});
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const wallShowMatches: Same<z.infer<typeof wallShowSchema>, WallShowInput> = true;
void wallShowMatches;

/** A push to a wall: every show it watches (on connect), or the shows that changed; `serverNow` dates `remainingMs`. */
export const wallUpdateSchema = z.object({ shows: z.array(wallShowSchema), serverNow: instant });
export type WallUpdate = z.infer<typeof wallUpdateSchema>;

/** Reads a wall push; null when it does not parse. */
export function readWallUpdate(raw: unknown): WallUpdate | null {
	const parsed = wallUpdateSchema.safeParse(raw);
	return parsed.success ? parsed.data : null;
}
