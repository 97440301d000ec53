/**
 * The after-show report: the run (the latest real live run by default, a rehearsal when asked),
 * its event log, the run-sheet, the sales figures and the run's audience checkpoints (typed during
 * the show or imported after it), turned into the report by the pure core, and the same report as
 * an Excel workbook.
 */
import type ExcelJS from 'exceljs';
import type { ShowReportDto } from '../../src/lib/contract/reports';
import { runAudience } from '../../src/lib/core/figures/audience';
import type { FigureReading } from '../../src/lib/core/figures/metrics';
import { formatDuration, formatFen, formatShanghai, shanghaiParts } from '../../src/lib/core/format';
import { PLATFORM_NAMES, type Show } from '../../src/lib/core/model';
import { alertName, buildShowReport } from '../../src/lib/core/report';
import { unitByCode } from '../../src/lib/core/units';
import { DomainError } from '../domain/errors';
import type { LiveRepository } from '../live/live.repository';
import type { ProductRepository } from '../planning/product.repository';
import { latestSalesUpdate, type SalesRepository } from './sales.repository';
import { FONT_BODY, FONT_HEAD, THIN_BORDER, emptyWorkbook, fitWidths, setText } from './spreadsheet';

const SEGMENT_KIND_ZH: Record<string, string> = {
	warmup: '预热',
	opening: '开场',
	product: '产品讲解',
	flash_sale: '秒杀',
	interaction: '互动',
	remote: '第二现场',
	closing: '结束',
	custom: '其他'
};
const OUTCOME_ZH: Record<string, string> = { done: '已完成', on_air: '进行中', skipped: '未执行', removed: '已从流程单删除' };

export class ReportService {
	constructor(
		private readonly live: LiveRepository,
		private readonly products: ProductRepository,
		private readonly sales: SalesRepository,
		private readonly figures: { list(showId: number, runId: number): readonly FigureReading[] },
		private readonly clock: () => number
	) {}

	report(show: Show, query: { run?: number; mode?: 'live' | 'rehearsal' }): ShowReportDto {
		const runs = this.live.runs(show.id);
		let run = null;
		if (query.run !== undefined) {
			run = runs.find((r) => r.id === query.run) ?? null;
			if (!run) throw new DomainError('NOT_FOUND', 'Run not found');
		} else run = runs.find((r) => r.mode === (query.mode ?? 'live')) ?? null;
		const events = run ? this.live.runEvents(run.id) : [];
		const sales = this.sales.list(show.id);
		const ids = [...new Set([...show.productIds, ...sales.map((s) => s.productId)])];
		const now = this.clock();
		const report = buildShowReport({ show, run, events, products: this.products.getMany(ids), sales, now });
		const audience = run ? runAudience({ segments: show.segments, events, readings: this.figures.list(show.id, run.id), now }) : null;
		return {
			show: {
				id: show.id,
				title: show.title,
				unitCode: show.unitCode,
				kind: show.kind,
				status: show.status,
				startsAt: show.startsAt,
				plannedDurationMin: show.plannedDurationMin,
				location: show.location,
				platforms: show.platforms.map((p) => p.platform)
			},
			runs,
			...report,
			sales: { ...report.sales, ...latestSalesUpdate(sales) },
			audience
		};
	}

