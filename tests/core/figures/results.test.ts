import { describe, expect, it } from 'vitest';
import type { FigureReading, Figures } from '../../../src/lib/core/figures/metrics';
import { audienceResults, GPM_MIN_VIEWS, seriesValueAt } from '../../../src/lib/core/figures/results';
import { onAirIntervals, type OnAirInterval } from '../../../src/lib/core/figures/timeline';
import type { Platform } from '../../../src/lib/core/model';
import { makeSegment, makeShow, MIN, START } from '../factories';
import { drive } from './drive';

const t = (min: number) => START + min * MIN;
const reading = (platform: Platform, min: number, figures: Figures, source: FigureReading['source'] = 'manual', deleted = false): FigureReading => ({
	platform,
	at: t(min),
	source,
	figures,
	deleted
});
const interval = (segmentId: string, from: number, to: number | null): OnAirInterval => ({ segmentId, from: t(from), to: to === null ? null : t(to), paused: [], pausedMs: 0 });

// A (product 1) 0–10 min and again 30–35, B (product 2) 10–20, C (product 1) 20–30; D (product 2) never ran.
const segments = [
	makeSegment({ id: 'A', title: '恩施玉露', productId: 1 }),
	makeSegment({ id: 'B', title: '监利大米', productId: 2 }),
	makeSegment({ id: 'C', title: '恩施玉露返场', productId: 1 }),
	makeSegment({ id: 'D', title: '监利大米秒杀', productId: 2 })
];
const intervals = [interval('A', 0, 10), interval('B', 10, 20), interval('C', 20, 30), interval('A', 30, 35)];
const readings: FigureReading[] = [
	reading('douyin', 0, { viewers: 100, totalViews: 0, gmvFen: 0, orders: 0 }),
	reading('douyin', 10, { viewers: 300, totalViews: 2000, gmvFen: 100_000, orders: 10 }),
	reading('douyin', 20, { viewers: 500, totalViews: 5000, gmvFen: 400_000, orders: 40 }),
	reading('douyin', 25, { viewers: 99_999 }, 'manual', true), // deleted: ignored
	reading('douyin', 30, { viewers: 200, totalViews: 6000, gmvFen: 450_000, orders: 45 }),
	reading('douyin', 32, { gmvFen: 700_000 }), // too high: the later 650 000 corrects it
	reading('douyin', 35, { viewers: 250, totalViews: 7000, gmvFen: 650_000, orders: 60 }),
	reading('kuaishou', 10, { viewers: 50, totalViews: 1000, gmvFen: 50_000 }, 'import'),
	reading('kuaishou', 20, { viewers: 70, totalViews: 1000, gmvFen: 50_000 }, 'import'),
	// Typed in the same minute as the import: the import wins for the metrics it has.
	{ ...reading('kuaishou', 20, { viewers: 999, gmvFen: 9_999_999, likes: 5 }), at: t(20) + 10_000 },
	reading('kuaishou', 30, { viewers: 20, totalViews: 1200, gmvFen: 55_000 }, 'import'),
	reading('kuaishou', 35, { viewers: 10, totalViews: 1500, gmvFen: 60_000 }, 'import')
];

