/**
 * Measuring and fitting poster text without a DOM. Advance widths are estimated per character
 * class in em, on the generous side, so real glyphs (Noto Sans/Serif CJK, PingFang, YaHei) stay
 * inside the box the layout reserved; lines break greedily with the Chinese rules (禁则): no
 * closing punctuation at a line start, no opening punctuation at a line end, Latin words kept whole
 * when they fit. Pure: no I/O.
 */

export interface TextStyle {
	/** Bold glyphs of Latin text run a little wider; CJK stays 1 em. */
	bold?: boolean;
	/** Extra space after every character, in em (SVG `letter-spacing`). */
	tracking?: number;
}

const NARROW = new Set("il.,:;!|'`");
const WIDE_LATIN = new Set('mwMW@%');
const HALF_PUNCT = new Set(' ');

/** Advance width of one character in em, on the generous side. */
export function charWidthEm(ch: string): number {
	const cp = ch.codePointAt(0) ?? 0;
	if (cp < 0x80) {
		if (HALF_PUNCT.has(ch)) return 0.3;
		if (NARROW.has(ch)) return 0.32;
		if (WIDE_LATIN.has(ch)) return 0.95;
		if (ch >= 'A' && ch <= 'Z') return 0.74;
		if (ch >= '0' && ch <= '9') return 0.6;
		if (ch >= 'a' && ch <= 'z') return ch === 'f' || ch === 't' || ch === 'r' || ch === 'j' ? 0.42 : 0.6;
		return 0.62;
	}
	// Latin-1 and other alphabetic scripts: proportional, never wider than an ideograph.
	if (cp < 0x2e80 && !(cp >= 0x2000 && cp <= 0x206f) && !(cp >= 0x2190 && cp <= 0x2bff)) return cp === 0xa5 ? 0.62 : 0.78;
	// CJK, kana, hangul, full-width forms, CJK punctuation, curly quotes, dashes and ellipsis
	// (full width in Chinese fonts), symbols and emoji: one em, a little more for astral symbols.
	return cp > 0xffff && !(cp >= 0x20000 && cp <= 0x3ffff) ? 1.25 : 1;
}

/** Width of a single line of `text` at font `size` (same unit as the size). */
export function textWidth(text: string, size: number, style: TextStyle = {}): number {
	let em = 0;
	let count = 0;
	for (const ch of text) {
		const w = charWidthEm(ch);
		em += w < 1 && style.bold ? w * 1.06 : w;
		count += 1;
	}
	return (em + count * (style.tracking ?? 0)) * size;
}

/** Characters that may not begin a line (they join the token before). */
const NO_LINE_START = new Set('，。、；：！？）》」』】〕〉’”…—～·%‰℃,.;:!?)]}');
/** Characters that may not end a line (they join the token after). */
const NO_LINE_END = new Set('（《「『【〔〈‘“([{¥￥');

const isBreakableSpace = (ch: string) => ch === ' ' || ch === '\t' || ch === '\u3000';
/** Characters of a Latin "word", kept together when a line allows it ('.' and ',' only inside one: 3.5kg, 1,299). */
const isWordChar = (ch: string) => {
	if (ch === '.' || ch === ',') return true;
	const cp = ch.codePointAt(0) ?? 0;
	return cp < 0x2e80 && !isBreakableSpace(ch) && !NO_LINE_START.has(ch) && !NO_LINE_END.has(ch) && !(cp >= 0x2000 && cp <= 0x206f);
};
const startsWord = (ch: string) => ch !== '.' && ch !== ',' && isWordChar(ch);

/** Break opportunities: single ideographs, Latin words, spaces; punctuation glued per 禁则. */
export function tokenize(text: string): string[] {
	const raw: string[] = [];
	const chars = [...text];
	for (let i = 0; i < chars.length; ) {
		const ch = chars[i];
		if (startsWord(ch)) {
			let j = i + 1;
			while (j < chars.length && isWordChar(chars[j])) j += 1;
			raw.push(chars.slice(i, j).join(''));
			i = j;
		} else {
			raw.push(ch);
			i += 1;
		}
	}
	const tokens: string[] = [];
	let pendingOpen = '';
	for (const token of raw) {
		const first = [...token][0];
		if (tokens.length > 0 && pendingOpen === '' && NO_LINE_START.has(first) && !isBreakableSpace(tokens[tokens.length - 1])) {
			tokens[tokens.length - 1] += token;
		} else if (token.length === 1 && NO_LINE_END.has(token)) {
			pendingOpen += token;
		} else {
			tokens.push(pendingOpen + token);
			pendingOpen = '';
		}
	}
	if (pendingOpen) {
		if (tokens.length > 0 && !isBreakableSpace(tokens[tokens.length - 1])) tokens[tokens.length - 1] += pendingOpen;
		else tokens.push(pendingOpen);
	}
	return tokens;
}

