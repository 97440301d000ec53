/**
 * After the show (issue 14) against the real server: each platform-export fixture uploaded on the
 * report → previewed (nothing stored) → confirmed (stored as imported checkpoints of the run) → the
 * report's curves and per-segment figures, checked against values worked out here from the file's
 * own lines (not through the parser); bad files refused with their codes and nothing stored; a city
 * account cannot import into another unit's show.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playRun, type RunStep } from '../../server/live/live-script';
import type { FigureImportPreview, FigureImportResult } from '../../src/lib/contract/figure-imports';
import type { ShowReportDto } from '../../src/lib/contract/reports';
import type { Show } from '../../src/lib/core/model';
import { cityCookie, multipart, readXlsx, rowTexts, showByTitle } from './paperwork-support';
import { makeApp, makeClock, signIn, type TestClock } from './support';

const MIN = 60_000;
const fixture = (name: string) => readFileSync(new URL(`../fixtures/platform-exports/${name}`, import.meta.url));
const DOUYIN = fixture('抖音-直播间分钟级数据-20261120.csv');
const KUAISHOU = fixture('快手-直播数据明细-20261120-GB18030.csv');
const ORDERS = fixture('抖店-订单导出-20261120.csv');
/** 2026-11-20 hh:mm in Asia/Shanghai. */
const at = (hh: number, mm: number) => Date.UTC(2026, 10, 20, hh - 8, mm);

let app: FastifyInstance;
let admin: string;
let clock: TestClock;
/** The demo show, run here on 2026-11-20 19:30 with every segment change on a whole minute. */
let demo: Show;
/** A campaign show seeded as run on the same evening (its products include the order export's 秭归脐橙 and 宜红工夫茶). */
let sanxia: Show;

beforeAll(async () => {
	// The campaign's show of 34 days ago falls on 2026-11-20.
	clock = makeClock(Date.UTC(2026, 11, 24, 2));
	app = await makeApp({ clock, campaign: true });
	demo = showByTitle(app, '荆楚好味道');
	sanxia = showByTitle(app, '长江三峡鲜甜季');
	admin = await signIn(app);
});
afterAll(() => app.close());

/** Minute rows of the 抖音 file read by hand: the date-time in column 0, per-minute figures added up here. */
function douyinByHand() {
	const lines = DOUYIN.toString('utf8').split(/\r?\n/).filter((l) => /^2026-11-20 \d\d:\d\d,/.test(l));
	let views = 0;
	let gmv = 0;
	let orders = 0;
	return lines.map((line) => {
		const c = line.split(',');
		const [hh, mm] = c[0].slice(11).split(':').map(Number);
		views += Number(c[2]);
		gmv += Number(c[4].replace('.', ''));
		orders += Number(c[5]);
		return { at: at(hh, mm), viewers: Number(c[1]), views, gmv, orders };
	});
}

const post = (url: string, file: Buffer, name: string, cookie = admin) => {
	const body = multipart(name, file, 'file', name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream');
	return app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie } });
};
const previewUrl = (show: Show, query: string) => `/api/shows/${show.id}/figures/import/preview?${query}`;
const importUrl = (show: Show, query: string) => `/api/shows/${show.id}/figures/import?${query}`;
const report = async (show: Show): Promise<ShowReportDto> => (await app.inject({ method: 'GET', url: `/api/shows/${show.id}/report`, headers: { cookie: admin } })).json();
const stored = () => app.deps.db.$client.prepare('SELECT count(*) AS n FROM figure_checkpoints').get() as { n: number };
const salesOf = (show: Show) => app.deps.repos.sales.list(show.id).map((r) => [r.productId, r.orders, r.units, r.gmvFen]);

