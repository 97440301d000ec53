/**
 * A live room's minute-level data as the platforms export it after the show (抖音 巨量百应 / 抖音电商罗盘,
 * 快手小店 / 磁力金牛, 淘宝直播 中控台, 视频号 …), read into the same figures a 场记 types during the show:
 * the header row found among the top rows by synonyms (as the 附件3 import finds its columns), times
 * placed on the show's date, per-minute columns added up into cumulative figures, and every problem
 * named by row and column. Pure: input is rows of cells (from exceljs or `parseCsv`), no I/O.
 *
 * How a column is read (`reading`):
 * - 在线人数 and its synonyms are a level: the value at that minute, taken as is.
 * - A column whose header says 累计 is cumulative: taken as is; a minute where it goes down is
 *   kept and flagged (CUMULATIVE_DECREASED) — the name is explicit, the drop is the platform's.
 * - Any other column (进入人数, 成交金额, GMV, 订单数, 点赞 …) is per-minute: added up from the
 *   first minute of the file, and the file's issues say so (PER_MINUTE_ACCUMULATED).
 * `readings` in the options overrides this per metric, for an export that labels a cumulative
 * column without 累计 (the UI can offer the switch; the default rule is the one above).
 */
import {
	MAX_EXPORT_ROWS,
	exportCellText,
	exportIssue,
	findExportHeader,
	isBlankFigure,
	parseExportCount,
	parseExportFen,
	parseExportTime,
	placeTimesOfDay,
	shanghaiMidnight,
	type ExportColumn,
	type ExportIssue
} from './export-cells';
import { FIGURE_METRIC_NAMES, FIGURE_METRICS, type FigureMetric, type FigureReading, type Figures } from './metrics';

// One entry point for the import: the CSV layer and the order exports too.
export { decodeCsvBytes, parseCsv, type CsvResult } from './csv';
export { parseOrderExport, type ExportOrder, type OrderExport, type OrderExportSummary, type ProductTotal } from './order-export';
export type { ExportColumn, ExportIssue, ExportIssueCode } from './export-cells';

/** One moment's figures, as a checkpoint of the show holds them (the metrics module's keys and units). */
export type ExportCheckpoint = Pick<FigureReading, 'at' | 'figures'>;

type LiveColumnKey = 'time' | 'date' | FigureMetric;

/**
 * Header words of each column, most preferred first (when a file has two columns for one figure,
 * the earlier word wins: 累计观看人数 over 进入直播间人数). Compared after NFKC, without spaces and
 * without a bracketed unit, so '成交金额（元）' is '成交金额'; a unit of 万 in the brackets scales.
 */
export const LIVE_DATA_HEADERS: Readonly<Record<LiveColumnKey, readonly string[]>> = {
	time: ['时间', '时间点', '分钟', '日期时间', '统计时间', '时间段', '时刻', '数据时间', '统计时段'],
	date: ['日期', '统计日期', '直播日期'],
	viewers: ['实时在线人数', '在线人数', '当前在线人数', '同时在线人数', '直播间在线人数', '在线观众数', '平均在线人数'],
	totalViews: ['累计观看人数', '累计观看人次', '累计观看次数', '观看人次', '观看人数', '进入直播间人数', '进入人数', '进入直播间人次', '进房人数'],
	gmvFen: ['累计成交金额', '累计成交额', '累计GMV', '累计销售额', '成交金额', '直播间成交金额', 'GMV', '成交额', '成交GMV', '销售额', '支付金额', '直播间支付金额'],
	orders: ['累计成交订单数', '累计订单数', '成交订单数', '订单数', '成交单数', '支付订单数', '成交订单量'],
	newFollowers: ['累计新增粉丝数', '累计涨粉', '新增粉丝数', '新增粉丝', '涨粉', '涨粉数', '新增关注数', '新增关注'],
	likes: ['累计点赞数', '累计点赞', '点赞数', '点赞', '点赞次数', '点赞量']
};

export type MetricReading = 'level' | 'cumulative' | 'perMinute';

