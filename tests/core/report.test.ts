import { describe, expect, it } from 'vitest';
import { applyCommand, initialLiveState, type LiveCommand, type LiveState } from '../../src/lib/core/live';
import { ALERT_KINDS } from '../../src/lib/core/live/alerts';
import { alertName, buildShowReport, type LogEvent, type LogRun } from '../../src/lib/core/report';
import { reportChart } from '../../src/lib/core/report-chart';
import { plannedSchedule } from '../../src/lib/core/schedule';
import type { Segment, Show } from '../../src/lib/core/model';
import { makeProducts, makeSegment, makeShow, MIN, START } from './factories';

const SEC = 1000;

/** Drives the reducer through `steps` and answers the log the engine would have written. */
function drive(show: Show, steps: [at: number, command: LiveCommand, actor?: string][]): { events: LogEvent[]; run: LogRun; state: LiveState } {
	let state = initialLiveState();
	const events: LogEvent[] = [];
	const sheet = { startsAt: show.startsAt, segments: show.segments };
	for (const [at, command, actor] of steps) {
		const result = applyCommand(state, command, sheet, at);
		if (!result.ok) throw new Error(`${command.type}: ${result.code}`);
		state = result.state;
		events.push({ id: events.length + 1, kind: 'command', type: command.type, version: state.version, payload: { ...command }, state, actor: actor ?? 'producer:laptop', at });
	}
	const first = steps[0];
	return { events, state, run: { id: 1, mode: first[1].type === 'start' ? first[1].mode : 'live', startedAt: first[0], endedAt: state.endedAt } };
}

function showWithFlashSale(): Show {
	const show = makeShow();
	const products = makeProducts(5);
	const segments = [...show.segments];
	const at = segments.findIndex((s) => s.productId === products[2].id);
	segments.splice(at + 1, 0, makeSegment({ id: 'flash', kind: 'flash_sale', title: '秒杀', durationSec: 300, productId: products[2].id, flashSale: { priceFen: 990, quantity: 100, windowSec: 120, offsetSec: 60, rules: '' } }));
	return { ...show, segments };
}