describe('importing a live room’s minute data', () => {
	let steps: RunStep[];
	beforeAll(async () => {
		// 19:30 start, then a segment change every 10 minutes, the end at 21:29 (all on whole minutes).
		steps = [{ at: at(19, 30), command: { type: 'start', mode: 'live' } }];
		for (let i = 1; i < demo.segments.length; i++) steps.push({ at: at(19, 30) + i * 10 * MIN, command: { type: 'next' } });
		steps.push({ at: at(21, 29), command: { type: 'end' } });
		expect(demo.segments.length * 10).toBeLessThan(119);
		playRun(app.deps.services.live, clock, demo.id, steps);
		clock.set(Date.UTC(2026, 10, 21, 2));
		admin = await signIn(app);
	});

	it('previews the 抖音 export (UTF-8 with BOM): which column gave which figure, the issues, the totals; nothing stored', async () => {
		const before = stored().n;
		const response = await post(previewUrl(demo, 'platform=douyin'), DOUYIN, '抖音-直播间分钟级数据.csv');
		expect(response.statusCode, response.body).toBe(200);
		const preview: FigureImportPreview = response.json();
		expect(preview).toMatchObject({ kind: 'liveData', platform: 'douyin', encoding: 'utf-8', headerRow: 6, replaces: 0, orders: null });
		expect(preview.columns.map((c) => [c.field, c.header, c.reading])).toEqual([
			['time', '时间', null],
			['viewers', '实时在线人数', 'level'],
			['totalViews', '进入直播间人数', 'perMinute'],
			['gmvFen', '成交金额(元)', 'perMinute'],
			['orders', '成交订单数', 'perMinute'],
			['newFollowers', '新增粉丝数', 'perMinute'],
			['likes', '点赞次数', 'perMinute']
		]);
		expect(preview.ignored.map((c) => c.header)).toEqual(['离开直播间人数', '评论次数']);
		expect(preview.issues.filter((i) => i.code === 'PER_MINUTE_ACCUMULATED')).toHaveLength(5);
		// The README's totals (= the file's own 合计 line).
		expect(preview.checkpoints).toEqual({ count: 120, inRun: 120, firstAt: at(19, 30), lastAt: at(21, 29), last: { viewers: 763, totalViews: 6107, gmvFen: 2_172_304, orders: 291, newFollowers: 417, likes: 70_543 } });
		expect(stored().n).toBe(before);
	});

	it('confirms: 120 imported checkpoints, and the report has the curves and the per-segment figures worked out from the file', async () => {
		const response = await post(importUrl(demo, 'platform=douyin'), DOUYIN, '抖音-直播间分钟级数据.csv');
		expect(response.statusCode, response.body).toBe(200);
		const result: FigureImportResult = response.json();
		expect(result).toMatchObject({ stored: 120, replaced: 0, salesSaved: false });
		const runId = result.preview.runId;
		const checkpoints = app.deps.repos.figures.list(demo.id, runId);
		expect(checkpoints).toHaveLength(120);
		expect(checkpoints.every((c) => c.source === 'import' && c.platform === 'douyin' && c.createdBy === 'admin')).toBe(true);
		// Attributed to the segment on air at each minute.
		const segmentAtMinute = (t: number) => demo.segments[Math.min(demo.segments.length - 1, Math.floor((t - at(19, 30)) / (10 * MIN)))].id;
		for (const c of checkpoints) expect(c.segmentId, new Date(c.at).toISOString()).toBe(segmentAtMinute(c.at));

		const minutes = douyinByHand();
		const r = await report(demo);
		const a = r.audience!;
		expect(a.sources).toEqual([{ platform: 'douyin', manual: 0, imported: 120 }]);
		expect(a.curves.total.viewers).toEqual(minutes.map((m) => ({ at: m.at, value: m.viewers })));
		expect(a.curves.total.gmvFen).toEqual(minutes.map((m) => ({ at: m.at, value: m.gmv })));
		const byAt = new Map(minutes.map((m) => [m.at, m]));
		demo.segments.forEach((segment, i) => {
			const from = byAt.get(at(19, 30) + i * 10 * MIN)!;
			const to = byAt.get(i === demo.segments.length - 1 ? at(21, 29) : at(19, 30) + (i + 1) * 10 * MIN)!;
			const inside = minutes.filter((m) => m.at >= from.at && m.at <= to.at).map((m) => m.viewers);
			const row = a.segments.find((s) => s.segmentId === segment.id)!;
			const gmv = to.gmv - from.gmv;
			const views = to.views - from.views;
			expect(row, segment.title).toMatchObject({
				visits: 1,
				viewersStart: { value: from.viewers, how: 'exact' },
				viewersEnd: { value: to.viewers, how: 'exact' },
				viewersPeak: Math.max(...inside),
				viewersChange: to.viewers - from.viewers,
				gmvFen: gmv,
				orders: to.orders - from.orders,
				viewsGained: views,
				gpmFen: views > 0 ? Math.round((gmv * 1000) / views) : null,
				estimated: false
			});
		});
		// The run covers the file from its first minute: every minute after 19:30 is in some segment.
		const last = minutes[minutes.length - 1];
		expect(a.totals.gmvFen).toBe(last.gmv - minutes[0].gmv);
		const shares = a.segments.map((s) => s.gmvShare ?? 0);
		expect(shares.reduce((x, y) => x + y, 0)).toBeCloseTo(1, 9);
		// Best among the selling segments (those with a product).
		const best = a.segments.filter((s) => s.productId !== null).reduce((x, y) => ((y.gmvFen ?? -1) > (x.gmvFen ?? -1) ? y : x));
		expect(a.best.gmv).toEqual({ segmentId: best.segmentId, value: best.gmvFen });
		// Per product across its slots: the demo's products each have one slot.
		for (const p of a.products) {
			const slots = a.segments.filter((s) => s.productId === p.productId);
			expect(p.gmvFen).toBe(slots.reduce((x, s) => x + (s.gmvFen ?? 0), 0));
		}
	});

	it('puts the audience into the Excel report: per segment, per product and the curves by minute', async () => {
		const response = await app.inject({ method: 'GET', url: `/api/shows/${demo.id}/report.xlsx`, headers: { cookie: admin } });
		expect(response.statusCode).toBe(200);
		const workbook = await readXlsx(response.rawPayload);
		expect(workbook.worksheets.map((w) => w.name)).toEqual(['概况', '环节', '秒杀', '销售', '消息', '提醒', '观众与成交', '产品成交', '观众曲线']);
		const a = (await report(demo)).audience!;
		const segments = workbook.getWorksheet('观众与成交')!;
		expect(rowTexts(segments, 2)).toEqual(['环节', '开始时在线', '结束时在线', '峰值在线', '在线变化', '成交额（元）', '订单数', '新增观看', 'GPM（元）', '成交占比', '估算', '标注']);
		const first = a.segments[0];
		expect((segments.getRow(3).values as unknown[]).slice(0, 7)).toEqual([undefined, first.title, first.viewersStart!.value, first.viewersEnd!.value, first.viewersPeak, first.viewersChange, first.gmvFen! / 100]);
		const bestRow = a.segments.findIndex((s) => s.segmentId === a.best.gmv!.segmentId);
		expect(String(segments.getCell(3 + bestRow, 12).value)).toContain('成交额最高');
		const curves = workbook.getWorksheet('观众曲线')!;
		expect(curves.rowCount).toBe(2 + 120);
		expect(rowTexts(curves, 3)).toEqual(['19:30:00', '86', '263.01']);
		// Formula-safe: titles are text cells, never formulas.
		expect(segments.getCell(3, 1).numFmt).toBe('@');
	});

	it('a second import of the same platform replaces the first in one go; typed figures stay', async () => {
		const runId = app.deps.repos.live.runs(demo.id)[0].id;
		app.deps.repos.figures.add({ showId: demo.id, runId, platform: 'kuaishou', at: at(20, 0), segmentId: null, source: 'manual', figures: { viewers: 100 }, actor: 'recorder:tablet', now: clock() });
		const preview: FigureImportPreview = (await post(previewUrl(demo, 'platform=douyin'), DOUYIN, 'again.csv')).json();
		expect(preview.replaces).toBe(120);
		const result: FigureImportResult = (await post(importUrl(demo, 'platform=douyin'), DOUYIN, 'again.csv')).json();
		expect(result).toMatchObject({ stored: 120, replaced: 120 });
		const all = app.deps.repos.figures.list(demo.id, runId);
		expect(all.filter((c) => c.source === 'import')).toHaveLength(120);
		expect(all.filter((c) => c.source === 'manual')).toHaveLength(1);
		expect((await report(demo)).audience!.sources).toEqual([
			{ platform: 'douyin', manual: 0, imported: 120 },
			{ platform: 'kuaishou', manual: 1, imported: 0 }
		]);
	});

	it('reads the same data from an .xlsx', async () => {
		const workbook = new ExcelJS.Workbook();
		const ws = workbook.addWorksheet('分钟数据');
		ws.addRow(['时间', '实时在线人数', '成交金额(元)']);
		for (const m of douyinByHand()) ws.addRow([new Date(m.at + 8 * 3600_000), m.viewers, 1.5]);
		const response = await post(previewUrl(demo, 'platform=douyin'), Buffer.from(await workbook.xlsx.writeBuffer()), '分钟数据.xlsx');
		expect(response.statusCode, response.body).toBe(200);
		expect(response.json()).toMatchObject({ encoding: 'xlsx', checkpoints: { count: 120, inRun: 120, firstAt: at(19, 30), last: { viewers: 763, gmvFen: 18_000 } } });
	});

	it('reads the 快手 export (GB18030, times of day across midnight) and refuses to store it outside the run', async () => {
		const response = await post(previewUrl(demo, 'platform=kuaishou'), KUAISHOU, '快手-直播数据明细.csv');
		expect(response.statusCode, response.body).toBe(200);
		const preview: FigureImportPreview = response.json();
		expect(preview).toMatchObject({ kind: 'liveData', encoding: 'gb18030', checkpoints: { count: 120, inRun: 0, firstAt: at(23, 0), lastAt: at(24, 59) } });
		expect(preview.columns.find((c) => c.field === 'gmvFen')).toMatchObject({ reading: 'cumulative' });
		const before = stored().n;
		const refused = await post(importUrl(demo, 'platform=kuaishou'), KUAISHOU, '快手-直播数据明细.csv');
		expect(refused.statusCode).toBe(422);
		expect(refused.json().error.code).toBe('EXPORT_OUTSIDE_RUN');
		expect(stored().n).toBe(before);
	});
});

