import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playRun, type RunStep } from '../../server/live/live-script';
import type { ShowReportDto } from '../../src/lib/contract/reports';
import type { Show } from '../../src/lib/core/model';
import { plannedSchedule } from '../../src/lib/core/schedule';
import { cityCookie, readXlsx, rowTexts, showByTitle, upload } from './paperwork-support';
import { makeApp, makeClock, signIn, type TestClock } from './support';

const SEC = 1000;
const MIN = 60_000;

let app: FastifyInstance;
let admin: string;
let show: Show;
let clock: TestClock;

beforeAll(async () => {
	clock = makeClock(Date.UTC(2026, 11, 1, 2));
	app = await makeApp({ clock, campaign: true });
	admin = await signIn(app);
	show = showByTitle(app, '荆楚好味道');
});
afterAll(() => app.close());

const get = (url: string, cookie = admin) => app.inject({ method: 'GET', url, headers: { cookie } });

/** Runs the demo show live through the app's own engine (its one command path, on the test clock): each segment entered a little off plan, a pause, the flash sale, a message, the end. */
function runShow(s: Show): { runId: number; steps: RunStep[] } {
	const slots = plannedSchedule(s.startsAt, s.segments);
	const steps: RunStep[] = [{ at: slots[0].startAt + 20 * SEC, command: { type: 'start', mode: 'live' } }];
	s.segments.forEach((segment, i) => {
		const at = i === 0 ? steps[0].at : slots[i].startAt + (i % 3) * 25 * SEC + i * 10 * SEC;
		if (i > 0) steps.push({ at, command: { type: 'next' } });
		if (segment.kind === 'opening') {
			steps.push({ at: at + 30 * SEC, command: { type: 'message', text: '开场准点，介绍购买方式' } });
			// The message is named after the version it produces (the rehearsal took 3 versions).
			steps.push({ at: at + 45 * SEC, command: { type: 'message-ack', messageId: `m${3 + steps.length}` }, actor: 'host:tablet' });
		}
		if (segment.flashSale) steps.push({ at: at + segment.flashSale.offsetSec * SEC + 5 * SEC, command: { type: 'flash-sale-start' } });
		if (i === 3) {
			steps.push({ at: at + 2 * MIN, command: { type: 'pause' } });
			steps.push({ at: at + 3 * MIN, command: { type: 'resume' } });
		}
	});
	const last = slots[slots.length - 1];
	steps.push({ at: last.endAt + 40 * SEC, command: { type: 'end' } });
	playRun(app.deps.services.live, clock, s.id, steps);
	return { runId: app.deps.repos.live.load(s.id)!.runId!, steps };
}

