import { describe, expect, it } from 'vitest';
import { newCriticalKeys, wallTile, wallTiles, type WallShowInput } from '../../src/lib/core/wall';
import { MIN, START } from './factories';

const SEC = 1000;
const HOUR = 60 * MIN;

function show(overrides: Partial<WallShowInput> = {}): WallShowInput {
	return {
		showId: 1,
		unitCode: 'enshi',
		title: '青春为家乡代言·恩施专场',
		startsAt: START,
		status: 'live',
		mode: 'live',
		startedAt: START - 15 * MIN,
		segment: { id: 's3', title: '恩施玉露', kind: 'product', startedAt: START + 10 * MIN, remainingMs: 5 * MIN },
		driftMs: 0,
		hostScreens: 1,
		hostLeftAt: null,
		latestAlert: null,
		latestFigures: { platform: 'douyin', at: START + 12 * MIN, figures: { viewers: 1234 } },
		...overrides
	};
}
const now = START + 14 * MIN;

describe('the monitoring wall', () => {
	it('lists shows live, paused, in warm-up or starting within 2 hours, and no others', () => {
		const listed = (s: WallShowInput, at = now) => wallTile(s, at) !== null;
		expect(listed(show())).toBe(true);
		expect(listed(show({ status: 'paused' }))).toBe(true);
		expect(listed(show({ status: 'ended', segment: null }))).toBe(false);
		const ready = show({ status: 'ready', mode: null, startedAt: null, segment: null, latestFigures: null, startsAt: now + 2 * HOUR });
		expect(listed(ready)).toBe(true);
		expect(listed({ ...ready, startsAt: now + 2 * HOUR + 1 })).toBe(false);
		// Not started although due: listed as late, for up to 2 hours.
		expect(wallTile({ ...ready, startsAt: now - 2 * HOUR }, now)).toMatchObject({ phase: 'upcoming', late: true, startsInMs: -2 * HOUR });
		expect(listed({ ...ready, startsAt: now - 2 * HOUR - 1 })).toBe(false);
		const warm = wallTile(show({ segment: { id: 's1', title: '预热', kind: 'warmup', startedAt: START - 15 * MIN, remainingMs: MIN } }), START - 10 * MIN);
		expect(warm).toMatchObject({ phase: 'warmup', late: false, startsInMs: null });
	});

	it('turns red when no host screen has been connected for 30 s during a run', () => {
		const left = show({ hostScreens: 0, hostLeftAt: now - 30 * SEC });
		expect(wallTile({ ...left, hostLeftAt: now - 29_900 }, now)).toMatchObject({ red: false, hostOfflineMs: 29_900, critical: [] });
		expect(wallTile(left, now)).toMatchObject({ red: true, hostOfflineMs: 30 * SEC, critical: [{ kind: 'host_offline', key: `host_offline:1:${now - 30 * SEC}`, since: now - 30 * SEC }] });
		// Never connected since the run started: counted from the start.
		expect(wallTile(show({ hostScreens: 0, hostLeftAt: START - HOUR }), now)).toMatchObject({ red: true, hostOfflineMs: 29 * MIN });
		expect(wallTile(show({ hostScreens: 0, hostLeftAt: START - HOUR }), START - 15 * MIN + 29_999)!.red).toBe(false);
		// Not during a run: not red.
		expect(wallTile(show({ status: 'ready', mode: null, startedAt: null, segment: null, hostScreens: 0, hostLeftAt: now - HOUR }), now)).toMatchObject({ red: false, hostOfflineMs: null });
		// A rehearsal turns red but never beeps.
		expect(wallTile({ ...left, mode: 'rehearsal' }, now)).toMatchObject({ red: true, critical: [] });
	});

	it('is critical from 2 minutes over time and after 15 minutes without figures, each with a stable key', () => {
		const over = (remainingMs: number) => wallTile(show({ segment: { id: 's3', title: '恩施玉露', kind: 'product', startedAt: START + 10 * MIN, remainingMs } }), now)!;
		expect(over(-119_999)).toMatchObject({ overtimeMs: 119_999, critical: [] });
		expect(over(-120_000).critical).toEqual([{ kind: 'overtime', key: `overtime:1:s3:${START + 10 * MIN}`, since: START + 10 * MIN }]);
		expect(over(-300_000).critical[0].key).toBe(over(-120_000).critical[0].key);
		expect(over(1).overtimeMs).toBeNull();

		const lastAt = START + 12 * MIN;
		expect(wallTile(show(), lastAt + 15 * MIN - 1)).toMatchObject({ figuresAgeMs: 15 * MIN - 1, critical: [] });
		expect(wallTile(show(), lastAt + 15 * MIN)!.critical).toEqual([{ kind: 'no_figures', key: `no_figures:1:${lastAt}`, since: lastAt }]);
		// None at all: counted from the run's start.
		expect(wallTile(show({ latestFigures: null }), START)!.critical.map((c) => c.key)).toEqual([`no_figures:1:${START - 15 * MIN}`]);
		expect(wallTile(show({ latestFigures: null }), START - 1)!.critical).toEqual([]);
	});

	it('orders the most urgent first: critical, then on air, then warm-up, then by start time', () => {
		const upcomingLater = show({ showId: 5, status: 'ready', mode: null, startedAt: null, segment: null, latestFigures: null, startsAt: now + HOUR });
		const upcomingSooner = { ...upcomingLater, showId: 6, startsAt: now + 30 * MIN };
		const warmup = show({ showId: 4, startsAt: now + 10 * MIN, startedAt: now - 5 * MIN, segment: { id: 'w', title: '预热', kind: 'warmup', startedAt: now - 5 * MIN, remainingMs: 10 * MIN } });
		const onAirLate = show({ showId: 3, startsAt: START + 5 * MIN });
		const onAirEarly = show({ showId: 2, status: 'paused', startsAt: START });
		const critical = show({ showId: 7, startsAt: START + 30 * MIN, hostScreens: 0, hostLeftAt: now - MIN });
		const ended = show({ showId: 8, status: 'ended', segment: null });
		const tiles = wallTiles([upcomingLater, ended, warmup, onAirLate, upcomingSooner, critical, onAirEarly], now);
		expect(tiles.map((t) => t.show.showId)).toEqual([7, 2, 3, 4, 6, 5]);
		expect(tiles.map((t) => t.phase)).toEqual(['on_air', 'on_air', 'on_air', 'warmup', 'upcoming', 'upcoming']);
	});

	it('beeps once per new critical condition', () => {
		const heard = new Set<string>();
		const shows = [show({ showId: 1, hostScreens: 0, hostLeftAt: now - MIN }), show({ showId: 2 })];
		const first = newCriticalKeys(heard, wallTiles(shows, now));
		expect(first).toEqual([`host_offline:1:${now - MIN}`]);
		first.forEach((k) => heard.add(k));
		expect(newCriticalKeys(heard, wallTiles(shows, now + 10 * SEC))).toEqual([]);
		// The host came back and left again: a new occurrence, a new beep.
		const again = [{ ...shows[0], hostLeftAt: now + 5 * MIN }, shows[1]];
		expect(newCriticalKeys(heard, wallTiles(again, now + 5 * MIN + 30 * SEC))).toEqual([`host_offline:1:${now + 5 * MIN}`]);
	});
});