	/** The whole report as a workbook: summary, segments, flash sales, sales, messages, alerts and (with figures) the audience per segment, per product and by minute. */
	async xlsx(report: ShowReportDto): Promise<Buffer> {
		const workbook = await emptyWorkbook();
		workbook.creator = 'Showcall 场控台';
		const s = report.summary;
		const time = (ms: number | null) => (ms === null ? '' : clock(ms));
		const dur = (ms: number | null) => (ms === null ? '' : formatDuration(ms));
		const delta = (ms: number | null) => (ms === null ? '' : `${ms > 0 ? '+' : ms < 0 ? '-' : ''}${formatDuration(Math.abs(ms))}`);
		const runLabel = report.run
			? `${report.run.mode === 'live' ? '正式直播' : '彩排'}（${formatShanghai(report.run.startedAt, 'datetime', 'zh-CN')}${report.run.inProgress ? '，进行中' : ''}）`
			: '尚未开播';

		const summary = sheet(workbook, '概况', `${report.show.title} · 直播复盘`, ['项目', '内容'], [
			['场次', report.show.title],
			['主办单位', unitByCode(report.show.unitCode)?.zh ?? report.show.unitCode],
			['地点', report.show.location],
			['本次运行', runLabel],
			['预告开播时间', formatShanghai(s.announcedStartAt, 'datetime', 'zh-CN')],
			['实际开场', s.actualOpeningAt === null ? '' : `${time(s.actualOpeningAt)}（${delta(s.openingDelayMs)}）`],
			['计划开始 / 结束', `${time(s.plannedStartAt)} – ${time(s.plannedEndAt)}`],
			['实际开始 / 结束', `${time(s.actualStartAt)} – ${time(s.actualEndAt)}`],
			['计划时长', dur(s.plannedDurationMs)],
			['实际时长', dur(s.actualDurationMs)],
			['总偏差（实际结束 − 计划结束）', delta(s.driftMs)],
			['环节：计划 / 执行 / 未执行 / 超时', `${s.segmentsPlanned} / ${s.segmentsRun} / ${s.segmentsSkipped} / ${s.overruns}`],
			['暂停', `${s.pauses} 次，共 ${dur(s.pausedMs)}`],
			['加时 / 减时合计', delta(s.adjustMs)],
			['秒杀：计划 / 执行', `${s.flashSalesPlanned} / ${s.flashSalesRun}`],
			['场控指令', String(s.commands)],
			['给主播的消息', String(s.messages)],
			['提醒', String(s.alerts)],
			['订单数', String(report.sales.totals.orders)],
			['件数', String(report.sales.totals.units)],
			['成交额', formatFen(report.sales.totals.gmvFen)]
		]);
		summary.getColumn(1).width = 30;
		summary.getColumn(2).width = 60;

		sheet(
			workbook,
			'环节',
			'环节：计划与实际',
			['序号', '环节', '类型', '计划开始', '实际开始', '开始偏差', '计划时长', '实际时长', '超时', '暂停', '加减时', '进入次数', '状态'],
			report.segments.map((seg) => [
				seg.position === null ? '' : String(seg.position),
				seg.title,
				seg.kind ? SEGMENT_KIND_ZH[seg.kind] : '',
				time(seg.plannedStartAt),
				time(seg.actualStartAt),
				delta(seg.startDelayMs),
				dur(seg.plannedDurationMs),
				seg.visits ? dur(seg.actualDurationMs) : '',
				seg.overrunMs === null ? '' : `${delta(seg.overrunMs)}${seg.overrun ? ' 超时' : ''}`,
				seg.pausedMs ? dur(seg.pausedMs) : '',
				seg.adjustMs ? delta(seg.adjustMs) : '',
				String(seg.visits),
				OUTCOME_ZH[seg.outcome]
			])
		);

		sheet(
			workbook,
			'秒杀',
			'秒杀',
			['环节', '计划时间', '实际时间', '偏差', '计划时长', '实际时长', '秒杀价', '数量', '说明'],
			report.flashSales.map((f) => [
				f.title,
				time(f.plannedAt),
				f.actualAt === null ? '未执行' : time(f.actualAt),
				delta(f.delayMs),
				dur(f.plannedWindowMs),
				dur(f.actualWindowMs),
				f.priceFen === null ? '' : formatFen(f.priceFen),
				f.quantity === null ? '' : String(f.quantity),
				f.stoppedEarly ? '提前结束' : ''
			])
		);

		const sales = sheet(
			workbook,
			'销售',
			'销售数据',
			['产品', '订单数', '件数', '成交额（元）'],
			[
				...report.sales.rows.map((r) => [r.name, r.orders, r.units, r.gmvFen / 100] as (string | number)[]),
				['合计', report.sales.totals.orders, report.sales.totals.units, report.sales.totals.gmvFen / 100]
			]
		);
		sales.getColumn(4).numFmt = '#,##0.00';

		sheet(
			workbook,
			'消息',
			'给主播的消息',
			['发送时间', '内容', '发送方', '确认时间'],
			report.messages.map((m) => [time(m.sentAt), m.text, m.sentBy, m.ackedAt === null ? '未确认' : time(m.ackedAt)])
		);
		sheet(
			workbook,
			'提醒',
			'提醒',
			['时间', '提醒', '环节'],
			report.alerts.map((a) => [time(a.at), alertName(a.type, 'zh-CN'), a.segmentId ? (report.segments.find((x) => x.segmentId === a.segmentId)?.title ?? '') : ''])
		);
		if (report.audience) audienceSheets(workbook, report);
		return Buffer.from(await workbook.xlsx.writeBuffer());
	}
}

/**
 * The audience sheets: per segment (viewers at start and end, peak, change, GMV, orders, GPM, share,
 * best and weakest marked), per product across its slots, and the summed curves by minute. Money
 * in yuan as numbers (formatted), shares as percentages; an unknown value is an empty cell.
 */
