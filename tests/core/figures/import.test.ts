import { describe, expect, it } from 'vitest';
import { runAudience } from '../../../src/lib/core/figures/audience';
import type { ProductTotal } from '../../../src/lib/core/figures/exports';
import { attributeCheckpoints, importSpan, matchExportProducts, readPlatformExport, salesFromOrders } from '../../../src/lib/core/figures/import';
import type { FigureReading } from '../../../src/lib/core/figures/metrics';
import type { OnAirInterval } from '../../../src/lib/core/figures/timeline';
import { curvePanel, reportChart } from '../../../src/lib/core/report-chart';
import { buildShowReport } from '../../../src/lib/core/report';
import { makeSegment, makeShow, MIN, START } from '../factories';
import { drive } from './drive';

const t = (min: number) => START + min * MIN;

describe('reading an uploaded export', () => {
	it('takes a file with an order number column as an order export, else as minute data, else names what is missing', () => {
		const orders = readPlatformExport(
			[
				['订单编号', '实付金额', '订单状态', '支付时间'],
				['1001', '19.90', '已完成', '2026-11-20 19:31:05']
			],
			'2026-11-20'
		);
		expect(orders.kind).toBe('orders');
		const minutes = readPlatformExport(
			[
				['时间', '在线人数', '订单数'],
				['19:31', '120', '2']
			],
			'2026-11-20'
		);
		expect(minutes.kind).toBe('liveData');
		const neither = readPlatformExport([['姓名', '年龄'], ['张三', '20']], '2026-11-20');
		expect(neither.kind).toBeNull();
		expect(neither.kind === null && neither.issues.map((i) => i.code)).toEqual(['NO_HEADER']);
	});

	it('attributes each minute to the segment on air, null before the start and after the end', () => {
		const intervals: OnAirInterval[] = [
			{ segmentId: 'A', from: t(0), to: t(10), paused: [], pausedMs: 0 },
			{ segmentId: 'B', from: t(10), to: t(20), paused: [], pausedMs: 0 }
		];
		const attributed = attributeCheckpoints([t(-1), t(0), t(9), t(10), t(20), t(21)].map((at) => ({ at, figures: { viewers: 1 } })), intervals);
		expect(attributed.map((c) => c.segmentId)).toEqual([null, 'A', 'A', 'B', 'B', null]);
	});

	it('spans the file: how many points, how many inside the run, and each metric’s last value', () => {
		const span = importSpan(
			[
				{ at: t(-5), figures: { viewers: 10, gmvFen: 0 } },
				{ at: t(5), figures: { viewers: 20 } },
				{ at: t(15), figures: { gmvFen: 500 } }
			],
			{ from: t(0), to: t(10) }
		);
		expect(span).toEqual({ count: 3, inRun: 1, firstAt: t(-5), lastAt: t(15), last: { viewers: 20, gmvFen: 500 } });
	});
});

describe('matching an order export’s products to the show’s', () => {
	const products = [
		{ id: 1, name: '秭归脐橙', productUrl: 'https://haohuo.jinritemai.com/views/product/item2?id=3612345678901234503' },
		{ id: 2, name: '宜红工夫茶', productUrl: null },
		{ id: 3, name: '工夫茶', productUrl: null }
	];
	const line = (p: Partial<ProductTotal>): ProductTotal => ({ productId: null, skuCode: null, title: null, orders: 1, units: 1, netFen: 100, ...p });

	it('by 商品ID in the product link, else by title (the longest name the title contains); the rest unmatched', () => {
		const matched = matchExportProducts(
			[
				line({ productId: '3612345678901234503', title: '完全不同的标题' }),
				line({ productId: '361234567890123450', title: null }), // a prefix of the id is no match
				line({ title: '宜红工夫茶 250g/罐', orders: 2, netFen: 300 }),
				line({ title: '宜红工夫茶 礼盒', orders: 1, netFen: 50 }),
				line({ title: '武昌鱼 1条装' })
			],
			products
		);
		expect(matched.map((m) => m.match && [m.match.productId, m.match.by])).toEqual([[1, 'productId'], null, [2, 'title'], [2, 'title'], null]);
		// Lines of one product added up into its sales figures.
		expect(salesFromOrders(matched)).toEqual([
			{ productId: 1, name: '秭归脐橙', orders: 1, units: 1, gmvFen: 100 },
			{ productId: 2, name: '宜红工夫茶', orders: 3, units: 2, gmvFen: 350 }
		]);
	});
});