describe('the audience results of a run', () => {
	const results = audienceResults({ segments, intervals, readings, now: t(60) });
	const seg = (id: string) => results.segments.find((s) => s.segmentId === id)!;

	it('gives each segment (visits merged) its GMV, orders, views gained, GPM and share, computed by hand', () => {
		// A: douyin 100 000 + 200 000, kuaishou 50 000 (from 0 at the start) + 5 000.
		expect(seg('A')).toMatchObject({ visits: 2, onAirMs: 15 * MIN, gmvFen: 355_000, orders: 25, viewsGained: 4300, gpmFen: 82_558, estimated: false });
		expect(seg('A').gmvShare).toBeCloseTo(355 / 710, 12);
		// B: douyin 300 000 over 3 000 views: ¥1 000 per thousand; kuaishou sold nothing.
		expect(seg('B')).toMatchObject({ gmvFen: 300_000, orders: 30, viewsGained: 3000, gpmFen: 100_000 });
		expect(seg('B').gmvShare).toBeCloseTo(300 / 710, 12);
		// C: 55 000 fen over 1 200 views = 45 833.33 fen per thousand.
		expect(seg('C')).toMatchObject({ gmvFen: 55_000, orders: 5, viewsGained: 1200, gpmFen: 45_833 });
		expect(seg('D')).toMatchObject({ visits: 0, gmvFen: null, orders: null, viewsGained: null, gpmFen: null, gmvShare: null, viewersStart: null, viewersPeak: null });
		expect(results.totals).toEqual({ gmvFen: 710_000, orders: 60, viewsGained: 8500, gpmFen: 83_529, viewersPeak: 570 });
	});

	it('gives viewers at a segment start and end, its peak and change, summed over the platforms that have reported', () => {
		expect(seg('A')).toMatchObject({ viewersStart: { value: 100, how: 'exact' }, viewersEnd: { value: 260, how: 'exact' }, viewersPeak: 350, viewersChange: 160 });
		expect(seg('B')).toMatchObject({ viewersStart: { value: 350, how: 'exact' }, viewersEnd: { value: 570, how: 'exact' }, viewersPeak: 570, viewersChange: 220 });
		expect(seg('C')).toMatchObject({ viewersStart: { value: 570, how: 'exact' }, viewersEnd: { value: 220, how: 'exact' }, viewersPeak: 570, viewersChange: -350 });
	});

	it('calls out the best and weakest segments by GMV and by GPM', () => {
		expect(results.best).toEqual({ gmv: { segmentId: 'A', value: 355_000 }, gpm: { segmentId: 'B', value: 100_000 } });
		expect(results.weakest).toEqual({ gmv: { segmentId: 'C', value: 55_000 }, gpm: { segmentId: 'C', value: 45_833 } });
	});

	it('never calls a segment without a product (a warm-up) the weakest: only selling segments compete', () => {
		// A warm-up of 5 minutes before A.
		const warmup = makeSegment({ id: 'W', kind: 'warmup', title: '活动预热', productId: null });
		const shifted = [interval('W', -5, 0), ...intervals];
		const early = [reading('douyin', -5, { viewers: 50, totalViews: 0, gmvFen: 0, orders: 0 }), ...readings];
		const withWarmup = audienceResults({ segments: [warmup, ...segments], intervals: shifted, readings: early, now: t(60) });
		// Its GMV (kuaishou's first 50 000 fen spread from the run's start) is below C's: by GMV alone it would be the weakest.
		expect(withWarmup.segments.find((s) => s.segmentId === 'W')!.gmvFen).toBeLessThan(55_000);
		expect(withWarmup.weakest.gmv).toEqual({ segmentId: 'C', value: 55_000 });
		// With no product segment at all, every segment competes.
		const unsold = audienceResults({ segments: [warmup, makeSegment({ id: 'X', kind: 'interaction', productId: null })], intervals: [interval('W', 0, 10), interval('X', 10, 20)], readings: [reading('douyin', 0, { gmvFen: 0 }), reading('douyin', 10, { gmvFen: 0 }), reading('douyin', 20, { gmvFen: 5_000 })], now: t(60) });
		expect(unsold.weakest.gmv).toEqual({ segmentId: 'W', value: 0 });
	});

	it('sums a product over all its slots', () => {
		expect(results.products).toEqual([
			{ productId: 1, segmentIds: ['A', 'C'], gmvFen: 410_000, orders: 30, viewsGained: 5500, gpmFen: 74_545, gmvShare: 410 / 710, viewersPeak: 570 },
			{ productId: 2, segmentIds: ['B', 'D'], gmvFen: 300_000, orders: 30, viewsGained: 3000, gpmFen: 100_000, gmvShare: 300 / 710, viewersPeak: 570 }
		]);
	});

	it('draws sorted curves per platform and summed; cumulative GMV never goes down', () => {
		expect(results.curves.byPlatform.douyin!.gmvFen.map((p) => [p.at, p.value])).toEqual([
			[t(0), 0],
			[t(10), 100_000],
			[t(20), 400_000],
			[t(30), 450_000],
			[t(32), 650_000],
			[t(35), 650_000]
		]);
		// Kuaishou's GMV starts at 0 with the run; its typed 9 999 999 lost to the import of the same minute.
		expect(results.curves.byPlatform.kuaishou!.gmvFen.map((p) => p.value)).toEqual([0, 50_000, 50_000, 55_000, 60_000]);
		expect(results.curves.total.gmvFen.map((p) => [p.at, p.value])).toEqual([
			[t(0), 0],
			[t(10), 150_000],
			[t(20), 450_000],
			[t(30), 505_000],
			[t(32), 707_000],
			[t(35), 710_000]
		]);
		expect(results.curves.total.viewers.map((p) => p.value)).toEqual([100, 350, 570, 220, 260]);
		expect(results.curves.byPlatform.kuaishou!.viewers.map((p) => p.value)).toEqual([50, 70, 20, 10]);
	});

	it('restricts to one platform when asked', () => {
		const kuaishou = audienceResults({ segments, intervals, readings, now: t(60), platform: 'kuaishou' });
		expect(Object.keys(kuaishou.curves.byPlatform)).toEqual(['kuaishou']);
		expect(kuaishou.segments.map((s) => s.gmvFen)).toEqual([55_000, 0, 5_000, null]);
		// Kuaishou's viewers are unknown before its first reading at 10 min.
		expect(kuaishou.segments[0]).toMatchObject({ viewersStart: null, viewersEnd: { value: 10, how: 'exact' } });
		expect(kuaishou.totals.gmvFen).toBe(60_000);
	});
});

