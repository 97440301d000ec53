/**
 * The monitoring wall's socket (namespace `/wall`, one per wall): the handshake and the events. The
 * payload of `wall` (the list, on every (re)connection) and `shows` (the shows that changed) is the
 * wall's wire, `WallUpdate` in contract/wall.ts; `untile` says a show left the list for a reason
 * its data cannot tell (deleted, moved to another unit, ended). Nothing ticks: the wall derives
 * countdowns and ages from the instants and its clock offset (`clock`, as on the live socket).
 */
import { z } from 'zod';
import type { WallUpdate } from './wall';

/** `socket.handshake.auth` of a wall: nothing but, optionally, the device (the session cookie says who). */
export const wallHandshake = z.strictObject({
	deviceId: z
		.string()
		.regex(/^[A-Za-z0-9_-]{1,64}$/)
		.optional()
});

export const wallGoneSchema = z.object({ showId: z.number().int().positive() });

export interface WallServerEvents {
	/** Every show the wall's account may see: on each (re)connection. */
	wall: (list: WallUpdate) => void;
	/** Shows whose data changed (or that joined the list). */
	shows: (update: WallUpdate) => void;
	untile: (gone: { showId: number }) => void;
	revoked: (reason: { code: 'SIGNED_OUT'; message: string }) => void;
}
export interface WallClientEvents {
	/** The server's clock, epoch ms (clock sync, as on the live socket). */
	clock: (ack: (serverNow: number) => void) => void;
}