/** A column of the file and the figure it gives: the UI shows "在线人数 ← 实时在线人数". */
export interface LiveDataColumn extends ExportColumn {
	metric: FigureMetric;
	reading: MetricReading;
	/** The header's unit is 万 ('成交金额(万元)'): values were multiplied by 10 000. */
	wan: boolean;
}

export interface LiveDataOptions {
	/** The show's date in Asia/Shanghai, 'YYYY-MM-DD': times without a date ('19:31') fall on it (or the next day after midnight). */
	showDate: string | null;
	/** Overrides the reading of a metric's column (not for viewers, always a level). */
	readings?: Partial<Record<Exclude<FigureMetric, 'viewers'>, 'cumulative' | 'perMinute'>>;
}

export type LiveDataExport =
	| {
			ok: true;
			/** Spreadsheet row (1-based) of the header. */
			headerRow: number;
			timeColumn: ExportColumn;
			/** A separate 日期 column, when the time column holds times of day. */
			dateColumn: ExportColumn | null;
			columns: LiveDataColumn[];
			/** Columns left unread (no figure of ours, or a second column for a figure already mapped). */
			ignored: ExportColumn[];
			/** In time order, one per minute row that had a time and at least one figure. */
			checkpoints: ExportCheckpoint[];
			issues: ExportIssue[];
	  }
	| { ok: false; issues: ExportIssue[] };

const DAY_MS = 86_400_000;

/** Rows below the data that are totals or notes, not minutes. */
const FOOTER_TEXT = /^(合计|总计|汇总|平均|均值|说明|注[:：]|备注|数据来源|数据说明|统计口径)/;

interface MinuteRow {
	row: number;
	order: number;
	at: number | null;
	/** Time of day still to be placed on the show's date. */
	msOfDay: number | null;
	values: Figures;
}

/**
 * Reads a minute-level data export into checkpoints. Fails (ok: false) only when the header cannot
 * be found or the file is too long; everything else is a row-by-row issue, and rows with a bad time
 * are left out.
 */