describe('missing and sparse data', () => {
	it('is null rather than 0, and says when a value is interpolated or last known', () => {
		const results = audienceResults({
			segments: segments.slice(0, 3),
			intervals: [interval('A', 0, 10), interval('B', 10, 20), interval('C', 20, null)],
			readings: [reading('douyin', 4, { viewers: 100, gmvFen: 10_000 }), reading('douyin', 8, { viewers: 300, gmvFen: 30_000 })],
			now: t(25)
		});
		const [a, b, c] = results.segments;
		// Viewers before the first reading are unknown; at 10 min the last reading (8 min) stands.
		expect(a).toMatchObject({ viewersStart: null, viewersEnd: { value: 300, how: 'last_known' }, viewersPeak: 300, viewersChange: null, gmvFen: 30_000, viewsGained: null, gpmFen: null, estimated: true });
		// No reading after B started: nothing is known of its sales.
		expect(b).toMatchObject({ viewersStart: { value: 300, how: 'last_known' }, gmvFen: null, orders: null, gmvShare: null });
		// C is still on air: its end is `now`.
		expect(c).toMatchObject({ onAirMs: 5 * MIN, gmvFen: null });
		expect(a.gmvShare).toBe(1);
		expect(results.best.gmv).toEqual({ segmentId: 'A', value: 30_000 });
		expect(results.weakest.gmv).toBeNull();
		expect(seriesValueAt(results.curves.total.viewers, t(5))).toEqual({ value: 150, how: 'interpolated' });
	});

	it('compares GPM only among segments with enough views gained', () => {
		const results = audienceResults({
			segments: segments.slice(0, 3),
			intervals: [interval('A', 0, 10), interval('B', 10, 20), interval('C', 20, 30)],
			readings: [
				reading('douyin', 0, { totalViews: 0, gmvFen: 0 }),
				reading('douyin', 10, { totalViews: GPM_MIN_VIEWS - 1, gmvFen: 500_000 }),
				reading('douyin', 20, { totalViews: GPM_MIN_VIEWS - 1 + GPM_MIN_VIEWS, gmvFen: 600_000 }),
				reading('douyin', 30, { totalViews: GPM_MIN_VIEWS - 1 + 3 * GPM_MIN_VIEWS, gmvFen: 900_000 })
			],
			now: t(30)
		});
		// A's GPM (500 000 fen over 999 views) is the highest but rests on too few views.
		expect(results.segments[0].gpmFen).toBe(Math.round((500_000 * 1000) / 999));
		expect(results.best.gpm).toEqual({ segmentId: 'C', value: 150_000 });
		expect(results.weakest.gpm).toEqual({ segmentId: 'B', value: 100_000 });
	});

	it('attributes figures typed while paused to the paused segment, from a real run log', () => {
		const show = makeShow();
		const [s1, s2] = show.segments.map((s) => s.id);
		const { events } = drive(show, [
			[t(0), { type: 'start', mode: 'live' }],
			[t(2), { type: 'pause' }],
			[t(6), { type: 'resume' }],
			[t(10), { type: 'next' }]
		]);
		const results = audienceResults({
			segments: show.segments,
			intervals: onAirIntervals(events, t(15)),
			readings: [reading('douyin', 0, { gmvFen: 0 }), reading('douyin', 4, { gmvFen: 20_000 }), reading('douyin', 10, { gmvFen: 20_000 }), reading('douyin', 12, { gmvFen: 50_000 })],
			now: t(15)
		});
		expect(results.segments.find((s) => s.segmentId === s1)).toMatchObject({ gmvFen: 20_000, onAirMs: 10 * MIN, estimated: false });
		expect(results.segments.find((s) => s.segmentId === s2)).toMatchObject({ gmvFen: 30_000, estimated: true });
	});
});
