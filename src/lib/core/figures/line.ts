/**
 * The 场记's keyboard line: one line per platform, entered with Enter. Two forms:
 *
 * - labelled, any order, any subset: `在线 1234 累计 5.6万 成交 12345.5 订单 88 粉丝 30 赞 1.2万`, or
 *   `viewers 1234 views 56000 gmv 12345.5 orders 88 fans 30 likes 12000`; `:`, `：` or `=` after a
 *   label optional; labels may touch their numbers (`在线1234`);
 * - positional: numbers in the fixed order viewers, totalViews, GMV, orders, newFollowers, likes;
 *   `-` or `_` skips one (`1234 - 12345.5` is viewers and GMV).
 *
 * Numbers: `1234`, `1,234` (a comma followed by three digits groups thousands), `1.2万`/`3.4w`
 * (×10 000), `1.5k`/`1.5千` (×1 000), full-width digits; a count may end in 人/单/个/次. GMV is typed in
 * yuan (`12345.5`, `¥12,345.50`, `12345.5元`, `1.2万`) and becomes integer fen; only GMV may carry ¥
 * or 元. A value must come out whole (a count of 1.23456万 or ¥0.001 is refused). Separators: spaces,
 * `,`, `，`, `、`, `;`, `；`, `|`, `/`.
 *
 * Errors are values with a code and the span of the line they concern, so the panel can mark it.
 */
import type { Locale } from '../format';
import { FIGURE_MAX, FIGURE_METRICS, type FigureMetric, type Figures } from './metrics';

export const FIGURE_LINE_ERROR_CODES = [
	/** Nothing but separators and skips. */
	'FIGURE_LINE_EMPTY',
	/** A word that is no metric's label (or a character that belongs nowhere). */
	'FIGURE_UNKNOWN_LABEL',
	/** Not a number this metric can take: negative, fractional where it must be whole, ¥ on a count. */
	'FIGURE_BAD_NUMBER',
	/** Above the metric's FIGURE_MAX. */
	'FIGURE_TOO_LARGE',
	/** More than six positional values. */
	'FIGURE_TOO_MANY_VALUES',
	/** A label with no number after it. */
	'FIGURE_MISSING_VALUE',
	/** A number without a label in a labelled line. */
	'FIGURE_MISSING_LABEL',
	/** A label in a positional line (label every number or none). */
	'FIGURE_MIXED_FORMS',
	/** The same metric twice. */
	'FIGURE_DUPLICATE_LABEL'
] as const;
export type FigureLineErrorCode = (typeof FIGURE_LINE_ERROR_CODES)[number];

export interface FigureLineError {
	ok: false;
	code: FigureLineErrorCode;
	/** English, for logs; the UI shows its own text for the code. */
	message: string;
	/** The span of the line concerned, UTF-16 offsets [start, end). */
	start: number;
	end: number;
	/** The metric concerned, when known. */
	metric?: FigureMetric;
}

export type FigureLineResult = { ok: true; figures: Figures; form: 'labelled' | 'positional' } | FigureLineError;

/** Labels accepted per metric (compared lower-cased). */
export const FIGURE_LABELS: Record<FigureMetric, readonly string[]> = {
	viewers: ['在线', '在线人数', '实时在线', '实时在线人数', '同时在线', '人数', 'viewers', 'viewer', 'online', 'v'],
	totalViews: ['累计', '累计观看', '累计观看人数', '累计观看人次', '观看', '观看人数', '观看人次', '场观', 'views', 'view', 'total', 'pv'],
	gmvFen: ['成交', '成交额', '成交金额', '销售额', '金额', 'gmv', 'sales'],
	orders: ['订单', '订单数', '单量', '成交订单', '成交订单数', 'orders', 'order'],
	newFollowers: ['粉丝', '新增粉丝', '新粉', '涨粉', '关注', '新增关注', 'fans', 'followers', 'follows', 'follow'],
	likes: ['赞', '点赞', '点赞数', 'likes', 'like']
};
const LABEL_OF = new Map<string, FigureMetric>(FIGURE_METRICS.flatMap((m) => FIGURE_LABELS[m].map((l) => [l.toLowerCase(), m] as [string, FigureMetric])));