export function parseLiveDataExport(grid: readonly (readonly unknown[])[], options: LiveDataOptions): LiveDataExport {
	const header = findExportHeader(grid, LIVE_DATA_HEADERS, (found) => (found.has('time') || found.has('date')) && FIGURE_METRICS.some((m) => found.has(m)));
	if (!header) return { ok: false, issues: [exportIssue('NO_HEADER', null, null, { needs: '「时间」列和至少一列数据（如在线人数、成交金额）', needsEn: 'a time column and at least one figure such as 在线人数 or 成交金额' })] };
	const dataRows = grid.length - header.index - 1;
	if (dataRows > MAX_EXPORT_ROWS) return { ok: false, issues: [exportIssue('TOO_MANY_ROWS', null, null, { max: MAX_EXPORT_ROWS })] };

	// A lone 日期 column holding date and time ('2026-11-20 19:31') is the time column.
	const timeColumn = header.columns.time ?? header.columns.date!;
	const dateColumn = header.columns.time ? (header.columns.date ?? null) : null;
	const columns: LiveDataColumn[] = FIGURE_METRICS.flatMap((metric) => {
		const c = header.columns[metric];
		if (!c) return [];
		const reading: MetricReading = metric === 'viewers' ? 'level' : (options.readings?.[metric] ?? (c.header.includes('累计') ? 'cumulative' : 'perMinute'));
		return [{ header: c.header, index: c.index, letter: c.letter, metric, reading, wan: c.wan }];
	});
	const issues: ExportIssue[] = [];
	const showMidnight = options.showDate === null ? null : shanghaiMidnight(options.showDate);

	const rows: MinuteRow[] = [];
	// A 日期 written once above its minutes (a merged cell saved as CSV) holds for the rows below.
	let lastDate: number | null = null;
	let lastMs: number | null = null;
	for (let r = header.index + 1; r < grid.length; r++) {
		const cells = grid[r] ?? [];
		const rowNumber = r + 1;
		const timeText = exportCellText(cells[timeColumn.index]);
		if (cells.every((c) => exportCellText(c) === '')) continue;
		if (FOOTER_TEXT.test(timeText.normalize('NFKC'))) continue;
		const time = parseExportTime(cells[timeColumn.index], options.showDate);
		let at: number | null = null;
		let msOfDay: number | null = null;
		if (time?.kind === 'instant') at = time.at;
		else if (time?.kind === 'timeOfDay') {
			const date = dateColumn ? parseExportTime(cells[dateColumn.index]) : null;
			if (date?.kind === 'date') lastDate = date.at;
			// …and rolls over at midnight like times without a date.
			else if (lastDate !== null && lastMs !== null && time.ms < lastMs - DAY_MS / 2) lastDate += DAY_MS;
			if (lastDate !== null) {
				at = lastDate + time.ms;
				lastMs = time.ms;
			}
			else if (showMidnight !== null) msOfDay = time.ms;
			else {
				issues.push(exportIssue('TIME_NEEDS_DATE', rowNumber, timeColumn, { value: timeText }));
				continue;
			}
		} else {
			issues.push(exportIssue('INVALID_TIME', rowNumber, timeColumn, { value: timeText || '（空）' }));
			continue;
		}
		const values: Figures = {};
		for (const column of columns) {
			const cell = cells[column.index];
			const text = exportCellText(cell);
			if (isBlankFigure(text)) continue;
			const value = column.metric === 'gmvFen' ? parseExportFen(cell, column.wan) : parseExportCount(cell, column.wan);
			if (value === null) issues.push(exportIssue(column.metric === 'gmvFen' ? 'INVALID_AMOUNT' : 'INVALID_NUMBER', rowNumber, column, { value: text }));
			else values[column.metric] = value;
		}
		rows.push({ row: rowNumber, order: rows.length, at, msOfDay, values });
	}

	// Times of day, in file order, onto the show's date (crossing midnight in either direction).
	const unplaced = rows.filter((r) => r.msOfDay !== null);
	if (unplaced.length > 0 && showMidnight !== null) {
		const placed = placeTimesOfDay(
			unplaced.map((r) => r.msOfDay!),
			showMidnight
		);
		unplaced.forEach((r, i) => (r.at = placed[i]));
	}

	// Time order (files listed newest first are common), then one row per instant.
	rows.sort((a, b) => a.at! - b.at! || a.order - b.order);
	const minutes: MinuteRow[] = [];
	for (const row of rows) {
		const previous = minutes[minutes.length - 1];
		if (previous && previous.at === row.at) issues.push(exportIssue('DUPLICATE_TIME', row.row, timeColumn, { firstRow: previous.row }));
		else minutes.push(row);
	}

	const checkpoints: ExportCheckpoint[] = minutes.map((m) => ({ at: m.at!, figures: {} }));
	for (const column of columns) {
		let total = 0;
		let last: { value: number; row: number } | null = null;
		minutes.forEach((m, i) => {
			const value = m.values[column.metric];
			if (value === undefined) return;
			if (column.reading === 'perMinute') {
				total += value;
				checkpoints[i].figures[column.metric] = total;
				return;
			}
			if (column.reading === 'cumulative' && last && value < last.value) issues.push(exportIssue('CUMULATIVE_DECREASED', m.row, column, { before: last.value, after: value }));
			last = { value, row: m.row };
			checkpoints[i].figures[column.metric] = value;
		});
		if (column.reading === 'perMinute') {
			const names = FIGURE_METRIC_NAMES[column.metric];
			issues.push(exportIssue('PER_MINUTE_ACCUMULATED', null, column, { metricZh: names.zh, metricEn: /^[A-Z]+$/.test(names.en) ? names.en : names.en.toLowerCase() }));
		}
	}

	issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
	return {
		ok: true,
		headerRow: header.index + 1,
		timeColumn: strip(timeColumn),
		dateColumn: dateColumn && strip(dateColumn),
		columns,
		ignored: header.ignored,
		checkpoints: checkpoints.filter((c) => Object.keys(c.figures).length > 0),
		issues
	};
}

function strip(c: ExportColumn): ExportColumn {
	return { header: c.header, index: c.index, letter: c.letter };
}
