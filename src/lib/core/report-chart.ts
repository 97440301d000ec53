/**
 * Geometry of the planned-vs-actual chart of a report: one row per segment on a shared time axis
 * (Asia/Shanghai clock times), the planned slot as an outlined bar and the actual time on air as a
 * solid bar beneath it. Pure numbers; a component draws them as SVG.
 */
import { formatShanghai } from './format';
import type { EpochMs } from './model';
import type { SegmentReport } from './report';

export interface ChartBar {
	x: number;
	width: number;
}

export interface ChartRow {
	segmentId: string;
	label: string;
	/** Top of the row, px. */
	y: number;
	planned: ChartBar | null;
	actual: ChartBar | null;
	overrun: boolean;
	skipped: boolean;
}

export interface ChartTick {
	x: number;
	label: string;
	at: EpochMs;
}

export interface ReportChart {
	width: number;
	height: number;
	/** Left edge of the time axis (labels sit to its left), px. */
	axisX: number;
	axisWidth: number;
	/** Top of the first row, px (ticks sit above it). */
	top: number;
	rowHeight: number;
	rows: ChartRow[];
	ticks: ChartTick[];
	/** The actual end of the run, when known, as an x. */
	endX: number | null;
	/** The planned end, as an x. */
	plannedEndX: number | null;
	/** The instants at the axis's ends, epoch ms (curves drawn under the bars use the same axis). */
	from: EpochMs;
	to: EpochMs;
}

export interface ChartOptions {
	width?: number;
	labelWidth?: number;
	rowHeight?: number;
	top?: number;
	/** Closes a bar still on air. */
	now: EpochMs;
	plannedEndAt?: EpochMs | null;
	actualEndAt?: EpochMs | null;
}

const TICK_STEPS_MIN = [1, 2, 5, 10, 15, 20, 30, 60, 120];

/** Chart geometry for the report's segments, in run-sheet order. */
export function reportChart(segments: readonly SegmentReport[], options: ChartOptions): ReportChart {
	const width = options.width ?? 960;
	const labelWidth = options.labelWidth ?? 220;
	const rowHeight = options.rowHeight ?? 30;
	const top = options.top ?? 28;
	const axisX = labelWidth;
	const axisWidth = width - labelWidth - 16;

	const instants: number[] = [];
	for (const s of segments) {
		if (s.plannedStartAt !== null) instants.push(s.plannedStartAt);
		if (s.plannedEndAt !== null) instants.push(s.plannedEndAt);
		if (s.actualStartAt !== null) instants.push(s.actualStartAt, s.actualEndAt ?? options.now);
	}
	if (options.actualEndAt) instants.push(options.actualEndAt);
	const from = instants.length ? Math.min(...instants) : 0;
	const to = instants.length ? Math.max(...instants, from + 60_000) : 60_000;
	const scale = axisWidth / (to - from);
	const x = (t: number) => axisX + (t - from) * scale;
	const bar = (start: number | null, end: number | null): ChartBar | null =>
		start === null || end === null ? null : { x: x(start), width: Math.max(1.5, (end - start) * scale) };

	const rows: ChartRow[] = segments.map((s, i) => ({
		segmentId: s.segmentId,
		label: s.position !== null ? `${s.position}. ${s.title}` : s.title,
		y: top + i * rowHeight,
		planned: bar(s.plannedStartAt, s.plannedEndAt),
		actual: s.actualStartAt !== null ? bar(s.actualStartAt, s.actualEndAt ?? options.now) : null,
		overrun: s.overrun,
		skipped: s.outcome === 'skipped'
	}));

	// About eight ticks on whole minutes.
	const spanMin = (to - from) / 60_000;
	const step = (TICK_STEPS_MIN.find((m) => spanMin / m <= 8) ?? 240) * 60_000;
	const ticks: ChartTick[] = [];
	for (let at = Math.ceil(from / step) * step; at <= to; at += step) ticks.push({ at, x: x(at), label: formatShanghai(at, 'time', 'zh-CN') });

	return {
		width,
		height: top + segments.length * rowHeight + 8,
		axisX,
		axisWidth,
		top,
		rowHeight,
		rows,
		ticks,
		endX: options.actualEndAt ? x(options.actualEndAt) : null,
		plannedEndX: options.plannedEndAt ? x(options.plannedEndAt) : null,
		from,
		to
	};
}

/** A curve drawn in a band under the bars, on the chart's time axis. */
export interface CurvePanel {
	/** Top of the band and its height, px. */
	top: number;
	height: number;
	/** SVG polyline points ('x,y x,y …'); '' when no point falls on the axis. */
	points: string;
	/** The value at the band's top (a round number at or above the highest value shown). */
	max: number;
	/** Highest value on the axis, and where (for a label). */
	peak: { value: number; x: number; y: number } | null;
}

/** 1, 2 or 5 times a power of ten, at or above `v` (and at least 1). */
function roundUp(v: number): number {
	if (v <= 1) return 1;
	const p = 10 ** Math.floor(Math.log10(v));
	return ([1, 2, 5, 10].find((m) => m * p >= v) ?? 10) * p;
}

/**
 * A curve's points on the chart's axis (epoch ms → x), clipped to it: points outside are left out,
 * and the line is cut where it crosses an end (linear between the points on either side).
 */
export function curvePanel(chart: ReportChart, points: readonly { at: EpochMs; value: number }[], band: { top: number; height: number }): CurvePanel {
	const { from, to } = chart;
	const scale = chart.axisWidth / (to - from);
	const shown: { at: number; value: number }[] = [];
	const between = (a: { at: number; value: number }, b: { at: number; value: number }, t: number) => ({ at: t, value: a.value + ((b.value - a.value) * (t - a.at)) / (b.at - a.at) });
	points.forEach((p, i) => {
		const prev = points[i - 1];
		if (prev && prev.at < from && p.at > from) shown.push(between(prev, p, from));
		if (p.at >= from && p.at <= to) shown.push(p);
		if (prev && prev.at < to && p.at > to) shown.push(between(prev, p, to));
	});
	const highest = shown.reduce<{ at: number; value: number } | null>((best, p) => (best === null || p.value > best.value ? p : best), null);
	const max = roundUp(highest?.value ?? 0);
	const x = (t: number) => chart.axisX + (t - from) * scale;
	const y = (v: number) => band.top + band.height - (v / max) * band.height;
	const round = (n: number) => Math.round(n * 10) / 10;
	return {
		top: band.top,
		height: band.height,
		points: shown.map((p) => `${round(x(p.at))},${round(y(p.value))}`).join(' '),
		max,
		peak: highest ? { value: highest.value, x: round(x(highest.at)), y: round(y(highest.value)) } : null
	};
}