describe('the after-show report', () => {
	it('answers the plan before the show has run', async () => {
		const response = await get(`/api/shows/${show.id}/report`);
		expect(response.statusCode).toBe(200);
		const report: ShowReportDto = response.json();
		expect(report.run).toBeNull();
		expect(report.runs).toEqual([]);
		expect(report.segments.map((s) => s.segmentId)).toEqual(show.segments.map((s) => s.id));
		expect(report.segments.every((s) => s.actualStartAt === null)).toBe(true);
	});

	it('lists every segment with planned and actual times that match the event log of a live run', async () => {
		// A rehearsal first: the report is about the live run unless asked.
		playRun(app.deps.services.live, clock, show.id, [
			{ at: show.startsAt - 3 * 24 * 3600_000, command: { type: 'start', mode: 'rehearsal' } },
			{ at: show.startsAt - 3 * 24 * 3600_000 + 10 * MIN, command: { type: 'end' } },
			{ at: show.startsAt - 3 * 24 * 3600_000 + 11 * MIN, command: { type: 'reset' } }
		]);
		const { runId } = runShow(show);
		// The clock moved days on with the show: sign in again (sessions last 12 hours).
		admin = await signIn(app);
		const report: ShowReportDto = (await get(`/api/shows/${show.id}/report`)).json();
		expect(report.run).toMatchObject({ id: runId, mode: 'live', inProgress: false });
		expect(report.runs.map((r) => r.mode)).toEqual(['live', 'rehearsal']);

		// The log as the engine wrote it: each command with the state it produced.
		const log = app.deps.repos.live.runEvents(runId);
		const entered = new Map<string, number>();
		for (const e of log) if (e.kind === 'command' && e.state?.segmentId && !entered.has(e.state.segmentId)) entered.set(e.state.segmentId, e.state.segmentStartedAt!);
		const ended = log[log.length - 1].state!.endedAt!;
		const slots = plannedSchedule(show.startsAt, show.segments);
		expect(report.segments).toHaveLength(show.segments.length);
		report.segments.forEach((segment, i) => {
			expect(segment.segmentId).toBe(show.segments[i].id);
			expect(segment.plannedStartAt).toBe(slots[i].startAt);
			expect(segment.plannedDurationMs).toBe(show.segments[i].durationSec * SEC);
			expect(segment.actualStartAt).toBe(entered.get(segment.segmentId));
			const next = report.segments[i + 1];
			expect(segment.actualEndAt).toBe(next ? entered.get(next.segmentId) : ended);
			expect(segment.actualDurationMs).toBe(segment.actualEndAt! - segment.actualStartAt!);
		});
		expect(report.summary).toMatchObject({ actualEndAt: ended, driftMs: ended - slots[slots.length - 1].endAt, pauses: 1, pausedMs: MIN, messages: 1, flashSalesRun: 1 });
		expect(report.segments[3].pausedMs).toBe(MIN);
		expect(report.messages[0]).toMatchObject({ text: '开场准点，介绍购买方式', ackedBy: 'host:tablet' });
		// Alerts the run raised, from the log.
		expect(report.summary.alerts).toBe(log.filter((e) => e.kind === 'alert').length);
		expect(report.alertCounts.warmup_opened).toBe(1);

		const rehearsal: ShowReportDto = (await get(`/api/shows/${show.id}/report?mode=rehearsal`)).json();
		expect(rehearsal.run!.mode).toBe('rehearsal');
		expect((await get(`/api/shows/${show.id}/report?run=99999`)).statusCode).toBe(404);
	});

	it('exports the whole report to Excel', async () => {
		const response = await get(`/api/shows/${show.id}/report.xlsx`);
		expect(response.statusCode).toBe(200);
		const workbook = await readXlsx(response.rawPayload);
		expect(workbook.worksheets.map((w) => w.name)).toEqual(['概况', '环节', '秒杀', '销售', '消息', '提醒']);
		const segments = workbook.getWorksheet('环节')!;
		expect(rowTexts(segments, 2)).toEqual(['序号', '环节', '类型', '计划开始', '实际开始', '开始偏差', '计划时长', '实际时长', '超时', '暂停', '加减时', '进入次数', '状态']);
		expect(segments.rowCount).toBe(2 + show.segments.length);
		expect(rowTexts(segments, 3)[3]).toMatch(/^\d\d:\d\d:\d\d$/);
		expect(rowTexts(workbook.getWorksheet('概况')!, 3)).toEqual(['场次', show.title]);
	});
});

