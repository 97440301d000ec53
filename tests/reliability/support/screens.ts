/** Screens on the client library as the product runs them (its own reconnection settings), in node. */
import { performance } from 'node:perf_hooks';
import { LiveConnection, type LiveConnectionOptions } from '../../../src/lib/realtime/live-connection';

export interface TrackedScreen {
	conn: LiveConnection;
	/** performance.now() of every welcome (each (re)connection). */
	welcomes: number[];
	/** performance.now() of every drop (status reconnecting). */
	drops: number[];
}

/** Opens `count` screens on one token and resolves once each has its first welcome. */
export async function openScreens(url: string, token: string, count: number, name: string, options: Partial<LiveConnectionOptions> = {}): Promise<TrackedScreen[]> {
	const screens = Array.from({ length: count }, (_, i) => {
		// forceNew: each screen its own connection (in a browser a page has one anyway).
		const conn = new LiveConnection({ url, token, deviceId: `${name}-${i}`, deviceName: `${name} ${i}`, ...options, socket: { forceNew: true, ...options.socket } });
		const screen: TrackedScreen = { conn, welcomes: [], drops: [] };
		conn.on('welcome', () => screen.welcomes.push(performance.now()));
		conn.on('status', (status) => status === 'reconnecting' && screen.drops.push(performance.now()));
		return screen;
	});
	const welcomed = Promise.all(screens.map((s) => new Promise<void>((resolve) => s.conn.on('welcome', () => resolve()))));
	for (const s of screens) s.conn.connect();
	await welcomed;
	return screens;
}

/** Resolves when every screen has had a welcome after `since` (performance.now()). */
export function allWelcomedSince(screens: TrackedScreen[], since: number): Promise<void> {
	return Promise.all(
		screens.map(
			(s) =>
				new Promise<void>((resolve) => {
					if (s.welcomes.some((t) => t >= since)) return resolve();
					const off = s.conn.on('welcome', () => {
						off();
						resolve();
					});
				})
		)
	).then(() => undefined);
}

export function closeAll(screens: TrackedScreen[]) {
	for (const s of screens) s.conn.close();
}
