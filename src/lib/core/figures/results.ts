/**
 * The report's audience half, per run: curves of viewers and cumulative GMV on the show's time axis,
 * and per segment (and per product across its slots) what the audience did while it was on air.
 *
 * Units: instants epoch ms; money integer fen; counts whole people / orders. Rounding happens once,
 * at the end, half away from zero (Math.round) on each reported number; shares are unrounded
 * fractions 0…1. Missing data is null, never 0.
 *
 * How readings become values:
 * - deleted readings are ignored; when a manual and an imported reading give the same metric for the
 *   same platform in the same minute (epoch ms / 60 000), the import wins and the manual one is
 *   dropped; two readings of a metric at the same instant: the import, else the later in the input;
 * - a metric's value at an instant is the reading there (`exact`), else linear between the readings
 *   around it (`interpolated`), else the last reading before it (`last_known`); before a platform's
 *   first reading it is unknown;
 * - cumulative metrics (everything but viewers) start at 0 when the run starts, unless a reading
 *   comes earlier, and never go down: a lower reading corrects the readings before it (each value is
 *   capped by every later one), it is not negative sales;
 * - summed over platforms, a platform counts from its first reading;
 * - a visit's gain in a cumulative metric is its value at the visit's end minus at its start, known
 *   for a platform only when it has a reading after the visit started;
 * - curves hold every reading, also those before the start or after the end (an import's whole
 *   file): the chart clips them to its axis.
 */
import type { EpochMs, Platform, Segment } from '../model';
import { CUMULATIVE_METRICS, FIGURE_METRICS, type FigureMetric, type FigureReading } from './metrics';
import type { OnAirInterval } from './timeline';

/** GPM is compared across segments only when a segment gained at least this many views (累计观看): below, one viewer more or less swings it. */
export const GPM_MIN_VIEWS = 1000;

const MINUTE_MS = 60_000;

export interface CurvePoint {
	/** Epoch ms. */
	at: EpochMs;
	/** People for viewers; fen for GMV (cumulative, non-decreasing). */
	value: number;
}

export interface AudienceCurves {
	viewers: CurvePoint[];
	gmvFen: CurvePoint[];
}

/** How a value at an instant was found. */
export type ValueHow = 'exact' | 'interpolated' | 'last_known';

export interface SeriesValue {
	value: number;
	how: ValueHow;
}

export interface SegmentAudience {
	segmentId: string;
	title: string;
	productId: number | null;
	/** False for a segment removed from the run-sheet after it ran. */
	onRunSheet: boolean;
	/** How often it went on air; 0: never (every figure below is null). */
	visits: number;
	/** Wall time on air over every visit, pauses included, ms. */
	onAirMs: number;
	/** Viewers summed over platforms when it first went on air, and when it last left (or at `now`). */
	viewersStart: SeriesValue | null;
	viewersEnd: SeriesValue | null;
	/** Highest summed viewers while on air (readings and the visits' ends). */
	viewersPeak: number | null;
	/** viewersEnd - viewersStart. */
	viewersChange: number | null;
	/** GMV gained while on air, fen. */
	gmvFen: number | null;
	orders: number | null;
	/** 累计观看 gained while on air. */
	viewsGained: number | null;
	/** GMV per thousand views gained, fen (GMV(yuan) × 1000 / views = gmvFen × 1000 / views fen); null without views gained. */
	gpmFen: number | null;
	/** gmvFen / the GMV of every segment together, 0…1. */
	gmvShare: number | null;
	/** True when a boundary value is interpolated or last-known rather than read at that instant. */
	estimated: boolean;
}

export interface ProductAudience {
	productId: number;
	/** Its segments (slots), run-sheet order. */
	segmentIds: string[];
	gmvFen: number | null;
	orders: number | null;
	viewsGained: number | null;
	gpmFen: number | null;
	gmvShare: number | null;
	viewersPeak: number | null;
}

export interface SegmentPick {
	segmentId: string;
	/** fen for GMV, fen per thousand views for GPM. */
	value: number;
}