type Token =
	| { kind: 'label'; metric: FigureMetric | null; start: number; end: number }
	| { kind: 'skip'; start: number; end: number }
	| { kind: 'number'; start: number; end: number; digits: string; decimals: number; multiplier: bigint; money: boolean; negative: boolean };

const SEPARATOR = /[\s,，、;；|/:：=]/;
const NUMBER = /^(-)?([¥￥]\s*)?(\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.(\d+))?(?:\s*(万|[wW](?![A-Za-z])|千|[kK](?![A-Za-z])))?(?:\s*(元|人|单|个|次))?/;
const WORD = /^[A-Za-z\u4e00-\u9fff]+/;

function normalise(line: string): string {
	// One UTF-16 unit for one, so offsets stay those of the line as typed.
	return line.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/．/g, '.');
}

function tokenise(line: string): Token[] | FigureLineError {
	const s = normalise(line);
	const tokens: Token[] = [];
	let i = 0;
	while (i < s.length) {
		const rest = s.slice(i);
		const number = NUMBER.exec(rest);
		if (number) {
			const [text, minus, yuan, whole, fraction = '', mult, suffix] = number;
			tokens.push({
				kind: 'number',
				start: i,
				end: i + text.length,
				digits: whole.replace(/,/g, '') + fraction,
				decimals: fraction.length,
				multiplier: mult === '万' || mult === 'w' || mult === 'W' ? 10_000n : mult ? 1_000n : 1n,
				money: yuan !== undefined || suffix === '元',
				negative: minus !== undefined
			});
			i += text.length;
			continue;
		}
		const ch = s[i];
		if (ch === '-' || ch === '_' || ch === '—') {
			tokens.push({ kind: 'skip', start: i, end: i + 1 });
			i++;
			continue;
		}
		if (SEPARATOR.test(ch)) {
			i++;
			continue;
		}
		const word = WORD.exec(rest);
		const end = i + (word ? word[0].length : 1);
		if (!word) return fail('FIGURE_UNKNOWN_LABEL', `Unexpected "${ch}".`, i, end);
		tokens.push({ kind: 'label', metric: LABEL_OF.get(word[0].toLowerCase()) ?? null, start: i, end });
		i = end;
	}
	return tokens;
}

function fail(code: FigureLineErrorCode, message: string, start: number, end: number, metric?: FigureMetric): FigureLineError {
	return { ok: false, code, message, start, end, ...(metric ? { metric } : {}) };
}

/** The value of a number token for a metric (fen for GMV), or why it cannot be. */
function valueOf(token: Extract<Token, { kind: 'number' }>, metric: FigureMetric): number | FigureLineError {
	const { start, end } = token;
	if (token.negative) return fail('FIGURE_BAD_NUMBER', 'Figures cannot be negative.', start, end, metric);
	const isMoney = metric === 'gmvFen';
	if (token.money && !isMoney) return fail('FIGURE_BAD_NUMBER', `Only GMV is money; ${metric} is a count.`, start, end, metric);
	const scaled = BigInt(token.digits) * token.multiplier * (isMoney ? 100n : 1n);
	const divisor = 10n ** BigInt(token.decimals);
	if (scaled % divisor !== 0n) {
		return fail('FIGURE_BAD_NUMBER', isMoney ? 'GMV has at most two decimals (fen).' : `${metric} must be a whole number.`, start, end, metric);
	}
	const value = scaled / divisor;
	if (value > BigInt(FIGURE_MAX[metric])) return fail('FIGURE_TOO_LARGE', `${metric} is at most ${FIGURE_MAX[metric]}.`, start, end, metric);
	return Number(value);
}