describe('importing an order export', () => {
	it('previews orders by outcome, refunds and the products matched to the show’s; sales figures only when asked', async () => {
		const seededSales = salesOf(sanxia);
		expect(seededSales.length).toBe(5);
		const response = await post(previewUrl(sanxia, 'platform=douyin'), ORDERS, '抖店-订单导出.csv');
		expect(response.statusCode, response.body).toBe(200);
		const preview: FigureImportPreview = response.json();
		expect(preview.kind).toBe('orders');
		// The README's counts.
		expect(preview.orders!.summary).toMatchObject({ orders: 60, paid: 51, unpaid: 5, cancelled: 4, refunded: 4, partiallyRefunded: 4, afterSale: 3, precisionLostRows: 2, netFen: 1_163_028 });
		const products = new Map((app.deps.repos.products.getMany(sanxia.productIds)).map((p) => [p.name, p.id]));
		const matched = preview.orders!.products.filter((p) => p.match);
		expect(matched.map((p) => p.match!.name).sort()).toEqual(expect.arrayContaining(['宜红工夫茶', '秭归脐橙']));
		for (const p of matched) expect(products.get(p.match!.name)).toBe(p.match!.productId);
		const unmatched = preview.orders!.products.filter((p) => !p.match);
		expect(unmatched.map((p) => p.title)).toContain('武昌鱼 1条装（约1kg）');
		expect(preview.orders!.existingSales).toBe(5);
		const orange = preview.orders!.sales.find((s) => s.name === '秭归脐橙')!;
		expect(orange.gmvFen).toBe(matched.filter((p) => p.match!.name === '秭归脐橙').reduce((x, p) => x + p.netFen, 0));
		// The last checkpoint: the net GMV and the orders counted.
		expect(preview.checkpoints.last).toEqual({ gmvFen: 1_163_028, orders: 47 });

		const kept: FigureImportResult = (await post(importUrl(sanxia, 'platform=douyin'), ORDERS, 'orders.csv')).json();
		expect(kept).toMatchObject({ salesSaved: false, replaced: 0 });
		expect(kept.stored).toBe(preview.checkpoints.count);
		expect(salesOf(sanxia)).toEqual(seededSales);

		const replaced: FigureImportResult = (await post(importUrl(sanxia, 'platform=douyin&sales=replace'), ORDERS, 'orders.csv')).json();
		expect(replaced).toMatchObject({ salesSaved: true, replaced: kept.stored });
		expect(salesOf(sanxia)).toEqual(preview.orders!.sales.map((s) => [s.productId, s.orders, s.units, s.gmvFen]));
		const r = await report(sanxia);
		expect(r.audience!.sources).toEqual([{ platform: 'douyin', manual: 0, imported: kept.stored }]);
		expect(r.audience!.curves.total.gmvFen.at(-1)!.value).toBe(1_163_028);
	});
});

