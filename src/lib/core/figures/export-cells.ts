/**
 * Cells of the platforms' exports as the back offices write them — shared by the live-room minute
 * data and the order exports: exceljs cell objects flattened, headers matched by synonyms after
 * normalising, counts ('1.2万'), money ('¥1,234.50', '1.2万元') and times ('2026/11/20 19:31:00',
 * '19:31', Excel serials, exceljs dates). Pure: no I/O, no clock.
 */
import { SHANGHAI_OFFSET_MS } from '../format';
import { columnLetter } from '../forms';

/** Rows searched for the header (a report title, the shop, the period and notes may sit above it). */
export const EXPORT_HEADER_SEARCH_ROWS = 30;
/** Columns of a header row looked at (a stray cell far to the right costs nothing). */
export const EXPORT_HEADER_MAX_COLUMNS = 500;
/** Most data rows one export may hold. */
export const MAX_EXPORT_ROWS = 50_000;

// ---------------------------------------------------------------------------------------------
// Issues

export type ExportIssueSeverity = 'error' | 'warning' | 'info';

export const EXPORT_ISSUE_CODES = [
	'NO_HEADER',
	'TOO_MANY_ROWS',
	'MISSING_COLUMN',
	'INVALID_TIME',
	'TIME_NEEDS_DATE',
	'INVALID_NUMBER',
	'INVALID_AMOUNT',
	'DUPLICATE_TIME',
	'CUMULATIVE_DECREASED',
	'PER_MINUTE_ACCUMULATED',
	'MISSING_ORDER_ID',
	'ORDER_ID_PRECISION_LOST',
	'UNKNOWN_STATUS',
	'CONFLICTING_STATUS',
	'INVALID_QUANTITY',
	'PAID_WITHOUT_TIME',
	'REFUND_EXCEEDS_PAID',
	'DUPLICATE_ROW'
] as const;
export type ExportIssueCode = (typeof EXPORT_ISSUE_CODES)[number];

/** One finding, placed by row (1-based, as the spreadsheet or the CSV file numbers it) and column. */
export interface ExportIssue {
	code: ExportIssueCode;
	/** 'error': the row (or file) is not read; 'warning': read, with a doubt; 'info': how it was read. */
	severity: ExportIssueSeverity;
	/** Row number, or null for the whole file or a whole column. */
	row: number | null;
	/** The column's header as written in the file, or null. */
	column: string | null;
	/** Cell reference ('C7') when row and column are known. */
	cell: string | null;
	/** English. */
	message: string;
	/** 简体中文. */
	messageZh: string;
	params?: Record<string, string | number>;
}

type MessageFn = (p: Record<string, string | number>) => [zh: string, en: string];

const MESSAGES: Record<ExportIssueCode, MessageFn> = {
	NO_HEADER: (p) => [`前 ${EXPORT_HEADER_SEARCH_ROWS} 行中找不到表头（需要${p.needs}）`, `No header row in the first ${EXPORT_HEADER_SEARCH_ROWS} rows (it needs ${p.needsEn})`],
	TOO_MANY_ROWS: (p) => [`数据超过 ${p.max} 行`, `More than ${p.max} data rows`],
	MISSING_COLUMN: (p) => [`缺少「${p.column}」列`, `The column “${p.column}” is missing`],
	INVALID_TIME: (p) => [`「${p.value}」不是可识别的时间`, `“${p.value}” is not a time`],
	TIME_NEEDS_DATE: (p) => [`时间「${p.value}」没有日期，且未指定直播日期`, `The time “${p.value}” has no date and no show date was given`],
	INVALID_NUMBER: (p) => [`「${p.value}」不是有效的数量`, `“${p.value}” is not a count`],
	INVALID_AMOUNT: (p) => [`「${p.value}」不是有效的金额`, `“${p.value}” is not an amount`],
	DUPLICATE_TIME: (p) => [`与第 ${p.firstRow} 行时间相同，已跳过`, `Same time as row ${p.firstRow}; skipped`],
	CUMULATIVE_DECREASED: (p) => [`累计值比上一分钟减少（${p.before} → ${p.after}）`, `The cumulative value went down (${p.before} → ${p.after})`],
	PER_MINUTE_ACCUMULATED: (p) => [`「${p.column}」是每分钟的数值，已逐分钟累加为${p.metricZh}`, `“${p.column}” holds per-minute values; they were added up into ${p.metricEn}`],
	MISSING_ORDER_ID: () => ['订单编号为空，该行已跳过', 'No order number; the row was skipped'],
	ORDER_ID_PRECISION_LOST: (p) => [
		`订单编号「${p.value}」被存成了科学计数法数字，后几位已丢失：该行按单独一笔计，无法与同一订单的其他行合并（导出时请把订单编号列设为文本）`,
		`The order number “${p.value}” was saved as a number in scientific notation and lost its last digits: the row counts as an order of its own and cannot be joined to the order's other rows (export the column as text)`
	],
	UNKNOWN_STATUS: (p) => [`订单状态「${p.value}」无法识别，按未支付处理`, `Unknown order status “${p.value}”; read as unpaid`],
	CONFLICTING_STATUS: (p) => [`同一订单（${p.order}）的各行状态不同（${p.statuses}）`, `The rows of order ${p.order} have different statuses (${p.statuses})`],
	INVALID_QUANTITY: (p) => [`「${p.value}」不是有效的数量，按 1 件计`, `“${p.value}” is not a quantity; read as 1`],
	PAID_WITHOUT_TIME: () => ['已支付的订单没有支付时间，按下单时间计', 'A paid order without a payment time; its creation time was used'],
	REFUND_EXCEEDS_PAID: (p) => [`退款金额 ${p.refund} 超过实付 ${p.paid}，按全额退款计`, `Refund ${p.refund} exceeds the amount paid ${p.paid}; read as a full refund`],
	DUPLICATE_ROW: (p) => [`与第 ${p.firstRow} 行是同一子订单，已跳过`, `Same sub-order as row ${p.firstRow}; skipped`]
};