/** Reads one typed line into figures (GMV in fen), or an error with its code and span. */
export function parseFigureLine(line: string): FigureLineResult {
	const tokens = tokenise(line);
	if (!Array.isArray(tokens)) return tokens;
	const first = tokens[0];
	if (!first) return fail('FIGURE_LINE_EMPTY', 'No figures on the line.', 0, line.length);
	const figures: Figures = {};
	const set = (metric: FigureMetric, token: Extract<Token, { kind: 'number' }>): FigureLineError | null => {
		const value = valueOf(token, metric);
		if (typeof value !== 'number') return value;
		figures[metric] = value;
		return null;
	};

	if (first.kind === 'label') {
		for (let k = 0; k < tokens.length; k++) {
			const token = tokens[k];
			if (token.kind === 'number') return fail('FIGURE_MISSING_LABEL', 'Each number needs its label in a labelled line.', token.start, token.end);
			if (token.kind === 'skip') continue;
			if (token.metric === null) return fail('FIGURE_UNKNOWN_LABEL', `Unknown label "${line.slice(token.start, token.end)}".`, token.start, token.end);
			const metric = token.metric;
			if (metric in figures) return fail('FIGURE_DUPLICATE_LABEL', `${metric} appears twice.`, token.start, token.end, metric);
			const next = tokens[k + 1];
			if (next?.kind === 'skip') {
				k++; // `在线 -`: not given
				continue;
			}
			if (next?.kind !== 'number') return fail('FIGURE_MISSING_VALUE', `No number after "${line.slice(token.start, token.end)}".`, token.start, token.end, metric);
			const error = set(metric, next);
			if (error) return error;
			k++;
		}
	} else {
		let slot = 0;
		for (const token of tokens) {
			if (token.kind === 'label') {
				return token.metric === null
					? fail('FIGURE_UNKNOWN_LABEL', `Unknown label "${line.slice(token.start, token.end)}".`, token.start, token.end)
					: fail('FIGURE_MIXED_FORMS', 'Label every number or none.', token.start, token.end, token.metric);
			}
			if (slot >= FIGURE_METRICS.length) return fail('FIGURE_TOO_MANY_VALUES', `At most ${FIGURE_METRICS.length} values.`, token.start, token.end);
			const metric = FIGURE_METRICS[slot++];
			if (token.kind === 'number') {
				const error = set(metric, token);
				if (error) return error;
			}
		}
	}
	if (Object.keys(figures).length === 0) return fail('FIGURE_LINE_EMPTY', 'No figures on the line.', 0, line.length);
	return { ok: true, figures, form: first.kind === 'label' ? 'labelled' : 'positional' };
}

const COMPACT: Record<Locale, readonly [number, string][]> = {
	'zh-CN': [
		[100_000_000, '亿'],
		[10_000, '万']
	],
	en: [
		[1_000_000_000, 'B'],
		[1_000_000, 'M'],
		[1_000, 'k']
	]
};

/**
 * A figure for display: GMV (fen) as `¥12,345.50`; counts as typed below 10 000 (zh) / 1 000 (en)
 * and compact above with one decimal, rounded half up, `.0` dropped: `1.2万`, `3亿`, `12.3k`, `1.5M`.
 */
export function formatFigure(metric: FigureMetric, value: number, locale: Locale): string {
	if (metric === 'gmvFen') {
		const fen = Math.round(value);
		const yuan = Math.floor(Math.abs(fen) / 100);
		const cents = Math.abs(fen) % 100;
		const grouped = String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
		return `${fen < 0 ? '-' : ''}¥${grouped}.${String(cents).padStart(2, '0')}`;
	}
	const units = COMPACT[locale];
	const u = units.findIndex(([size]) => value >= size);
	if (u >= 0) {
		let tenths = Math.round((value / units[u][0]) * 10);
		let name = units[u][1];
		// 99 999 999 rounds to 10000.0万: that is 1亿.
		if (u > 0 && tenths * units[u][0] >= units[u - 1][0] * 10) [tenths, name] = [10, units[u - 1][1]];
		return `${tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1)}${name}`;
	}
	return String(Math.round(value));
}