export interface AudienceResults {
	curves: { byPlatform: Partial<Record<Platform, AudienceCurves>>; total: AudienceCurves };
	segments: SegmentAudience[];
	products: ProductAudience[];
	totals: { gmvFen: number | null; orders: number | null; viewsGained: number | null; gpmFen: number | null; viewersPeak: number | null };
	/**
	 * Best and weakest selling segment (one with a product; every segment when none has one) by GMV
	 * (among those with GMV known) and by GPM (among those that
	 * gained at least GPM_MIN_VIEWS views); weakest is null with fewer than two candidates. Ties go
	 * to the earlier segment on the run-sheet.
	 */
	best: { gmv: SegmentPick | null; gpm: SegmentPick | null };
	weakest: { gmv: SegmentPick | null; gpm: SegmentPick | null };
}

export interface AudienceInput {
	/** The run-sheet, in order. */
	segments: readonly Pick<Segment, 'id' | 'title' | 'productId'>[];
	/** The run's on-air intervals (`onAirIntervals`). */
	intervals: readonly OnAirInterval[];
	/** Manual and imported checkpoints of the run, any order; deleted ones are ignored. */
	readings: readonly FigureReading[];
	/** Epoch ms: closes an interval still on air. */
	now: EpochMs;
	/** Only this platform's readings (a per-platform sheet); all platforms summed when absent. */
	platform?: Platform;
}

type Series = CurvePoint[];

/** One platform's metric series after the rules in the module comment, and the instant of its last real reading (not the 0 at the run start). */
interface PlatformSeries {
	points: Series;
	lastReadingAt: EpochMs;
}

function seriesOf(readings: readonly FigureReading[], runStart: EpochMs | null): Map<Platform, Map<FigureMetric, PlatformSeries>> {
	const live = readings.filter((r) => !r.deleted);
	const given = (r: FigureReading) => FIGURE_METRICS.filter((m) => r.figures[m] !== undefined);
	const minuteKey = (r: FigureReading, metric: FigureMetric) => `${r.platform}:${metric}:${Math.floor(r.at / MINUTE_MS)}`;
	const imported = new Set(live.filter((r) => r.source === 'import').flatMap((r) => given(r).map((m) => minuteKey(r, m))));
	const out = new Map<Platform, Map<FigureMetric, PlatformSeries>>();
	// rank: an import outranks any manual reading, then the later in the input wins.
	const raw = new Map<string, { at: number; value: number; rank: number }[]>();
	live.forEach((r, order) => {
		for (const metric of given(r)) {
			if (r.source === 'manual' && imported.has(minuteKey(r, metric))) continue;
			const key = `${r.platform}:${metric}`;
			if (!raw.has(key)) raw.set(key, []);
			raw.get(key)!.push({ at: r.at, value: r.figures[metric]!, rank: (r.source === 'import' ? live.length : 0) + order });
		}
	});
	for (const [key, list] of raw) {
		const [platform, metric] = key.split(':') as [Platform, FigureMetric];
		// One value per instant: the highest rank (import, then later input).
		const byAt = new Map<number, { value: number; rank: number }>();
		for (const p of list) if ((byAt.get(p.at)?.rank ?? -1) < p.rank) byAt.set(p.at, p);
		let points: Series = [...byAt].map(([at, p]) => ({ at, value: p.value })).sort((a, b) => a.at - b.at);
		const lastReadingAt = points[points.length - 1].at;
		if ((CUMULATIVE_METRICS as readonly string[]).includes(metric)) {
			if (runStart !== null && points[0].at > runStart) points = [{ at: runStart, value: 0 }, ...points];
			for (let k = points.length - 2; k >= 0; k--) points[k] = { ...points[k], value: Math.min(points[k].value, points[k + 1].value) };
		}
		if (!out.has(platform)) out.set(platform, new Map());
		out.get(platform)!.set(metric, { points, lastReadingAt });
	}
	return out;
}

/** A series' value at `t` (see the module comment); null before its first point. */
export function seriesValueAt(points: readonly CurvePoint[], t: EpochMs): SeriesValue | null {
	if (!points.length || t < points[0].at) return null;
	let lo = 0;
	let hi = points.length - 1;
	if (t >= points[hi].at) return { value: points[hi].value, how: t === points[hi].at ? 'exact' : 'last_known' };
	while (hi - lo > 1) {
		const mid = (lo + hi) >> 1;
		if (points[mid].at <= t) lo = mid;
		else hi = mid;
	}
	const a = points[lo];
	const b = points[hi];
	if (t === a.at) return { value: a.value, how: 'exact' };
	return { value: a.value + ((b.value - a.value) * (t - a.at)) / (b.at - a.at), how: 'interpolated' };
}