const DEFAULT_SEVERITY: Record<ExportIssueCode, ExportIssueSeverity> = {
	NO_HEADER: 'error',
	TOO_MANY_ROWS: 'error',
	MISSING_COLUMN: 'error',
	INVALID_TIME: 'error',
	TIME_NEEDS_DATE: 'error',
	INVALID_NUMBER: 'warning',
	INVALID_AMOUNT: 'warning',
	DUPLICATE_TIME: 'warning',
	CUMULATIVE_DECREASED: 'warning',
	PER_MINUTE_ACCUMULATED: 'info',
	MISSING_ORDER_ID: 'error',
	ORDER_ID_PRECISION_LOST: 'warning',
	UNKNOWN_STATUS: 'warning',
	CONFLICTING_STATUS: 'warning',
	INVALID_QUANTITY: 'warning',
	PAID_WITHOUT_TIME: 'warning',
	REFUND_EXCEEDS_PAID: 'warning',
	DUPLICATE_ROW: 'warning'
};

/** A column of the file, as found under its header. */
export interface ExportColumn {
	/** The header as written. */
	header: string;
	/** 0-based column index. */
	index: number;
	/** 'C'. */
	letter: string;
}

export function exportIssue(
	code: ExportIssueCode,
	row: number | null,
	column: ExportColumn | string | null,
	params: Record<string, string | number> = {},
	severity: ExportIssueSeverity = DEFAULT_SEVERITY[code]
): ExportIssue {
	const header = column === null ? null : typeof column === 'string' ? column : column.header;
	const cell = row !== null && column !== null && typeof column === 'object' ? `${column.letter}${row}` : null;
	const [messageZh, message] = MESSAGES[code]({ column: header ?? '', ...params });
	return { code, severity, row, column: header, cell, message, messageZh, ...(Object.keys(params).length ? { params } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Cells

/** A cell with exceljs's objects flattened: rich text joined, a link's text, a formula's cached result; errors as null. */
export function plainExportCell(cell: unknown): string | number | boolean | Date | null {
	if (cell === null || cell === undefined) return null;
	if (typeof cell === 'string' || typeof cell === 'boolean' || cell instanceof Date) return cell;
	if (typeof cell === 'number') return Number.isFinite(cell) ? cell : null;
	if (typeof cell !== 'object') return null;
	const o = cell as Record<string, unknown>;
	if (Array.isArray(o.richText)) return o.richText.map((r: unknown) => (r && typeof r === 'object' && typeof (r as { text?: unknown }).text === 'string' ? (r as { text: string }).text : '')).join('');
	if ('formula' in o || 'sharedFormula' in o) return 'result' in o ? plainExportCell(o.result) : null;
	if ('hyperlink' in o) return 'text' in o ? plainExportCell(o.text) : typeof o.hyperlink === 'string' ? o.hyperlink : null;
	return null;
}

/** A cell as trimmed text: whole numbers without exponent or grouping. Dates as ISO (rarely wanted as text). */
export function exportCellText(cell: unknown): string {
	const v = plainExportCell(cell);
	if (v === null) return '';
	if (typeof v === 'boolean') return v ? '是' : '否';
	if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString();
	if (typeof v === 'number') return Number.isSafeInteger(v) ? String(v) : Number.isInteger(v) ? v.toLocaleString('en-US', { useGrouping: false }) : String(v);
	return v.replace(/\r\n?/g, '\n').trim();
}

/** Cells that mean "no figure": empty, '-', '--', '/', 'null', '暂无'. */
export function isBlankFigure(text: string): boolean {
	return /^(|[-—–－/／]+|null|nan|n\/a|暂无|无)$/i.test(text.normalize('NFKC').trim());
}

// ---------------------------------------------------------------------------------------------
// Headers

export interface NormalizedHeader {
	/** NFKC, no spaces, quotes, line breaks or '*', lower case. */
	full: string;
	/** `full` without bracketed parts ('成交金额(元)' → '成交金额'). */
	bare: string;
	/** The header's brackets say the unit is 万 ('成交金额(万元)'). */
	wan: boolean;
}

export function normalizeExportHeader(text: string): NormalizedHeader {
	const full = text
		.normalize('NFKC')
		.replace(/[\s\u00a0\u3000"'“”‘’*]+/g, '')
		.toLowerCase();
	const brackets = full.match(/[(\[【][^)\]】]*[)\]】]/g) ?? [];
	const bare = full.replace(/[(\[【][^)\]】]*[)\]】]/g, '').replace(/[:：]$/, '');
	return { full, bare, wan: brackets.some((b) => b.includes('万')) };
}

export interface HeaderMatch<K extends string> {
	/** 0-based row index of the header in the grid. */
	index: number;
	/** The first column found for each key, by the key's most preferred synonym. */
	columns: Partial<Record<K, ExportColumn & { wan: boolean }>>;
	/** Headers of the row that matched no key or lost to a more preferred synonym. */
	ignored: ExportColumn[];
}

/**
 * Finds the header row among the top rows: the first one whose columns, matched against each key's
 * synonyms (most preferred first), satisfy `accept`. When two columns name one key, the one with the
 * more preferred synonym wins, then the leftmost.
 */
export function findExportHeader<K extends string>(
	grid: readonly (readonly unknown[])[],
	synonyms: Readonly<Record<K, readonly string[]>>,
	accept: (found: ReadonlySet<K>) => boolean
): HeaderMatch<K> | null {
	// Each header word once, normalised: word → its key and rank.
	const words = new Map<string, { key: K; rank: number }>();
	for (const key of Object.keys(synonyms) as K[])
		synonyms[key].forEach((w, rank) => {
			const full = normalizeExportHeader(w).full;
			if (!words.has(full)) words.set(full, { key, rank });
		});
	const limit = Math.min(grid.length, EXPORT_HEADER_SEARCH_ROWS);
	for (let r = 0; r < limit; r++) {
		const best = new Map<K, { rank: number; column: ExportColumn & { wan: boolean } }>();
		const ignored: ExportColumn[] = [];
		(grid[r] ?? []).slice(0, EXPORT_HEADER_MAX_COLUMNS).forEach((cell, index) => {
			const header = exportCellText(cell);
			if (header === '') return;
			const n = normalizeExportHeader(header);
			const column = { header, index, letter: columnLetter(index), wan: n.wan };
			const hit = words.get(n.full) ?? words.get(n.bare) ?? null;
			const previous = hit ? best.get(hit.key) : undefined;
			if (hit && (!previous || hit.rank < previous.rank)) {
				if (previous) ignored.push(previous.column);
				best.set(hit.key, { rank: hit.rank, column });
			} else ignored.push(column);
		});
		if (accept(new Set(best.keys()))) {
			const columns: Partial<Record<K, ExportColumn & { wan: boolean }>> = {};
			for (const [key, { column }] of best) columns[key] = column;
			return { index: r, columns, ignored: ignored.sort((a, b) => a.index - b.index) };
		}
	}
	return null;
}

// ---------------------------------------------------------------------------------------------
// Numbers and money

const NUMBER_TEXT = /^([+-]?)(?:(\d{1,3}(?:,\d{3})+)|(\d+))?(?:\.(\d+))?(万|w|亿)?$/i;

/**
 * A decimal written the way back offices write it, in units: '1,234.5', '1.2万', '3亿', '¥12', '12元',
 * '12.5%' is refused. Null when not a number. Exact enough for money: at most 15 significant digits.
 */
export function parseExportDecimal(cell: unknown): number | null {
	const v = plainExportCell(cell);
	if (typeof v === 'number') return v;
	if (typeof v !== 'string') return null;
	const t = v
		.normalize('NFKC')
		.replace(/[\s']/g, '')
		.replace(/^[¥￥]|^rmb|^cny/i, '')
		.replace(/(人民币)?元$|人$|次$|单$|件$|个$/, '')
		.replace(/^([+-]?)[¥￥]/, '$1');
	const m = NUMBER_TEXT.exec(t);
	if (!m || (m[2] === undefined && m[3] === undefined && m[4] === undefined)) return null;
	const digits = `${(m[2] ?? m[3] ?? '0').replace(/,/g, '')}.${m[4] ?? '0'}`;
	const scale = m[5] === undefined ? 1 : m[5] === '亿' ? 1e8 : 1e4;
	const value = Number(digits) * scale;
	return m[1] === '-' ? -value : value;
}

/** A count (viewers, orders, likes): a whole number ≥ 0 after units ('1.2万' is 12000). Null when not one. */
export function parseExportCount(cell: unknown, wan = false): number | null {
	const value = parseExportDecimal(cell);
	if (value === null || value < 0) return null;
	const scaled = wan ? value * 1e4 : value;
	const rounded = Math.round(scaled);
	// A fraction is fine only where a unit scaled it ('1.23456万'); a raw '12.5' people is not a count.
	if (Math.abs(scaled - rounded) > 1e-6 && !(wan || /[万w亿]/i.test(exportCellText(cell)))) return null;
	return Number.isSafeInteger(rounded) ? rounded : null;
}

/** Money in yuan to integer fen ('¥1,234.50' → 123450, '1.2万' → 1200000), rounded to the fen. Null when not money; negatives allowed only when `allowNegative`. */
export function parseExportFen(cell: unknown, wan = false, allowNegative = false): number | null {
	const value = parseExportDecimal(cell);
	if (value === null || (value < 0 && !allowNegative)) return null;
	const fen = Math.round(value * (wan ? 1e4 : 1) * 100);
	return Number.isSafeInteger(fen) ? fen : null;
}

// ---------------------------------------------------------------------------------------------
// Times

const DAY_MS = 86_400_000;
/** Excel's day 0 (1899-12-30, which absorbs its 1900 leap-year bug) in Unix days. */
const EXCEL_EPOCH_DAYS = 25_569;

/** A time cell read: an instant, a date, or a time of day still to be placed on the show's date. */
export type ExportTime =
	| { kind: 'instant'; at: number }
	/** Midnight of a Shanghai calendar date, epoch ms. */
	| { kind: 'date'; at: number }
	/** Milliseconds since midnight, Shanghai wall clock. */
	| { kind: 'timeOfDay'; ms: number };

function wallClock(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number | null {
	if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
	const utc = Date.UTC(year, month - 1, day, hour, minute, second);
	if (new Date(utc).getUTCDate() !== day) return null;
	return utc - SHANGHAI_OFFSET_MS;
}

/** Midnight (Shanghai) of a 'YYYY-MM-DD' date, epoch ms; null when malformed. */
export function shanghaiMidnight(date: string): number | null {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
	return m ? wallClock(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

const DATE_TIME_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT]*(\d{1,2})\s*[:：时]\s*(\d{1,2})\s*(?:[:：分]\s*(\d{1,2})(?:\.\d+)?\s*秒?)?\s*分?)?(?:Z|[+-]08:?00)?\s*$/i;
const MONTH_DAY_TIME_TEXT = /^(\d{1,2})\s*[-/月]\s*(\d{1,2})\s*日?\s+(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?\s*$/;
/** '19:31', '19:31:05', '19时31分', and the start of a range '19:31-19:32' / '19:31~19:32'. */
const TIME_TEXT = /^(\d{1,2})\s*[:：时]\s*(\d{2})\s*(?:[:：分]\s*(\d{2})\s*秒?)?\s*分?\s*(?:[-~～至到—]\s*\d{1,2}\s*[:：时]\s*\d{2}.*)?$/;

/**
 * A time cell of an export in Asia/Shanghai wall-clock time. Understands '2026-11-20 19:31',
 * '2026/11/20 19:31:00', '2026年11月20日 19:31', '11-20 19:31' (year from `showDate`), '19:31' and
 * '19:31-19:32' (a time of day), Excel serial numbers (days since 1899-12-30, wall clock; below 1 a
 * time of day), Unix seconds or milliseconds, and Date objects as exceljs gives them — exceljs turns
 * a serial into a Date whose UTC fields are the wall clock shown in Excel, so 19:31 in the sheet is
 * 19:31Z and means 19:31 in Shanghai (11:31Z); a Date on 1899-12-30 is a time of day. Null when the
 * cell is no time.
 */
export function parseExportTime(cell: unknown, showDate: string | null = null): ExportTime | null {
	const v = plainExportCell(cell);
	if (v instanceof Date) {
		const t = v.getTime();
		if (Number.isNaN(t)) return null;
		if (v.getUTCFullYear() < 1900) return { kind: 'timeOfDay', ms: Math.round((((t % DAY_MS) + DAY_MS) % DAY_MS) / 1000) * 1000 };
		return { kind: 'instant', at: Math.round(t / 1000) * 1000 - SHANGHAI_OFFSET_MS };
	}
	if (typeof v === 'number') return timeOfNumber(v);
	if (typeof v !== 'string') return null;
	const text = v.normalize('NFKC').trim();
	if (/^\d{10}(\d{3})?$/.test(text)) return timeOfNumber(Number(text));
	let m = DATE_TIME_TEXT.exec(text);
	if (m) {
		const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
		if (m[4] === undefined) {
			const at = wallClock(y, mo, d);
			return at === null ? null : { kind: 'date', at };
		}
		const at = wallClock(y, mo, d, Number(m[4]), Number(m[5]), m[6] === undefined ? 0 : Number(m[6]));
		return at === null ? null : { kind: 'instant', at };
	}
	m = MONTH_DAY_TIME_TEXT.exec(text);
	if (m) {
		const midnight = showDate === null ? null : shanghaiMidnight(showDate);
		if (midnight === null) return null;
		const year = new Date(midnight + SHANGHAI_OFFSET_MS).getUTCFullYear();
		const read = (y: number) => wallClock(y, Number(m![1]), Number(m![2]), Number(m![3]), Number(m![4]), m![5] === undefined ? 0 : Number(m![5]));
		let at = read(year);
		// A show on 31 December reaching 01-01: the next year.
		if (at !== null && at < midnight - 180 * DAY_MS) at = read(year + 1);
		return at === null ? null : { kind: 'instant', at };
	}
	m = TIME_TEXT.exec(text);
	if (m) {
		const [h, min, s] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 0 : Number(m[3])];
		if (h > 23 || min > 59 || s > 59) return null;
		return { kind: 'timeOfDay', ms: (h * 3600 + min * 60 + s) * 1000 };
	}
	return null;
}

function timeOfNumber(n: number): ExportTime | null {
	if (!Number.isFinite(n) || n < 0) return null;
	if (n >= 1e12 && n < 1e14) return { kind: 'instant', at: Math.round(n) };
	if (n >= 1e9 && n < 1e11) return { kind: 'instant', at: Math.round(n) * 1000 };
	if (n < 1) return { kind: 'timeOfDay', ms: Math.round((n * DAY_MS) / 1000) * 1000 % DAY_MS };
	// Excel serials of 1950…2100 only: a small number in a time column is more likely a minute index.
	if (n < 18_264 || n > 73_051) return null;
	const wall = Math.round(((n - EXCEL_EPOCH_DAYS) * DAY_MS) / 1000) * 1000;
	return { kind: 'instant', at: wall - SHANGHAI_OFFSET_MS };
}

/**
 * Places times of day on the show's date, in file order: a jump back of more than 12 hours
 * (23:59 → 00:00) is the next day, a jump forward of more than 12 hours (00:00 → 23:59, in a file
 * listed newest first) the previous one; then the earliest day is the show's date. So a show from
 * 23:00 to 01:00 dated on its start is read right in either order. Returns epoch ms per input.
 */
export function placeTimesOfDay(msOfDay: readonly number[], showMidnight: number): number[] {
	const offsets: number[] = [];
	let day = 0;
	msOfDay.forEach((ms, i) => {
		if (i > 0) {
			const diff = ms - msOfDay[i - 1];
			if (diff < -DAY_MS / 2) day++;
			else if (diff > DAY_MS / 2) day--;
		}
		offsets.push(day);
	});
	const first = offsets.reduce((a, b) => Math.min(a, b), 0);
	return msOfDay.map((ms, i) => showMidnight + (offsets[i] - first) * DAY_MS + ms);
}