describe('the run’s audience for the report', () => {
	const show = makeShow({ segments: [makeSegment({ id: 'A', durationSec: 600 }), makeSegment({ id: 'B', durationSec: 600 })] });
	const { events } = drive(show, [
		[t(0), { type: 'start', mode: 'live' }],
		[t(10), { type: 'next' }],
		[t(20), { type: 'end' }]
	]);
	const reading = (min: number, figures: FigureReading['figures'], source: FigureReading['source'], deleted = false): FigureReading => ({ platform: 'douyin', at: t(min), source, figures, deleted });

	it('is null without a checkpoint left, and counts typed and imported checkpoints per platform', () => {
		expect(runAudience({ segments: show.segments, events, readings: [], now: t(30) })).toBeNull();
		expect(runAudience({ segments: show.segments, events, readings: [reading(5, { viewers: 1 }, 'manual', true)], now: t(30) })).toBeNull();
		const audience = runAudience({
			segments: show.segments,
			events,
			readings: [reading(0, { gmvFen: 0 }, 'import'), reading(10, { gmvFen: 1000 }, 'import'), reading(20, { gmvFen: 4000 }, 'import'), { ...reading(15, { viewers: 80 }, 'manual'), platform: 'kuaishou' }],
			now: t(30)
		})!;
		expect(audience.sources).toEqual([
			{ platform: 'douyin', manual: 0, imported: 3 },
			{ platform: 'kuaishou', manual: 1, imported: 0 }
		]);
		expect(audience.segments.map((s) => [s.segmentId, s.gmvFen, s.gmvShare])).toEqual([
			['A', 1000, 0.25],
			['B', 3000, 0.75]
		]);
		expect(audience.best.gmv).toEqual({ segmentId: 'B', value: 3000 });
	});
});

describe('curves under the segment chart', () => {
	const show = makeShow({ segments: [makeSegment({ id: 'A', durationSec: 600 }), makeSegment({ id: 'B', durationSec: 600 })] });
	const { events } = drive(show, [
		[show.startsAt, { type: 'start', mode: 'live' }],
		[show.startsAt + 10 * MIN, { type: 'next' }],
		[show.startsAt + 20 * MIN, { type: 'end' }]
	]);
	const report = buildShowReport({ show, run: { id: 1, mode: 'live', startedAt: show.startsAt, endedAt: show.startsAt + 20 * MIN }, events, products: [], sales: [], now: show.startsAt + 30 * MIN });
	const chart = reportChart(report.segments, { now: show.startsAt + 30 * MIN, width: 1000, labelWidth: 200 });

	it('share the chart’s time axis, cut where the curve crosses its ends, with a round top and the peak', () => {
		const at = (min: number) => chart.from + (min / 20) * (chart.to - chart.from);
		const panel = curvePanel(
			chart,
			[
				{ at: at(-10), value: 0 },
				{ at: at(10), value: 400 },
				{ at: at(20), value: 300 },
				{ at: at(30), value: 700 }
			],
			{ top: 100, height: 50 }
		);
		const x = (min: number) => Math.round((chart.axisX + (min / 20) * chart.axisWidth) * 10) / 10;
		// Points at the axis's start (200 by interpolation), inside, and its end; the one past the end is cut.
		expect(panel.points.split(' ').map((p) => p.split(',').map(Number))).toEqual([
			[x(0), 100 + 50 - (200 / 500) * 50],
			[x(10), 100 + 50 - (400 / 500) * 50],
			[x(20), 100 + 50 - (300 / 500) * 50]
		]);
		expect(panel.max).toBe(500);
		expect(panel.peak).toEqual({ value: 400, x: x(10), y: 110 });
		expect(curvePanel(chart, [{ at: chart.to + 1, value: 5 }], { top: 0, height: 10 })).toMatchObject({ points: '', peak: null, max: 1 });
	});
});
