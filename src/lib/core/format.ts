/**
 * Money and time as people in the campaign read and type them: prices in yuan (¥39.90) from
 * integer fen, instants as Asia/Shanghai wall-clock time, durations as countdowns. Pure: no
 * `Date.now()`, Intl only (present in browsers and Node).
 */
import type { EpochMs } from './model';

/** UI languages: Simplified Chinese by default, English available. */
export type Locale = 'zh-CN' | 'en';

export const SHANGHAI_TIME_ZONE = 'Asia/Shanghai';
/** China has kept UTC+8 without daylight saving time since 1991: Shanghai wall-clock time minus UTC, ms. */
export const SHANGHAI_OFFSET_MS = 8 * 3600_000;

// ---------------------------------------------------------------------------------------------
// Money

/** '39.90' for 3990 fen: yuan with exactly two decimals, no symbol, no grouping; '-' when negative. */
export function fenToYuanString(fen: number): string {
	const whole = Math.round(fen);
	const abs = Math.abs(whole);
	const yuan = Math.floor(abs / 100);
	const cents = abs % 100;
	return `${whole < 0 ? '-' : ''}${yuan}.${cents < 10 ? '0' : ''}${cents}`;
}

/** '¥39.90' for 3990 fen; '-¥1.00' for -100. */
export function formatFen(fen: number): string {
	const s = fenToYuanString(fen);
	return s.startsWith('-') ? `-¥${s.slice(1)}` : `¥${s}`;
}

const FULLWIDTH_DIGITS = /[０-９]/g;
const YUAN_PATTERN = /^(?:(\d{1,3}(?:,\d{3})+)|(\d+))?(?:\.(\d{0,2}))?$/;

/**
 * A price typed or pasted by a person, in yuan, to integer fen: accepts 39.9, '39.9', '¥39.9',
 * '￥39.90', '39.90元', ' 39 元 ', '1,299.00' and full-width digits. Returns null for negatives,
 * more than two decimals, an empty string or anything else. Exact: no float arithmetic on the
 * digits, so '19.99' is 1999.
 */
export function parseYuan(input: string | number): number | null {
	if (typeof input === 'number') {
		if (!Number.isFinite(input) || input < 0) return null;
		// String(19.99) is '19.99': the shortest round-trip form, so the decimals are the ones typed.
		input = String(input);
	}
	if (typeof input !== 'string') return null;
	let s = input
		.replace(FULLWIDTH_DIGITS, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
		.replace(/．/g, '.')
		.replace(/，/g, ',')
		.trim();
	s = s.replace(/^[¥￥]\s*/, '').replace(/\s*元$/, '');
	const m = YUAN_PATTERN.exec(s);
	if (!m) return null;
	const intDigits = (m[1] ?? m[2] ?? '').replace(/,/g, '');
	const fracDigits = m[3] ?? '';
	if (intDigits === '' && fracDigits === '') return null;
	const fen = Number(intDigits || '0') * 100 + Number(fracDigits.padEnd(2, '0'));
	return Number.isSafeInteger(fen) ? fen : null;
}

// ---------------------------------------------------------------------------------------------
// Asia/Shanghai time

export interface ShanghaiParts {
	year: number;
	/** 1–12 */
	month: number;
	/** 1–31 */
	day: number;
	/** 0–23 */
	hour: number;
	minute: number;
	second: number;
	/** 0 = Sunday … 6 = Saturday */
	weekday: number;
}

const WEEKDAYS_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEKDAYS_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** From here on Shanghai is UTC+8 all year (its last daylight-saving time ended in September 1991). */
export const SHANGHAI_FIXED_OFFSET_FROM = Date.UTC(1992, 0, 1) - SHANGHAI_OFFSET_MS;

let partsFormatter: Intl.DateTimeFormat | undefined;

/**
 * Wall-clock fields of an instant in Asia/Shanghai. From 1992 by the fixed offset (what the time zone
 * database says for those years, tested against it): the clocks and lists call it often, and a page's
 * first Intl formatter with a time zone costs it about 15 ms. Earlier instants ask the database.
 */
export function shanghaiParts(epochMs: EpochMs): ShanghaiParts {
	if (epochMs >= SHANGHAI_FIXED_OFFSET_FROM && epochMs <= 8.64e15 - SHANGHAI_OFFSET_MS) {
		const d = new Date(epochMs + SHANGHAI_OFFSET_MS);
		return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds(), weekday: d.getUTCDay() };
	}
	return shanghaiPartsByTimeZone(epochMs);
}