const WORST: Record<ValueHow, number> = { exact: 0, interpolated: 1, last_known: 2 };

/** The sum over platforms at `t`, with the least exact `how`; null when no platform has a value. */
function sumAt(all: readonly Series[], t: EpochMs): SeriesValue | null {
	let sum: SeriesValue | null = null;
	for (const points of all) {
		const v = seriesValueAt(points, t);
		if (!v) continue;
		sum = sum ? { value: sum.value + v.value, how: WORST[v.how] > WORST[sum.how] ? v.how : sum.how } : v;
	}
	return sum;
}

/** The curve summed over platforms at every instant any of them has a point. */
function summedCurve(all: readonly Series[]): Series {
	const instants = [...new Set(all.flatMap((s) => s.map((p) => p.at)))].sort((a, b) => a - b);
	return instants.map((at) => ({ at, value: Math.round(sumAt(all, at)!.value) }));
}

const roundValue = (v: SeriesValue | null): SeriesValue | null => (v ? { value: Math.round(v.value), how: v.how } : null);
const sumOrNull = (values: readonly (number | null)[]): number | null => (values.some((v) => v !== null) ? values.reduce<number>((s, v) => s + (v ?? 0), 0) : null);
const gpm = (gmvFen: number | null, views: number | null): number | null => (gmvFen !== null && views !== null && views > 0 ? Math.round((gmvFen * 1000) / views) : null);