function audienceSheets(workbook: ExcelJS.Workbook, report: ShowReportDto) {
	const a = report.audience!;
	const n = (v: number | null | undefined): string | number => (v === null || v === undefined ? '' : v);
	const yuan = (fen: number | null) => (fen === null ? '' : fen / 100);
	const share = (v: number | null) => (v === null ? '' : v);
	const marks = (segmentId: string) =>
		[
			a.best.gmv?.segmentId === segmentId ? '成交额最高' : '',
			a.weakest.gmv?.segmentId === segmentId ? '成交额最低' : '',
			a.best.gpm?.segmentId === segmentId ? 'GPM最高' : '',
			a.weakest.gpm?.segmentId === segmentId ? 'GPM最低' : ''
		]
			.filter(Boolean)
			.join('、');
	const sources = a.sources.map((s) => `${PLATFORM_NAMES[s.platform].zh}（录入 ${s.manual}，导入 ${s.imported}）`).join('；');
	const segments = sheet(
		workbook,
		'观众与成交',
		`观众与成交（各平台合计；数据：${sources}）`,
		['环节', '开始时在线', '结束时在线', '峰值在线', '在线变化', '成交额（元）', '订单数', '新增观看', 'GPM（元）', '成交占比', '估算', '标注'],
		[
			...a.segments
				.filter((s) => s.visits > 0)
				.map((s) => [
					s.title,
					n(s.viewersStart?.value),
					n(s.viewersEnd?.value),
					n(s.viewersPeak),
					n(s.viewersChange),
					yuan(s.gmvFen),
					n(s.orders),
					n(s.viewsGained),
					yuan(s.gpmFen),
					share(s.gmvShare),
					s.estimated ? '是' : '',
					marks(s.segmentId)
				]),
			['合计', '', '', n(a.totals.viewersPeak), '', yuan(a.totals.gmvFen), n(a.totals.orders), n(a.totals.viewsGained), yuan(a.totals.gpmFen), a.totals.gmvFen ? 1 : '', '', '']
		]
	);
	for (const c of [6, 9]) segments.getColumn(c).numFmt = '#,##0.00';
	segments.getColumn(10).numFmt = '0.0%';

	const names = new Map(report.sales.rows.map((r) => [r.productId, r.name]));
	const titles = new Map(a.segments.map((s) => [s.segmentId, s.title]));
	const products = sheet(
		workbook,
		'产品成交',
		'各产品（所有讲解时段合计）',
		['产品', '讲解时段', '成交额（元）', '订单数', '新增观看', 'GPM（元）', '成交占比', '峰值在线'],
		a.products.map((p) => [
			names.get(p.productId) ?? `#${p.productId}`,
			p.segmentIds.map((id) => titles.get(id) ?? id).join('、'),
			yuan(p.gmvFen),
			n(p.orders),
			n(p.viewsGained),
			yuan(p.gpmFen),
			share(p.gmvShare),
			n(p.viewersPeak)
		])
	);
	for (const c of [3, 6]) products.getColumn(c).numFmt = '#,##0.00';
	products.getColumn(7).numFmt = '0.0%';

	const instants = [...new Set([...a.curves.total.viewers, ...a.curves.total.gmvFen].map((p) => p.at))].sort((x, y) => x - y);
	const viewers = new Map(a.curves.total.viewers.map((p) => [p.at, p.value]));
	const gmv = new Map(a.curves.total.gmvFen.map((p) => [p.at, p.value]));
	const curves = sheet(
		workbook,
		'观众曲线',
		'在线人数与累计成交额（各平台合计）',
		['时间', '在线人数', '累计成交额（元）'],
		instants.map((at) => [clock(at), n(viewers.get(at)), gmv.has(at) ? gmv.get(at)! / 100 : ''])
	);
	curves.getColumn(3).numFmt = '#,##0.00';
}

/** HH:mm:ss in Asia/Shanghai. */
function clock(ms: number): string {
	const p = shanghaiParts(ms);
	return [p.hour, p.minute, p.second].map((n) => String(n).padStart(2, '0')).join(':');
}

function sheet(workbook: ExcelJS.Workbook, name: string, title: string, headers: string[], rows: (string | number)[][]): ExcelJS.Worksheet {
	const ws = workbook.addWorksheet(name, { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
	ws.mergeCells(1, 1, 1, headers.length);
	setText(ws.getCell(1, 1), title);
	ws.getCell(1, 1).font = { name: FONT_HEAD, size: 14, bold: true };
	ws.getRow(1).height = 28;
	headers.forEach((h, i) => {
		const cell = ws.getCell(2, i + 1);
		setText(cell, h);
		cell.font = { name: FONT_HEAD, size: 11, bold: true };
		cell.border = THIN_BORDER;
		cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
		cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
	});
	rows.forEach((values, r) => {
		values.forEach((value, c) => {
			const cell = ws.getCell(3 + r, c + 1);
			if (typeof value === 'number') cell.value = value;
			else setText(cell, value);
			cell.font = { name: FONT_BODY, size: 11 };
			cell.border = THIN_BORDER;
			cell.alignment = { vertical: 'middle', wrapText: true };
		});
	});
	fitWidths(ws, 2, headers.length, 8, 50);
	ws.views = [{ state: 'frozen', ySplit: 2 }];
	return ws;
}