describe('refusals', () => {
	const refusals: [string, Buffer, string, string][] = [
		['an empty file', Buffer.alloc(0), 'a.csv', 'EMPTY_FILE'],
		['binary bytes', Buffer.from([1, 0, 2, 0, 3, 0, 255, 0]), 'a.csv', 'UNSUPPORTED_FILE'],
		['an old .xls', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]), 'a.xls', 'NOT_XLSX'],
		['a zip that is no workbook', Buffer.from('PK\u0003\u0004garbage'), 'a.xlsx', 'NOT_XLSX'],
		['a table of something else', Buffer.from('姓名,年龄\n张三,20\n'), 'a.csv', 'EXPORT_NOT_RECOGNISED'],
		['a header without data', Buffer.from('时间,在线人数\n'), 'a.csv', 'EXPORT_NO_DATA'],
		['a broken CSV', Buffer.from('时间,在线人数\n"19:30,12\n'), 'a.csv', 'CSV_MALFORMED']
	];
	it.each(refusals)('%s is refused with its code, and nothing is stored', async (_name, file, fileName, code) => {
		const before = stored().n;
		for (const url of [previewUrl(demo, 'platform=douyin'), importUrl(demo, 'platform=douyin')]) {
			const response = await post(url, file, fileName);
			expect(response.json().error?.code, `${url}: ${response.body}`).toBe(code);
			expect(response.statusCode).toBeGreaterThanOrEqual(400);
		}
		expect(stored().n).toBe(before);
	});

	it('a platform the show is not on, a show that has not run, a run that does not exist', async () => {
		const before = stored().n;
		const notOn = await post(importUrl(demo, 'platform=weibo'), DOUYIN, 'a.csv');
		expect([notOn.statusCode, notOn.json().error.code]).toEqual([422, 'UNKNOWN_PLATFORM']);
		const draft = showByTitle(app, '三峡柑橘季');
		const noRun = await post(importUrl(draft, 'platform=douyin'), DOUYIN, 'a.csv');
		expect([noRun.statusCode, noRun.json().error.code]).toEqual([422, 'NO_RUN']);
		const missingRun = await post(importUrl(demo, 'platform=douyin&run=99999'), DOUYIN, 'a.csv');
		expect([missingRun.statusCode, missingRun.json().error.code]).toEqual([404, 'NOT_FOUND']);
		const badQuery = await post(importUrl(demo, 'platform=myspace'), DOUYIN, 'a.csv');
		expect([badQuery.statusCode, badQuery.json().error.code]).toEqual([400, 'VALIDATION']);
		expect(stored().n).toBe(before);
	});

	it('a city account cannot preview or import into another unit’s show (404, as for a missing one); nothing stored', async () => {
		const wuhan = await cityCookie(app, 'wuhan');
		const before = stored().n;
		for (const url of [previewUrl(sanxia, 'platform=douyin'), importUrl(sanxia, 'platform=douyin&sales=replace'), importUrl({ id: 99999 } as Show, 'platform=douyin')]) {
			const response = await post(url, DOUYIN, 'a.csv', wuhan);
			expect(response.statusCode, url).toBe(404);
			expect(response.json().error.code).toBe('NOT_FOUND');
		}
		expect(stored().n).toBe(before);
	});
});