/** The audience results of one run (see the module comment for every rule). */
export function audienceResults(input: AudienceInput): AudienceResults {
	const { intervals, now } = input;
	const runStart = intervals.length ? intervals[0].from : null;
	const series = seriesOf(input.platform ? input.readings.filter((r) => r.platform === input.platform) : input.readings, runStart);
	const metricSeries = (metric: FigureMetric) => [...series.values()].flatMap((m) => (m.get(metric) ? [m.get(metric)!] : []));

	const byPlatform: Partial<Record<Platform, AudienceCurves>> = {};
	for (const [platform, metrics] of series) byPlatform[platform] = { viewers: metrics.get('viewers')?.points ?? [], gmvFen: metrics.get('gmvFen')?.points ?? [] };
	const viewerSeries = metricSeries('viewers').map((s) => s.points);
	const total: AudienceCurves = { viewers: summedCurve(viewerSeries), gmvFen: summedCurve(metricSeries('gmvFen').map((s) => s.points)) };

	/** A cumulative metric's gain over [from, to], summed over the platforms that have a reading after `from`. */
	const gain = (metric: FigureMetric, from: EpochMs, to: EpochMs): { value: number | null; estimated: boolean } => {
		let value: number | null = null;
		let estimated = false;
		for (const s of metricSeries(metric)) {
			if (s.lastReadingAt <= from) continue;
			const a = seriesValueAt(s.points, from);
			const b = seriesValueAt(s.points, to);
			if (!a || !b) continue;
			value = (value ?? 0) + b.value - a.value;
			estimated ||= a.how !== 'exact' || b.how !== 'exact';
		}
		return { value, estimated };
	};

	const sheetIds = new Set(input.segments.map((s) => s.id));
	const rows: Pick<Segment, 'id' | 'title' | 'productId'>[] = [
		...input.segments,
		...[...new Set(intervals.map((i) => i.segmentId))].filter((id) => !sheetIds.has(id)).map((id) => ({ id, title: id, productId: null }))
	];
	const segments: SegmentAudience[] = rows.map((segment) => {
		const visits = intervals.filter((i) => i.segmentId === segment.id).map((i) => ({ from: i.from, to: i.to ?? Math.max(i.from, now) }));
		const base = { segmentId: segment.id, title: segment.title, productId: segment.productId, onRunSheet: sheetIds.has(segment.id), visits: visits.length };
		if (!visits.length) {
			return { ...base, onAirMs: 0, viewersStart: null, viewersEnd: null, viewersPeak: null, viewersChange: null, gmvFen: null, orders: null, viewsGained: null, gpmFen: null, gmvShare: null, estimated: false };
		}
		const viewersStart = sumAt(viewerSeries, visits[0].from);
		const viewersEnd = sumAt(viewerSeries, visits[visits.length - 1].to);
		const peaks = visits.flatMap((v) => [
			...total.viewers.filter((p) => p.at >= v.from && p.at <= v.to).map((p) => p.value),
			...[sumAt(viewerSeries, v.from), sumAt(viewerSeries, v.to)].flatMap((x) => (x ? [x.value] : []))
		]);
		let estimated = [viewersStart, viewersEnd].some((v) => v !== null && v.how !== 'exact');
		const gained = (metric: FigureMetric) => {
			const parts = visits.map((v) => gain(metric, v.from, v.to));
			estimated ||= parts.some((p) => p.estimated);
			const sum = sumOrNull(parts.map((p) => p.value));
			return sum === null ? null : Math.round(sum);
		};
		const gmvFen = gained('gmvFen');
		const viewsGained = gained('totalViews');
		const start = roundValue(viewersStart);
		const end = roundValue(viewersEnd);
		return {
			...base,
			onAirMs: visits.reduce((s, v) => s + (v.to - v.from), 0),
			viewersStart: start,
			viewersEnd: end,
			viewersPeak: peaks.length ? Math.round(Math.max(...peaks)) : null,
			viewersChange: start && end ? end.value - start.value : null,
			gmvFen,
			orders: gained('orders'),
			viewsGained,
			gpmFen: gpm(gmvFen, viewsGained),
			gmvShare: null,
			estimated
		};
	});
	const totalGmv = sumOrNull(segments.map((s) => s.gmvFen));
	for (const s of segments) s.gmvShare = s.gmvFen !== null && totalGmv ? s.gmvFen / totalGmv : null;

	const productIds = [...new Set(input.segments.map((s) => s.productId).filter((id): id is number => id !== null))];
	const products: ProductAudience[] = productIds.map((productId) => {
		const slots = segments.filter((s) => s.onRunSheet && s.productId === productId);
		const gmvFen = sumOrNull(slots.map((s) => s.gmvFen));
		const viewsGained = sumOrNull(slots.map((s) => s.viewsGained));
		const peaks = slots.flatMap((s) => (s.viewersPeak !== null ? [s.viewersPeak] : []));
		return {
			productId,
			segmentIds: slots.map((s) => s.segmentId),
			gmvFen,
			orders: sumOrNull(slots.map((s) => s.orders)),
			viewsGained,
			gpmFen: gpm(gmvFen, viewsGained),
			gmvShare: gmvFen !== null && totalGmv ? gmvFen / totalGmv : null,
			viewersPeak: peaks.length ? Math.max(...peaks) : null
		};
	});

	const totalViews = sumOrNull(segments.map((s) => s.viewsGained));
	const runPeaks = segments.flatMap((s) => (s.viewersPeak !== null ? [s.viewersPeak] : []));
	const pick = (values: SegmentPick[], better: (a: number, b: number) => boolean): SegmentPick | null =>
		values.reduce<SegmentPick | null>((best, v) => (best === null || better(v.value, best.value) ? v : best), null);
	// Selling segments (with a product) compete; a warm-up or an interaction sells nothing by design
	// and is never "weakest". A show without product segments compares all of them.
	const selling = segments.some((s) => s.productId !== null) ? segments.filter((s) => s.productId !== null) : segments;
	const byGmv = selling.flatMap((s) => (s.gmvFen !== null ? [{ segmentId: s.segmentId, value: s.gmvFen }] : []));
	const byGpm = selling.flatMap((s) => (s.gpmFen !== null && (s.viewsGained ?? 0) >= GPM_MIN_VIEWS ? [{ segmentId: s.segmentId, value: s.gpmFen }] : []));
	const higher = (a: number, b: number) => a > b;
	const lower = (a: number, b: number) => a < b;

	return {
		curves: { byPlatform, total },
		segments,
		products,
		totals: { gmvFen: totalGmv, orders: sumOrNull(segments.map((s) => s.orders)), viewsGained: totalViews, gpmFen: gpm(totalGmv, totalViews), viewersPeak: runPeaks.length ? Math.max(...runPeaks) : null },
		best: { gmv: pick(byGmv, higher), gpm: pick(byGpm, higher) },
		weakest: { gmv: byGmv.length > 1 ? pick(byGmv, lower) : null, gpm: byGpm.length > 1 ? pick(byGpm, lower) : null }
	};
}