describe('sales figures', () => {
	it('are entered per product, stored in fen, and summed in the report', async () => {
		const products = [...new Set(show.segments.map((s) => s.productId).filter((id): id is number => id !== null))];
		const rows = [
			{ productId: products[0], orders: 120, units: 150, gmvFen: 1335000 },
			{ productId: products[1], orders: 80, units: 96, gmvFen: 383040 }
		];
		const saved = await app.inject({ method: 'PUT', url: `/api/shows/${show.id}/sales`, payload: { rows }, headers: { cookie: admin } });
		expect(saved.statusCode, saved.body).toBe(200);
		expect(saved.json().rows.map((r: { gmvFen: number }) => r.gmvFen)).toEqual([1335000, 383040]);
		const report: ShowReportDto = (await get(`/api/shows/${show.id}/report`)).json();
		expect(report.sales.totals).toEqual({ orders: 200, units: 246, gmvFen: 1718040 });
		expect(report.sales.updatedBy).toBe('admin');
		const xlsx = await readXlsx((await get(`/api/shows/${show.id}/report.xlsx`)).rawPayload);
		const sales = xlsx.getWorksheet('销售')!;
		expect(sales.getCell(sales.rowCount, 4).value).toBe(17180.4);
	});

	it('refuses products that are not on the show and bad numbers, and changes nothing', async () => {
		const before = (await get(`/api/shows/${show.id}/sales`)).json();
		const foreign = app.deps.repos.products.list().find((p) => !show.segments.some((s) => s.productId === p.id))!;
		const bad = await app.inject({ method: 'PUT', url: `/api/shows/${show.id}/sales`, payload: { rows: [{ productId: foreign.id, orders: 1, units: 1, gmvFen: 100 }] }, headers: { cookie: admin } });
		expect(bad.statusCode).toBe(422);
		expect(bad.json().error.fields[0]).toMatchObject({ path: 'rows.0.productId', code: 'UNKNOWN_PRODUCT' });
		const negative = await app.inject({ method: 'PUT', url: `/api/shows/${show.id}/sales`, payload: { rows: [{ productId: before.rows[0].productId, orders: -1, units: 1, gmvFen: 1.5 }] }, headers: { cookie: admin } });
		expect(negative.statusCode).toBe(400);
		expect(negative.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['rows.0.gmvFen', 'rows.0.orders']);
		expect((await get(`/api/shows/${show.id}/sales`)).json()).toEqual(before);
	});

	it('are read from a platform CSV export (UTF-8 or GB18030) without saving anything', async () => {
		const before = (await get(`/api/shows/${show.id}/sales`)).json();
		const csv = '商品名称,订单数,件数,成交金额\r\n【直播间】恩施玉露 100g,3,4,356.00\r\n秭归脐橙 5kg,10,12,478.80\r\n孝感麻糖,1,1,26.80\r\n';
		const utf8 = await upload(app, admin, `/api/shows/${show.id}/sales/import`, '订单.csv', Buffer.from(`\uFEFF${csv}`));
		expect(utf8.statusCode, utf8.body).toBe(200);
		const result = utf8.json();
		expect(result.rows.map((r: { name: string; orders: number; units: number; gmvFen: number }) => [r.name, r.orders, r.units, r.gmvFen])).toEqual([
			['恩施玉露', 3, 4, 35600],
			['秭归脐橙', 10, 12, 47880],
			['孝感麻糖', 1, 1, 2680]
		]);
		expect(result.errors).toEqual([]);
		// The same file as Excel in China saves it (GB18030).
		const gbk = Buffer.from('c9ccc6b7c3fbb3c62cb6a9b5a5cafd2cbcfecafd2cb3c9bdbbbdf0b6ee0d0ab6f7caa9d3f1c2b620313030672c332c342c3335362e30300d0aeff6b9e9c6eab3c82c31302c31322c3437382e38300d0a', 'hex');
		const fromGbk = (await upload(app, admin, `/api/shows/${show.id}/sales/import`, 'orders.csv', gbk)).json();
		expect(fromGbk.rows.map((r: { name: string }) => r.name)).toEqual(['恩施玉露', '秭归脐橙']);
		expect((await get(`/api/shows/${show.id}/sales`)).json()).toEqual(before);
	});

	it('are read from an Excel export, and a file of another kind is refused', async () => {
		const wb = new ExcelJS.Workbook();
		const ws = wb.addWorksheet('订单');
		ws.addRows([
			['商品', '销量', '销售额'],
			['神农架蜂蜜', 30, 2340],
			['火星土豆', 1, 1]
		]);
		const response = await upload(app, admin, `/api/shows/${show.id}/sales/import`, 'orders.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
		const result = response.json();
		// Without an orders column, each row counts as one order.
		expect(result.rows).toEqual([expect.objectContaining({ name: '神农架蜂蜜', orders: 1, units: 30, gmvFen: 234000, sourceRows: [2] })]);
		expect(result.errors).toEqual([expect.objectContaining({ row: 3, column: '商品', code: 'UNKNOWN_PRODUCT' })]);
		const png = await upload(app, admin, `/api/shows/${show.id}/sales/import`, 'a.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
		expect(png.statusCode).toBe(422);
		expect(png.json().error.code).toBe('UNSUPPORTED_FILE');
	});
});

describe('access', () => {
	it('answers 404 for another unit\'s show, as for a missing one', async () => {
		const wuhan = await cityCookie(app, 'wuhan');
		for (const url of [`/api/shows/${show.id}/report`, `/api/shows/${show.id}/report.xlsx`, `/api/shows/${show.id}/sales`, '/api/shows/99999/report']) {
			const response = await get(url, wuhan);
			expect(response.statusCode, url).toBe(404);
		}
		const put = await app.inject({ method: 'PUT', url: `/api/shows/${show.id}/sales`, payload: { rows: [] }, headers: { cookie: wuhan } });
		expect(put.statusCode).toBe(404);
		const own = showByTitle(app, '江城好物');
		expect((await get(`/api/shows/${own.id}/report`, wuhan)).json().run.mode).toBe('live');
	});
});