/** The same fields from the time zone database (Intl), for any instant. */
export function shanghaiPartsByTimeZone(epochMs: EpochMs): ShanghaiParts {
	partsFormatter ??= new Intl.DateTimeFormat('en-US', {
		timeZone: SHANGHAI_TIME_ZONE,
		hourCycle: 'h23',
		weekday: 'short',
		year: 'numeric',
		month: 'numeric',
		day: 'numeric',
		hour: 'numeric',
		minute: 'numeric',
		second: 'numeric'
	});
	const out: ShanghaiParts = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
	for (const p of partsFormatter.formatToParts(epochMs)) {
		if (p.type === 'weekday') out.weekday = WEEKDAYS_EN.indexOf(p.value);
		else if (p.type === 'year' || p.type === 'month' || p.type === 'day' || p.type === 'hour' || p.type === 'minute' || p.type === 'second') {
			out[p.type] = Number(p.value);
		}
	}
	return out;
}

export type ShanghaiStyle = 'datetime' | 'date' | 'time' | 'timeSec' | 'poster';

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * An instant as Asia/Shanghai wall-clock text, whatever the viewer's own time zone:
 * - datetime: '2026年12月12日 19:00' / 'Dec 12, 2026, 19:00'
 * - date: '2026年12月12日' / 'Dec 12, 2026'
 * - time: '19:00' (24-hour in both locales)
 * - timeSec: '19:00:05' (alerts, messages, the report's event times)
 * - poster: '12月12日（周六）19:00' / 'Sat, Dec 12, 19:00' (as preheat posters print it)
 */
export function formatShanghai(epochMs: EpochMs, style: ShanghaiStyle, locale: Locale): string {
	const p = shanghaiParts(epochMs);
	const time = `${pad2(p.hour)}:${pad2(p.minute)}`;
	if (style === 'time') return time;
	if (style === 'timeSec') return `${time}:${pad2(p.second)}`;
	if (locale === 'zh-CN') {
		const date = `${p.year}年${p.month}月${p.day}日`;
		if (style === 'date') return date;
		if (style === 'datetime') return `${date} ${time}`;
		return `${p.month}月${p.day}日（${WEEKDAYS_ZH[p.weekday]}）${time}`;
	}
	const monthDay = `${MONTHS_EN[p.month - 1]} ${p.day}`;
	if (style === 'date') return `${monthDay}, ${p.year}`;
	if (style === 'datetime') return `${monthDay}, ${p.year}, ${time}`;
	return `${WEEKDAYS_EN[p.weekday]}, ${monthDay}, ${time}`;
}

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * Epoch ms of a wall-clock Asia/Shanghai time written 'YYYY-MM-DDTHH:mm' (optionally ':ss', or a
 * space for the 'T'), as `<input type="datetime-local">` gives it. Null when malformed or not a
 * real date (2026-02-30). Uses the fixed UTC+8 offset.
 */
export function parseShanghaiLocal(input: string): EpochMs | null {
	const m = LOCAL_INPUT.exec(input.trim());
	if (!m) return null;
	const [year, month, day, hour, minute, second] = m.slice(1).map((v) => (v === undefined ? 0 : Number(v)));
	if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
	const utc = Date.UTC(year, month - 1, day, hour, minute, second);
	// Date.UTC rolls 2026-02-30 over to March; a real date survives the round trip.
	if (new Date(utc).getUTCDate() !== day) return null;
	return utc - SHANGHAI_OFFSET_MS;
}

/** 'YYYY-MM-DDTHH:mm' in Asia/Shanghai, the value `<input type="datetime-local">` expects. */
export function toShanghaiLocalInput(epochMs: EpochMs): string {
	const p = shanghaiParts(epochMs);
	return `${String(p.year).padStart(4, '0')}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}`;
}

// ---------------------------------------------------------------------------------------------
// Durations

export interface DurationFormat {
	/**
	 * How a negative duration is shown: 'minus' gives '-1:05'; 'overtime' gives '+1:05', for a
	 * countdown that has run past zero. Positive durations never carry a sign. Default 'minus'.
	 */
	sign?: 'minus' | 'overtime';
	/**
	 * Rounding of fractional seconds. 'trunc' (default) drops them, right for elapsed time; 'ceil'
	 * rounds up, right for a countdown: it shows 0:01 until the last millisecond, then 0:00 for
	 * one second, then +0:01.
	 */
	rounding?: 'trunc' | 'ceil';
}

/** A duration in ms as 'm:ss' (under an hour) or 'h:mm:ss', e.g. 754_000 → '12:34'. */
export function formatDuration(ms: number, options: DurationFormat = {}): string {
	const totalSec = options.rounding === 'ceil' ? Math.ceil(ms / 1000) : Math.trunc(ms / 1000);
	const abs = Math.abs(totalSec);
	const h = Math.floor(abs / 3600);
	const m = Math.floor((abs % 3600) / 60);
	const s = abs % 60;
	const body = h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${m}:${pad2(s)}`;
	if (totalSec >= 0) return body;
	return `${options.sign === 'overtime' ? '+' : '-'}${body}`;
}
