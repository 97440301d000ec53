/**
 * How hard the reliability suites push. `npm test` runs the fast profile (a few minutes in all on
 * two cores); `npm run test:long` sets RELIABILITY_PROFILE=long for the full runs the figures in
 * docs/reliability.md come from. RELIABILITY_SEED replays a run: every random choice (commands,
 * kill moments, fuzz cases) comes from it.
 */
export const LONG = process.env.RELIABILITY_PROFILE === 'long';
export const PROFILE = LONG ? 'long' : 'fast';

export const SEED = (() => {
	const text = process.env.RELIABILITY_SEED;
	if (text === undefined || text === '') return 20261212;
	const seed = Number(text);
	if (!Number.isInteger(seed)) throw new Error(`RELIABILITY_SEED must be an integer, got "${text}"`);
	return seed;
})();

export const profile = {
	crash: { kills: LONG ? 25 : 5, screens: 100 },
	network: { heartbeat: LONG ? null : { intervalMs: 1_000, timeoutMs: 500 }, proxiedScreens: 10, directScreens: 10, stalled: 5, healthy: 30, commands: LONG ? 200 : 40 },
	races: { seconds: LONG ? 30 : 5, producers: 20, screens: 20 },
	fuzz: { socketEvents: LONG ? 50_000 : 6_000, httpRequests: LONG ? 50_000 : 6_000, wallEvents: LONG ? 20_000 : 2_000 },
	backup: { commandsBefore: 40, commandsDuring: 40 },
	/** Restarts after which fresh producer, host and watch pages are opened (each signal × moment once per round). */
	freshScreens: { rounds: LONG ? 3 : 1 },
	freeze: { freezes: LONG ? 20 : 2, hosts: LONG ? 20 : 5, idleSeconds: LONG ? 60 : 15 }
} as const;

/** A test's timeout, ms: generous, the long profile's much longer. */
export const timeout = (fastMs: number, longMs: number) => (LONG ? longMs : fastMs);