/** A good place to break a title: after closing punctuation, a middle dot or a space, or before an opening bracket. */
const PHRASE_END = /[」』）》】〕，。、；：！？·…\s)]$/u;
const PHRASE_START = /^[「『（《【〔(]/u;

export interface WrapOptions {
	/**
	 * Prefer phrase boundaries (after 」，· or a space, before 「) when one leaves the line at least
	 * 60 % full, so a title does not split a word like 示范 across lines.
	 */
	phrases?: boolean;
}

/**
 * Greedy line breaking of `text` into lines no wider than `maxWidth` at `size`. Newlines are
 * kept; spaces at line ends are dropped; a token wider than a line is broken between characters.
 */
export function wrapLines(text: string, maxWidth: number, size: number, style: TextStyle = {}, options: WrapOptions = {}): string[] {
	const lines: string[] = [];
	const fits = (w: number) => w <= maxWidth + 1e-9;
	for (const paragraph of text.split(/\r?\n/)) {
		const before = lines.length;
		let line: string[] = [];
		let width = 0;
		const push = (tokens: string[]) => {
			const trimmed = tokens.join('').replace(/[ \t\u3000]+$/u, '');
			if (trimmed !== '') lines.push(trimmed);
		};
		const flush = () => {
			push(line);
			line = [];
			width = 0;
		};
		/** Breaks at the last phrase boundary of the line when it is far enough in; answers whether it did. */
		const breakAtPhrase = (next: string): boolean => {
			if (!options.phrases) return false;
			if (PHRASE_START.test(next) || PHRASE_END.test(line[line.length - 1] ?? '')) return false;
			for (let i = line.length - 1; i > 0; i -= 1) {
				if (!PHRASE_END.test(line[i - 1]) && !PHRASE_START.test(line[i])) continue;
				const head = line.slice(0, i);
				if (textWidth(head.join(''), size, style) < maxWidth * 0.6) return false;
				push(head);
				line = line.slice(i).filter((t, j) => j > 0 || !isBreakableSpace(t));
				width = textWidth(line.join(''), size, style);
				return true;
			}
			return false;
		};
		for (const token of tokenize(paragraph.trim())) {
			if (isBreakableSpace(token) && line.length === 0) continue;
			const w = textWidth(token, size, style);
			if (fits(width + w)) {
				line.push(token);
				width += w;
				continue;
			}
			if (breakAtPhrase(token) && fits(width + w)) {
				line.push(token);
				width += w;
				continue;
			}
			flush();
			if (isBreakableSpace(token)) continue;
			if (fits(w)) {
				line = [token];
				width = w;
				continue;
			}
			// Longer than a line: break between characters.
			for (const ch of token) {
				const cw = textWidth(ch, size, style);
				if (!fits(width + cw) && line.length) flush();
				line.push(ch);
				width += cw;
			}
		}
		flush();
		if (lines.length === before) lines.push('');
	}
	return lines;
}

export interface FitOptions extends TextStyle {
	/** Largest font size to try. */
	maxSize: number;
	/** Smallest size the design wants; below it the text may still shrink, down to `floorSize`. */
	minSize: number;
	/** Absolute smallest size: only when nothing else fits. Defaults to half of `minSize`. */
	floorSize?: number;
	/** Most lines wanted at or above `minSize`. */
	maxLines?: number;
	/** Line box height as a multiple of the size; default 1.25. */
	lineHeight?: number;
	/** Title setting: break at phrase boundaries when possible, and even out a short last line. */
	phrases?: boolean;
}

export interface TextFit {
	size: number;
	lines: string[];
	lineHeight: number;
	/** Height of the line boxes: lines × size × lineHeight. */
	height: number;
	/** Widest line, estimated. */
	width: number;
	/** True when the text could not be fitted even at the floor size (the layout is wrong). */
	overflow: boolean;
}

function attempt(text: string, w: number, size: number, lineHeight: number, style: TextStyle, wrap: WrapOptions = {}): TextFit {
	const lines = wrapLines(text, w, size, style, wrap);
	const width = Math.max(...lines.map((l) => textWidth(l, size, style)));
	return { size, lines, lineHeight, height: lines.length * size * lineHeight, width, overflow: false };
}

/**
 * The largest size at which `text` fits a box of `w` × `h` — first within `maxLines` and
 * `minSize`, then with any number of lines, then below `minSize` down to the floor. Never
 * truncates: the result holds every character.
 */
export function fitText(text: string, w: number, h: number, options: FitOptions): TextFit {
	const lineHeight = options.lineHeight ?? 1.25;
	const maxLines = options.maxLines ?? Infinity;
	const floor = options.floorSize ?? options.minSize / 2;
	const style: TextStyle = { bold: options.bold, tracking: options.tracking };
	const steps = (from: number, to: number) => {
		const out: number[] = [];
		const step = Math.max(0.05, from * 0.03);
		for (let s = from; s > to + 1e-9; s -= step) out.push(Math.round(s * 1000) / 1000);
		out.push(to);
		return out;
	};
	const fits = (f: TextFit, lineLimit: number) => f.lines.length <= lineLimit && f.height <= h + 1e-9 && f.width <= w + 1e-9;
	const wrap: WrapOptions = { phrases: options.phrases };
	const done = (f: TextFit) => (options.phrases ? balanced(text, w, f, style, wrap) : f);
	for (const size of steps(options.maxSize, options.minSize)) {
		const f = attempt(text, w, size, lineHeight, style, wrap);
		if (fits(f, maxLines)) return done(f);
	}
	for (const size of steps(options.minSize, floor)) {
		const f = attempt(text, w, size, lineHeight, style, wrap);
		if (fits(f, Infinity)) return done(f);
	}
	return { ...attempt(text, w, floor, lineHeight, style, wrap), overflow: true };
}

/**
 * When the last line is short (under 40 % of the longest), the narrowest wrap that keeps the
 * number of lines, so the lines come out even; otherwise the fit as it is.
 */
function balanced(text: string, w: number, fit: TextFit, style: TextStyle, wrap: WrapOptions): TextFit {
	const count = fit.lines.length;
	if (count < 2) return fit;
	const widths = fit.lines.map((l) => textWidth(l, fit.size, style));
	if (widths[count - 1] >= 0.4 * Math.max(...widths)) return fit;
	let lo = 0;
	let hi = w;
	for (let i = 0; i < 24; i += 1) {
		const mid = (lo + hi) / 2;
		if (wrapLines(text, mid, fit.size, style, wrap).length <= count) hi = mid;
		else lo = mid;
	}
	const even = attempt(text, hi, fit.size, fit.lineHeight, style, wrap);
	return even.lines.length === count ? even : fit;
}