describe('the after-show report', () => {
	it('gives every segment its planned and actual start and length from the event log', () => {
		const show = showWithFlashSale();
		const seg = show.segments;
		const slots = plannedSchedule(show.startsAt, seg);
		const ids = seg.map((s) => s.id);
		const at = (id: string) => slots[ids.indexOf(id)].startAt;
		const idx = (kind: Segment['kind'], n = 0) => seg.filter((s) => s.kind === kind)[n];
		const [p1, p2, p3] = [idx('product', 0), idx('product', 1), idx('product', 2)];
		const closing = idx('closing');

		const tStart = slots[0].startAt + 30 * SEC;
		const tOpening = START + 10 * SEC;
		const tP1 = at(p1.id) + 20 * SEC;
		const tP2 = tP1 + p1.durationSec * SEC + 60 * SEC + 90 * SEC;
		const tBack = tP2 + 3 * MIN;
		const tP3 = tBack + 2 * MIN;
		const tFlash = tP3 + p3.durationSec * SEC;
		const tSale = tFlash + 75 * SEC;
		const tClosing = tFlash + 5 * MIN;
		const tEnd = tClosing + closing.durationSec * SEC - 30 * SEC;
		const { events, run } = drive(show, [
			[tStart, { type: 'start', mode: 'live' }],
			[tOpening, { type: 'next' }],
			[tOpening + 60 * SEC, { type: 'message', text: '注意介绍购买方式' }],
			[tOpening + 75 * SEC, { type: 'message-ack', messageId: 'm3' }, 'host:tablet'],
			[tP1, { type: 'goto', segmentId: p1.id }],
			[tP1 + 2 * MIN, { type: 'pause' }],
			[tP1 + 3 * MIN + 30 * SEC, { type: 'resume' }],
			[tP2, { type: 'next' }],
			[tBack, { type: 'previous' }],
			[tBack + 30 * SEC, { type: 'add-time', deltaMs: 60 * SEC }],
			[tP3, { type: 'goto', segmentId: p3.id }],
			[tFlash, { type: 'next' }],
			[tSale, { type: 'flash-sale-start' }],
			[tSale + 90 * SEC, { type: 'flash-sale-stop' }],
			[tSale + 100 * SEC, { type: 'set-stock', productId: p3.productId!, stock: 12 }],
			[tClosing, { type: 'goto', segmentId: closing.id }],
			[tEnd, { type: 'end' }]
		]);
		events.push({ id: 99, kind: 'alert', type: 'segment_overtime', version: null, payload: { key: 'k', segmentId: p1.id, data: {} }, state: null, actor: 'system', at: tP1 + p1.durationSec * SEC });
		const report = buildShowReport({ show, run, events, products: makeProducts(5), sales: [{ productId: p1.productId!, orders: 10, units: 12, gmvFen: 46800 }], now: tEnd + 60 * MIN });

		const byId = new Map(report.segments.map((s) => [s.segmentId, s]));
		// Planned times are the run-sheet's; actual ones are the instants the commands entered and left.
		report.segments.forEach((s, i) => {
			expect(s.plannedStartAt).toBe(slots[i].startAt);
			expect(s.plannedDurationMs).toBe(seg[i].durationSec * SEC);
		});
		expect(byId.get(seg[0].id)).toMatchObject({ actualStartAt: tStart, actualEndAt: tOpening, actualDurationMs: tOpening - tStart, startDelayMs: 30 * SEC, outcome: 'done' });
		expect(byId.get(seg[1].id)).toMatchObject({ actualStartAt: tOpening, actualEndAt: tP1, startDelayMs: 10 * SEC });
		// p1 ran twice: from tP1 to tP2 with a 90-s pause, and again from tBack to tP3 with a minute added.
		expect(byId.get(p1.id)).toMatchObject({
			visits: 2,
			actualStartAt: tP1,
			actualEndAt: tP3,
			actualDurationMs: tP2 - tP1 + (tP3 - tBack),
			pausedMs: 90 * SEC,
			adjustMs: 60 * SEC,
			overrunMs: tP2 - tP1 + (tP3 - tBack) - p1.durationSec * SEC,
			overrun: true
		});
		expect(byId.get(p2.id)).toMatchObject({ visits: 1, actualStartAt: tP2, actualEndAt: tBack, overrun: false });
		expect(byId.get('flash')).toMatchObject({ actualStartAt: tFlash, actualEndAt: tClosing });
		expect(byId.get(closing.id)).toMatchObject({ actualStartAt: tClosing, actualEndAt: tEnd, overrunMs: -30 * SEC, overrun: false });
		// Segments between p3 and the flash sale, and after it, that never went on air.
		const skipped = report.segments.filter((s) => s.outcome === 'skipped').map((s) => s.segmentId);
		expect(skipped.length).toBeGreaterThan(0);
		expect(skipped).not.toContain(p3.id);

		expect(report.summary).toMatchObject({
			announcedStartAt: START,
			actualOpeningAt: tOpening,
			openingDelayMs: 10 * SEC,
			actualStartAt: tStart,
			actualEndAt: tEnd,
			driftMs: tEnd - slots[slots.length - 1].endAt,
			pauses: 1,
			pausedMs: 90 * SEC,
			adjustMs: 60 * SEC,
			commands: 17,
			messages: 1,
			alerts: 1,
			flashSalesPlanned: 1,
			flashSalesRun: 1,
			segmentsSkipped: skipped.length
		});
		expect(report.flashSales).toEqual([
			expect.objectContaining({ segmentId: 'flash', plannedAt: at('flash') + 60 * SEC, actualAt: tSale, actualOffsetMs: 75 * SEC, delayMs: tSale - (at('flash') + 60 * SEC), plannedWindowMs: 120 * SEC, actualWindowMs: 90 * SEC, stoppedEarly: true, priceFen: 990, quantity: 100 })
		]);
		expect(report.messages).toEqual([{ id: 'm3', text: '注意介绍购买方式', sentAt: tOpening + 60 * SEC, sentBy: 'producer:laptop', ackedAt: tOpening + 75 * SEC, ackedBy: 'host:tablet' }]);
		expect(report.alerts).toEqual([{ type: 'segment_overtime', at: tP1 + p1.durationSec * SEC, segmentId: p1.id, data: {} }]);
		expect(report.alertCounts).toEqual({ segment_overtime: 1 });
		expect(report.stockUpdates).toEqual([{ productId: p3.productId, stock: 12, at: tSale + 100 * SEC, actor: 'producer:laptop' }]);
		expect(report.pauses).toEqual([{ segmentId: p1.id, at: tP1 + 2 * MIN, resumedAt: tP1 + 3 * MIN + 30 * SEC, durationMs: 90 * SEC }]);
		expect(report.sales.totals).toEqual({ orders: 10, units: 12, gmvFen: 46800 });
		expect(report.sales.rows.map((r) => r.entered)).toEqual([true, false, false, false, false]);
	});

	it('reports a run still on air up to now, and a rehearsal against its own announced start', () => {
		const show = makeShow();
		const t0 = START - 2 * 24 * 3600_000;
		const { events, run } = drive(show, [
			[t0, { type: 'start', mode: 'rehearsal' }],
			[t0 + 15 * MIN, { type: 'next' }],
			[t0 + 16 * MIN, { type: 'pause' }]
		]);
		const now = t0 + 18 * MIN;
		const report = buildShowReport({ show, run: { ...run, endedAt: null }, events, products: [], sales: [], now });
		expect(report.run!.inProgress).toBe(true);
		expect(report.summary.announcedStartAt).toBe(t0 + 15 * MIN);
		expect(report.summary.driftMs).toBeNull();
		const opening = report.segments[1];
		expect(opening).toMatchObject({ outcome: 'on_air', actualStartAt: t0 + 15 * MIN, actualEndAt: null, actualDurationMs: 3 * MIN, pausedMs: 2 * MIN, overrunMs: null });
		expect(report.segments[0]).toMatchObject({ plannedStartAt: t0, actualStartAt: t0, startDelayMs: 0 });
		expect(report.pauses).toEqual([{ segmentId: opening.segmentId, at: t0 + 16 * MIN, resumedAt: null, durationMs: 2 * MIN }]);
	});

	it('keeps a segment removed from the run-sheet after it ran, and shows the plan alone before any run', () => {
		const show = makeShow();
		const { events, run } = drive(show, [
			[START - 15 * MIN, { type: 'start', mode: 'live' }],
			[START, { type: 'next' }],
			[START + 5 * MIN, { type: 'end' }]
		]);
		const edited = { ...show, segments: show.segments.slice(1) };
		const report = buildShowReport({ show: edited, run, events, products: [], sales: [], now: START + 10 * MIN });
		const removed = report.segments.find((s) => s.outcome === 'removed')!;
		expect(removed).toMatchObject({ segmentId: show.segments[0].id, position: null, actualStartAt: START - 15 * MIN, actualEndAt: START });

		const plan = buildShowReport({ show, run: null, events: [], products: [], sales: [], now: START });
		expect(plan.run).toBeNull();
		expect(plan.summary.segmentsSkipped).toBe(0);
		expect(plan.segments.every((s) => s.actualStartAt === null && s.plannedStartAt !== null)).toBe(true);
	});

	it('lays out the planned-vs-actual chart on one time axis', () => {
		const show = makeShow();
		const { events, run } = drive(show, [
			[START - 15 * MIN, { type: 'start', mode: 'live' }],
			[START + 2 * MIN, { type: 'next' }],
			[START + 9 * MIN, { type: 'end' }]
		]);
		const report = buildShowReport({ show, run, events, products: [], sales: [], now: START + 10 * MIN });
		const chart = reportChart(report.segments, { now: START + 10 * MIN, width: 1000, labelWidth: 200, plannedEndAt: report.summary.plannedEndAt, actualEndAt: report.summary.actualEndAt });
		expect(chart.rows).toHaveLength(show.segments.length);
		const [warmup, opening] = chart.rows;
		expect(warmup.planned!.x).toBeCloseTo(200);
		// The opening started 2 minutes late and ran 7 minutes against 5 planned.
		expect(opening.actual!.x).toBeGreaterThan(opening.planned!.x);
		expect(opening.actual!.width / opening.planned!.width).toBeCloseTo(7 / 5);
		expect(chart.rows[2].actual).toBeNull();
		expect(chart.ticks.length).toBeGreaterThanOrEqual(3);
		expect(chart.ticks.every((t) => t.x >= 200 && t.x <= 1000)).toBe(true);
		expect(chart.ticks[0].label).toMatch(/^\d\d:\d\d$/);
	});
});

describe('alert names', () => {
	it('names every alert kind in both languages, never the raw code', () => {
		for (const kind of ALERT_KINDS) {
			for (const locale of ['zh-CN', 'en'] as const) {
				const name = alertName(kind, locale);
				expect(name, `${kind} ${locale}`).not.toBe(kind);
				expect(name.length).toBeGreaterThan(0);
			}
		}
		expect(alertName('host_offline', 'en')).toBe('Host screen offline');
	});

	it('falls back to the code for an unknown type', () => {
		expect(alertName('no_such_alert', 'zh-CN')).toBe('no_such_alert');
	});
});
