/**
 * Poster layouts: from the poster's content, a list of positioned shapes, text blocks and QR codes
 * for one design and one format. Every text block carries the frame it was fitted into (it never
 * leaves it: text shrinks and wraps, it is never cut), and frames of different blocks do not
 * overlap; tests check both here and on the rendered poster in a browser.
 *
 * Units: the page is 210 units wide. On A4 a unit is a millimetre (210 × 297); the phone image is
 * 210 × 373.3 units, rendered at 1080 × 1920 px.
 */
import { formatFen } from '../format';
import type { PosterContent, PosterDesign, PosterFormat, PosterPerson, PosterProduct, PosterQr } from './content';
import { CAMPAIGN_MARK, CAMPAIGN_SERIES, CAMPAIGN_TOPIC, AMBASSADOR_TITLE } from './content';
import { qrMatrix, qrSpan, QR_MIN_PRINT_MM, type QrMatrix } from './qr';
import { fitText, textWidth, type FitOptions, type TextFit } from './text';

export interface Box {
	x: number;
	y: number;
	w: number;
	h: number;
}

export type FontFace = 'sans' | 'serif';

export interface TextElement {
	kind: 'text';
	/** What the text is ('title', 'product-name'…), for tests and debugging. */
	role: string;
	frame: Box;
	fit: TextFit;
	align: 'start' | 'middle' | 'end';
	valign: 'top' | 'middle' | 'bottom';
	fill: string;
	font: FontFace;
	bold: boolean;
	tracking?: number;
	strike?: boolean;
	opacity?: number;
}
export interface RectElement {
	kind: 'rect';
	box: Box;
	fill: string;
	rx?: number;
	stroke?: string;
	strokeWidth?: number;
	opacity?: number;
}
export interface PathElement {
	kind: 'path';
	d: string;
	fill: string;
	stroke?: string;
	strokeWidth?: number;
	opacity?: number;
	dash?: string;
}
export interface CircleElement {
	kind: 'circle';
	cx: number;
	cy: number;
	r: number;
	fill: string;
	stroke?: string;
	strokeWidth?: number;
	opacity?: number;
}
export interface QrElement {
	kind: 'qr';
	/** The square including the quiet zone. */
	box: Box;
	url: string;
	label: string;
	matrix: QrMatrix;
}
export type PosterElement = TextElement | RectElement | PathElement | CircleElement | QrElement;

export interface Gradient {
	id: string;
	/** Top-to-bottom linear gradient stops. */
	stops: { offset: number; color: string }[];
}

export interface PosterLayout {
	design: PosterDesign;
	format: PosterFormat;
	width: number;
	height: number;
	/** How the page is printed or rasterised: '210mm' × '297mm', or '1080' × '1920' (px). */
	outerWidth: string;
	outerHeight: string;
	title: string;
	gradients: Gradient[];
	elements: PosterElement[];
}

export const PAGE = {
	a4: { width: 210, height: 297, outerWidth: '210mm', outerHeight: '297mm' },
	phone: { width: 210, height: (210 * 1920) / 1080, outerWidth: '1080', outerHeight: '1920' }
} as const;
export const PHONE_PIXELS = { width: 1080, height: 1920 } as const;

// ---------------------------------------------------------------------------------------------
// Building blocks

type TextOptions = Partial<Omit<TextElement, 'kind' | 'role' | 'frame' | 'fit'>> & Omit<FitOptions, 'bold' | 'tracking'>;

/** A text block fitted into `frame`. */
function text(role: string, content: string, frame: Box, options: TextOptions): TextElement {
	const { align = 'start', valign = 'top', fill = '#000', font = 'sans', bold = false, tracking, strike, opacity, ...fit } = options;
	return {
		kind: 'text',
		role,
		frame,
		fit: fitText(content, frame.w, frame.h, { ...fit, bold, tracking }),
		align,
		valign,
		fill,
		font,
		bold,
		tracking,
		strike,
		opacity
	};
}

/** The same block with its frame's height cut to the text it holds (top-aligned). */
function tight(el: TextElement): TextElement {
	return { ...el, frame: { ...el.frame, h: Math.min(el.frame.h, el.fit.height) } };
}

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** Role text under a person's name: 主播 / 嘉宾, and the 扶贫大使 title when awarded. */
export function personBadge(p: PosterPerson): string {
	if (p.role === 'host') return p.ambassador ? `主播·${AMBASSADOR_TITLE}` : '主播';
	return p.ambassador ? AMBASSADOR_TITLE : '嘉宾';
}

interface QrBlockStyle {
	maxSide: number;
	/** Smallest side of the symbol without its quiet zone, in page units (25 mm on A4). */
	minSymbol: number;
	gap: number;
	labelSize: number;
	labelFill: string;
	sublabelFill: string;
}

type PlacedQr = PosterQr & { matrix: QrMatrix };

/** The side below which some code's symbol would be smaller than `minSymbol`. */
function qrMinSide(qrs: readonly PlacedQr[], minSymbol: number): number {
	return Math.max(0, ...qrs.map((q) => (minSymbol * qrSpan(q.matrix)) / q.matrix.size));
}

/**
 * Rows of QR codes of one size (at most `maxSide`, never below the minimum symbol size), each
 * with its label and sublabel below, centred in `w`.
 */
function qrBlock(qrs: readonly PlacedQr[], x: number, y: number, w: number, style: QrBlockStyle): { elements: PosterElement[]; height: number; side: number } {
	if (qrs.length === 0) return { elements: [], height: 0, side: 0 };
	const minSide = qrMinSide(qrs, style.minSymbol);
	const cap = Math.max(style.maxSide, minSide);
	let perRow = Math.min(qrs.length, 4);
	const sideFor = (k: number) => Math.min(cap, (w - (k - 1) * style.gap) / k);
	while (sideFor(perRow) < minSide && perRow > 1) perRow -= 1;
	const side = sideFor(perRow);
	const labelH = style.labelSize * 1.3;
	const subH = style.labelSize * 0.82 * 1.3;
	const cellH = side + 1.2 + labelH + subH;
	const rows = Math.ceil(qrs.length / perRow);
	const colW = Math.min((w - (perRow - 1) * style.gap) / perRow, side + style.gap * 2.2);
	const elements: PosterElement[] = [];
	qrs.forEach((q, i) => {
		const row = Math.floor(i / perRow);
		const inRow = Math.min(perRow, qrs.length - row * perRow);
		const rowW = inRow * colW + (inRow - 1) * style.gap;
		const cx = x + (w - rowW) / 2 + (i % perRow) * (colW + style.gap) + colW / 2;
		const top = y + row * (cellH + style.gap);
		elements.push({ kind: 'qr', box: { x: cx - side / 2, y: top, w: side, h: side }, url: q.url, label: q.label, matrix: q.matrix });
		const ly = top + side + 1.2;
		elements.push(
			text('qr-label', q.label, { x: cx - colW / 2, y: ly, w: colW, h: labelH }, { maxSize: style.labelSize, minSize: style.labelSize * 0.6, maxLines: 1, align: 'middle', bold: true, fill: style.labelFill })
		);
		elements.push(
			text('qr-sublabel', q.sublabel, { x: cx - colW / 2, y: ly + labelH, w: colW, h: subH }, { maxSize: style.labelSize * 0.82, minSize: style.labelSize * 0.5, maxLines: 1, align: 'middle', fill: style.sublabelFill })
		);
	});
	return { elements, height: rows * cellH + (rows - 1) * style.gap, side };
}

/**
 * The largest QR side (up to `style.maxSide`) that leaves the middle of the page `need` units
 * (layouts ask for halfway between the middle's minimum and preferred height: the codes matter most),
 * given how much room the middle gets for a side (`roomFor`); the minimum size when none does.
 */
function qrSideFor(style: QrBlockStyle, need: number, roomFor: (maxSide: number) => number): number {
	if (roomFor(style.maxSide) >= need) return style.maxSide;
	let lo = 0;
	let hi = style.maxSide;
	for (let i = 0; i < 18; i += 1) {
		const mid = (lo + hi) / 2;
		if (roomFor(mid) >= need) lo = mid;
		else hi = mid;
	}
	return lo;
}

interface Chip {
	text: string;
	tag?: string;
}

interface ChipStyle {
	maxSize: number;
	minSize: number;
	gapX: number;
	gapY: number;
	fill: string;
	stroke?: string;
	textFill: string;
	tagFill: string;
	tagTextFill: string;
}

/** Name chips (with an optional tag pill) flowing in rows within `w`, at text size `size`; null when one chip is wider than `w`. */
function chipFlow(chips: readonly Chip[], x: number, y: number, w: number, size: number, style: ChipStyle): { elements: PosterElement[]; height: number; firstRowH: number } | null {
	const h = size * 1.9;
	const padX = size * 0.6;
	const tagSize = size * 0.7;
	const tagPad = tagSize * 0.45;
	const elements: PosterElement[] = [];
	let cx = x;
	let cy = y;
	for (const chip of chips) {
		const textW = textWidth(chip.text, size, { bold: true });
		const tagW = chip.tag ? textWidth(chip.tag, tagSize, { bold: true }) + 2 * tagPad : 0;
		const chipW = padX * 2 + textW + (chip.tag ? size * 0.45 + tagW : 0);
		if (chipW > w + 1e-9) return null;
		if (cx > x && cx + chipW > x + w + 1e-9) {
			cx = x;
			cy += h + style.gapY;
		}
		const box = { x: cx, y: cy, w: chipW, h };
		elements.push({ kind: 'rect', box, fill: style.fill, rx: h / 2, stroke: style.stroke, strokeWidth: style.stroke ? 0.35 : undefined });
		elements.push(
			text('person-name', chip.text, { x: box.x + padX, y: box.y + (h - size * 1.25) / 2, w: textW + 1e-6, h: size * 1.25 }, { maxSize: size, minSize: size, floorSize: size, maxLines: 1, bold: true, fill: style.textFill })
		);
		if (chip.tag) {
			const tagH = tagSize * 1.55;
			const tagBox = { x: box.x + padX + textW + size * 0.45, y: box.y + (h - tagH) / 2, w: tagW, h: tagH };
			elements.push({ kind: 'rect', box: tagBox, fill: style.tagFill, rx: tagH / 2 });
			elements.push(
				text('person-badge', chip.tag, { x: tagBox.x + tagPad, y: tagBox.y + (tagH - tagSize * 1.25) / 2, w: tagW - 2 * tagPad + 1e-6, h: tagSize * 1.25 }, { maxSize: tagSize, minSize: tagSize, floorSize: tagSize, maxLines: 1, bold: true, fill: style.tagTextFill })
			);
		}
		cx += chipW + style.gapX;
	}
	return { elements, height: chips.length ? cy + h - y : 0, firstRowH: chips.length ? h : 0 };
}

/** Sizes to try, largest first, down to `floor`. */
function sizeSteps(max: number, floor: number): number[] {
	const out: number[] = [];
	for (let s = max; s > floor + 1e-9; s -= Math.max(0.05, max * 0.03)) out.push(s);
	out.push(floor);
	return out;
}

/** Splits `extra` space: first grow flexible rows up to their max, then hand the rest to gaps. */
function allot(avail: number, parts: { rows: number; min: number; pref: number; max: number }[], fixed: number) {
	const at = (t: number, a: number, b: number) => a + (b - a) * t;
	const total = (pick: (p: (typeof parts)[number]) => number) => parts.reduce((s, p) => s + p.rows * pick(p), fixed);
	const minTotal = total((p) => p.min);
	const prefTotal = total((p) => p.pref);
	const maxTotal = total((p) => p.max);
	let sizes: number[];
	if (avail <= minTotal) sizes = parts.map((p) => p.min);
	else if (avail <= prefTotal) {
		const t = (avail - minTotal) / (prefTotal - minTotal || 1);
		sizes = parts.map((p) => at(t, p.min, p.pref));
	} else if (avail <= maxTotal) {
		const t = (avail - prefTotal) / (maxTotal - prefTotal || 1);
		sizes = parts.map((p) => at(t, p.pref, p.max));
	} else sizes = parts.map((p) => p.max);
	const used = parts.reduce((s, p, i) => s + p.rows * sizes[i], fixed);
	return { sizes, spare: Math.max(0, avail - used) };
}

// ---------------------------------------------------------------------------------------------
// Design 1: 红韵 (festive red)

const FESTIVE = {
	top: '#d8261f',
	bottom: '#9e0f16',
	gold: '#f7d27a',
	goldSoft: '#ffe9b8',
	white: '#ffffff',
	ink: '#2a1a12',
	muted: '#8c7b6f',
	red: '#c8161d',
	cardLine: '#f0dcc0'
};

function festive(c: PosterContent, format: PosterFormat): PosterLayout {
	const page = PAGE[format];
	const W = page.width;
	const H = page.height;
	const phone = format === 'phone';
	const m = 14;
	const cw = W - 2 * m;
	const C = FESTIVE;
	const els: PosterElement[] = [];

	// Background, soft light circles and a thin gold frame.
	els.push({ kind: 'rect', box: { x: 0, y: 0, w: W, h: H }, fill: 'grad:bg' });
	els.push({ kind: 'circle', cx: W + 10, cy: -10, r: 75, fill: C.white, opacity: 0.06 });
	els.push({ kind: 'circle', cx: -20, cy: H * 0.55, r: 60, fill: C.white, opacity: 0.045 });
	els.push({ kind: 'circle', cx: W - 10, cy: H - 40, r: 40, fill: C.gold, opacity: 0.07 });
	els.push({ kind: 'rect', box: { x: 6, y: 6, w: W - 12, h: H - 12 }, fill: 'none', rx: 2.5, stroke: C.gold, strokeWidth: 0.45, opacity: 0.85 });
	for (const [cx, cy] of [
		[6, 6],
		[W - 6, 6],
		[6, H - 6],
		[W - 6, H - 6]
	]) {
		els.push({ kind: 'path', d: `M${cx} ${cy - 2.6}L${cx + 2.6} ${cy}L${cx} ${cy + 2.6}L${cx - 2.6} ${cy}Z`, fill: C.gold });
	}

	let y = phone ? 20 : 14;
	els.push(tight(text('series', CAMPAIGN_SERIES, { x: m, y, w: cw, h: 6 }, { maxSize: phone ? 5 : 4.3, minSize: 3, maxLines: 1, align: 'middle', fill: C.goldSoft, tracking: 0.25 })));
	y += phone ? 9 : 7.5;
	const mark = tight(text('campaign', `「${CAMPAIGN_MARK}」`, { x: m, y, w: cw, h: 24 }, { maxSize: phone ? 19 : 17, minSize: 10, maxLines: 1, align: 'middle', font: 'serif', bold: true, fill: C.gold, lineHeight: 1.2 }));
	els.push(mark);
	y += mark.frame.h + 2;
	const mid = W / 2;
	els.push({ kind: 'path', d: `M${m + 28} ${y + 1.5}H${mid - 5}M${mid + 5} ${y + 1.5}H${W - m - 28}`, fill: 'none', stroke: C.gold, strokeWidth: 0.4 });
	els.push({ kind: 'path', d: `M${mid} ${y - 0.3}L${mid + 1.8} ${y + 1.5}L${mid} ${y + 3.3}L${mid - 1.8} ${y + 1.5}Z`, fill: C.gold });
	y += phone ? 9 : 7;

	const title = tight(text('title', c.title, { x: m, y, w: cw, h: 46 }, { maxSize: phone ? 14 : 12.5, minSize: 7, maxLines: 3, lineHeight: 1.22, align: 'middle', font: 'serif', bold: true, fill: C.white, phrases: true }));
	els.push(title);
	y += title.frame.h + (phone ? 8 : 5);

	// The date in a white pill.
	const dateFit = fitText(`${c.dateText} 准时开播`, cw - 24, 10, { maxSize: phone ? 8 : 7, minSize: 4.5, maxLines: 1, bold: true });
	const pillH = dateFit.height + 4.4;
	const pillW = dateFit.width + 14;
	els.push({ kind: 'rect', box: { x: mid - pillW / 2, y, w: pillW, h: pillH }, fill: C.white, rx: pillH / 2 });
	els.push(text('date', `${c.dateText} 准时开播`, { x: mid - pillW / 2 + 7, y: y + 2.2, w: pillW - 14, h: dateFit.height }, { maxSize: dateFit.size, minSize: dateFit.size, maxLines: 1, align: 'middle', bold: true, fill: C.red }));
	y += pillH + (phone ? 5 : 3.5);
	const platformLine = `${[...new Set(c.platforms.map((p) => p.name))].join('·')} 同步直播`;
	const platforms = tight(text('platforms', platformLine, { x: m, y, w: cw, h: 8 }, { maxSize: phone ? 5.6 : 5, minSize: 3.2, maxLines: 1, align: 'middle', bold: true, fill: C.goldSoft }));
	els.push(platforms);
	y += platforms.frame.h + (phone ? 8 : 5);

	// Footer and the QR panel, from the bottom up.
	const footerH = 6;
	const footerY = H - 12 - footerH;
	els.push(text('topic', CAMPAIGN_TOPIC, { x: m, y: footerY, w: cw * 0.45, h: footerH }, { maxSize: 4.8, minSize: 3, maxLines: 1, valign: 'middle', bold: true, fill: C.gold }));
	els.push(text('unit', `主办单位：${c.unitName}`, { x: m + cw * 0.45, y: footerY, w: cw * 0.55, h: footerH }, { maxSize: 4, minSize: 2.6, maxLines: 1, align: 'end', valign: 'middle', fill: C.white }));

	// The middle (people and products) needs room first; the QR codes give way down to their
	// minimum, and when even that is not enough, fewer product highlights are shown (never fewer people).
	const people = c.people;
	const secHead = 7.5;
	const gap = 3;
	const sectionGap = 5;
	const pCols = people.length <= 4 ? Math.max(people.length, 1) : people.length <= 8 ? 4 : people.length <= 15 ? 5 : 6;
	const pRows = Math.ceil(people.length / pCols);
	const plan = (k: number) => {
		const qCols = k <= 3 ? Math.max(k, 1) : k === 4 ? 2 : 3;
		const qRows = Math.ceil(k / qCols);
		const fixed = (people.length ? secHead + (pRows - 1) * gap : 0) + (k ? secHead + (qRows - 1) * gap : 0) + (people.length && k ? sectionGap : 0);
		const rows = [
			{ rows: pRows, min: 8, pref: 16, max: phone ? 22 : 19 },
			{ rows: qRows, min: 20, pref: 30, max: phone ? 44 : 34 }
		];
		const total = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((sum, r) => sum + r.rows * pick(r), fixed);
		return { qCols, qRows, fixed, rows, min: total((r) => r.min), pref: total((r) => r.pref) };
	};

	const qrs = c.qrs.map((q) => ({ ...q, matrix: qrMatrix(q.url) }));
	const qrBase: QrBlockStyle = { maxSide: phone ? 46 : 38, minSymbol: phone ? 28 : QR_MIN_PRINT_MM, gap: 7, labelSize: 4.4, labelFill: C.ink, sublabelFill: C.muted };
	const panelPad = 5;
	const headingH = 7;
	const blockGap = phone ? 8 : 5;
	const panelHeight = (maxSide: number) => qrBlock(qrs, 0, 0, cw - 2 * panelPad, { ...qrBase, maxSide }).height + 2 * panelPad + headingH;
	const roomFor = (side: number) => footerY - blockGap - panelHeight(side) - blockGap - y;
	let shown = c.products.length;
	while (shown > 0 && plan(shown).min > roomFor(0)) shown -= 1;
	const products = c.products.slice(0, shown);
	const { qCols, fixed, rows, min: minMiddle, pref: prefMiddle } = plan(shown);
	const qrStyle = { ...qrBase, maxSide: qrSideFor(qrBase, (minMiddle + prefMiddle) / 2, roomFor) };
	const panelH = panelHeight(qrStyle.maxSide);
	const panelY = footerY - blockGap - panelH;
	els.push({ kind: 'rect', box: { x: m, y: panelY, w: cw, h: panelH }, fill: C.white, rx: 3 });
	const heading = c.qrs.length > 1 || c.qrs[0]?.label.endsWith('直播间') ? '扫码进入直播间·开播前 15 分钟开始预热' : '扫码查看直播间和开播倒计时';
	els.push(text('qr-heading', heading, { x: m + panelPad, y: panelY + panelPad - 1, w: cw - 2 * panelPad, h: headingH - 1 }, { maxSize: 4.6, minSize: 3, maxLines: 1, align: 'middle', bold: true, fill: C.red }));
	els.push(...qrBlock(qrs, m + panelPad, panelY + panelPad + headingH, cw - 2 * panelPad, qrStyle).elements);

	const { sizes, spare } = allot(panelY - blockGap - y, rows, fixed);
	const [cellH, cardH] = sizes;
	const spaceAround = spare / (people.length && products.length ? 3 : 2);
	y += spaceAround;

	const sectionHeading = (label: string) => {
		const el = text('section', label, { x: m, y, w: cw * 0.6, h: secHead - 2 }, { maxSize: 4.6, minSize: 3.2, maxLines: 1, bold: true, fill: C.gold, tracking: 0.1 });
		els.push(el);
		const end = m + Math.min(el.fit.width + 3, cw * 0.6 + 1);
		els.push({ kind: 'path', d: `M${end} ${y + (secHead - 2) / 2}H${W - m}`, fill: 'none', stroke: C.gold, strokeWidth: 0.3, opacity: 0.7 });
		y += secHead;
	};

	if (people.length) {
		sectionHeading('主播·嘉宾');
		const cellW = Math.min(52, (cw - (pCols - 1) * gap) / pCols);
		people.forEach((p, i) => {
			const row = Math.floor(i / pCols);
			const inRow = Math.min(pCols, people.length - row * pCols);
			const rowW = inRow * cellW + (inRow - 1) * gap;
			const x = m + (cw - rowW) / 2 + (i % pCols) * (cellW + gap);
			const top = y + row * (cellH + gap);
			els.push({ kind: 'rect', box: { x, y: top, w: cellW, h: cellH }, fill: C.white, rx: 2, opacity: 0.12 });
			const pad = clamp(cellH * 0.1, 0.8, 2);
			const badgeSize = clamp(cellH * 0.2, 2.1, 3.4);
			const badgeH = badgeSize * 1.5;
			const nameH = cellH - 2 * pad - badgeH - 0.8;
			els.push(
				text('person-name', p.name, { x: x + 1.5, y: top + pad, w: cellW - 3, h: nameH }, { maxSize: clamp(nameH * 0.78, 2.5, 6.2), minSize: 2.4, maxLines: 2, lineHeight: 1.15, align: 'middle', valign: 'middle', bold: true, fill: C.white })
			);
			const badge = personBadge(p);
			const badgeFit = fitText(badge, cellW - 4, badgeSize * 1.25, { maxSize: badgeSize, minSize: badgeSize * 0.6, maxLines: 1, bold: true });
			const bw = badgeFit.width + badgeFit.size * 1.4;
			const by = top + cellH - pad - badgeH;
			els.push({ kind: 'rect', box: { x: x + cellW / 2 - bw / 2, y: by, w: bw, h: badgeH }, fill: p.ambassador ? C.gold : C.goldSoft, rx: badgeH / 2 });
			els.push(
				text('person-badge', badge, { x: x + cellW / 2 - bw / 2 + badgeFit.size * 0.7, y: by + (badgeH - badgeFit.height) / 2, w: bw - badgeFit.size * 1.4, h: badgeFit.height }, { maxSize: badgeFit.size, minSize: badgeFit.size, floorSize: badgeFit.size, maxLines: 1, align: 'middle', bold: true, fill: C.red })
			);
		});
		y += pRows * cellH + (pRows - 1) * gap + (products.length ? sectionGap + spaceAround : 0);
	}

	if (products.length) {
		sectionHeading('直播好物·到手价');
		const cardW = (cw - (qCols - 1) * gap) / qCols;
		products.forEach((p, i) => {
			const row = Math.floor(i / qCols);
			const inRow = Math.min(qCols, products.length - row * qCols);
			const rowW = inRow * cardW + (inRow - 1) * gap;
			const x = m + (cw - rowW) / 2 + (i % qCols) * (cardW + gap);
			const top = y + row * (cardH + gap);
			els.push({ kind: 'rect', box: { x, y: top, w: cardW, h: cardH }, fill: C.white, rx: 2.5 });
			els.push({ kind: 'rect', box: { x, y: top, w: 1.4, h: cardH }, fill: C.gold, rx: 0.7 });
			els.push(...productCard(p, { x: x + 1.4, y: top, w: cardW - 1.4, h: cardH }, { ink: C.ink, muted: C.muted, price: C.red, flash: C.red }));
		});
	}

	return {
		design: 'festive',
		format,
		width: W,
		height: H,
		outerWidth: page.outerWidth,
		outerHeight: page.outerHeight,
		title: c.title,
		gradients: [
			{
				id: 'bg',
				stops: [
					{ offset: 0, color: C.top },
					{ offset: 1, color: C.bottom }
				]
			}
		],
		elements: els
	};
}

/** A product card's text: name, spec, live price with its label, daily and flash prices. */
function productCard(p: PosterProduct, box: Box, color: { ink: string; muted: string; price: string; flash: string }): PosterElement[] {
	const pad = clamp(box.h * 0.1, 1.8, 3.2);
	const inner = { x: box.x + pad, y: box.y + pad, w: box.w - 2 * pad, h: box.h - 2 * pad };
	const priceRow = clamp(inner.h * 0.4, 6, 12);
	const specH = clamp(inner.h * 0.16, 2.6, 4.4);
	const nameH = inner.h - priceRow - specH - 0.6;
	const els: PosterElement[] = [];
	els.push(text('product-name', p.name, { x: inner.x, y: inner.y, w: inner.w, h: nameH }, { maxSize: clamp(nameH * 0.5, 2.6, 5.6), minSize: 2.6, maxLines: 2, lineHeight: 1.18, bold: true, fill: color.ink }));
	if (p.spec) els.push(text('product-spec', p.spec, { x: inner.x, y: inner.y + nameH, w: inner.w, h: specH }, { maxSize: specH * 0.78, minSize: 2, maxLines: 1, fill: color.muted }));
	const py = inner.y + inner.h - priceRow;
	const leftW = inner.w * 0.6;
	const labelH = priceRow * 0.3;
	els.push(text('price-label', '直播价', { x: inner.x, y: py, w: leftW, h: labelH }, { maxSize: labelH * 0.8, minSize: 1.8, maxLines: 1, bold: true, fill: color.price }));
	els.push(
		text('price', formatFen(p.livePriceFen), { x: inner.x, y: py + labelH, w: leftW, h: priceRow - labelH }, { maxSize: (priceRow - labelH) * 0.8, minSize: 3, maxLines: 1, valign: 'bottom', bold: true, fill: color.price, lineHeight: 1.15 })
	);
	const rightX = inner.x + leftW + 0.8;
	const rightW = inner.w - leftW - 0.8;
	const half = priceRow / 2;
	if (p.dailyPriceFen > p.livePriceFen) {
		els.push(text('price-daily', formatFen(p.dailyPriceFen), { x: rightX, y: py + half, w: rightW, h: half }, { maxSize: Math.min(3.2, half * 0.75), minSize: 1.8, maxLines: 1, align: 'end', valign: 'bottom', fill: color.muted, strike: true }));
	}
	if (p.flashPriceFen !== null) {
		els.push(text('price-flash', `秒杀 ${formatFen(p.flashPriceFen)}`, { x: rightX, y: py, w: rightW, h: half }, { maxSize: Math.min(3.2, half * 0.75), minSize: 1.8, maxLines: 1, align: 'end', valign: 'bottom', bold: true, fill: color.flash }));
	}
	return els;
}

// ---------------------------------------------------------------------------------------------
// Design 2: 清新 (fresh: paper, red header band, list of goods)

const FRESH = {
	paper: '#fbf6ee',
	red: '#c8161d',
	redDark: '#9b0f15',
	gold: '#f2b544',
	green: '#1f8a4c',
	greenSoft: '#e3f4ea',
	ink: '#1e1b18',
	ink2: '#4a4540',
	muted: '#857d74',
	line: '#e2d8cb',
	white: '#ffffff'
};

function fresh(c: PosterContent, format: PosterFormat): PosterLayout {
	const page = PAGE[format];
	const W = page.width;
	const H = page.height;
	const phone = format === 'phone';
	const m = 14;
	const cw = W - 2 * m;
	const C = FRESH;
	const els: PosterElement[] = [];

	els.push({ kind: 'rect', box: { x: 0, y: 0, w: W, h: H }, fill: C.paper });
	// Header band with the campaign mark on the left and the date on the right.
	const bandH = phone ? 84 : 66;
	els.push({ kind: 'rect', box: { x: 0, y: 0, w: W, h: bandH }, fill: 'grad:band' });
	els.push({ kind: 'circle', cx: W - 30, cy: 8, r: 46, fill: C.white, opacity: 0.07 });
	els.push({ kind: 'circle', cx: W - 6, cy: bandH - 4, r: 22, fill: C.gold, opacity: 0.16 });
	els.push({ kind: 'rect', box: { x: 0, y: bandH, w: W, h: 1.6 }, fill: C.gold });
	const leftW = cw * 0.6;
	const rightW = cw - leftW - 4;
	let hy = phone ? 20 : 14;
	els.push(tight(text('series', CAMPAIGN_SERIES, { x: m, y: hy, w: leftW, h: 6 }, { maxSize: phone ? 4.8 : 4.2, minSize: 2.8, maxLines: 1, fill: C.white, opacity: 0.88, tracking: 0.15 })));
	hy += phone ? 9 : 7.5;
	const mark = tight(text('campaign', `「${CAMPAIGN_MARK}」`, { x: m - 2.5, y: hy, w: leftW + 2.5, h: 18 }, { maxSize: phone ? 15 : 13, minSize: 8, maxLines: 1, font: 'serif', bold: true, fill: C.white, lineHeight: 1.2 }));
	els.push(mark);
	hy += mark.frame.h + (phone ? 6 : 4);
	els.push(tight(text('unit', `主办单位：${c.unitName}`, { x: m, y: hy, w: leftW, h: 6 }, { maxSize: phone ? 4.6 : 4, minSize: 2.4, maxLines: 1, fill: C.white, opacity: 0.9 })));
	// Date block, right-aligned.
	const rx = W - m - rightW;
	let dy = phone ? 22 : 16;
	const md = tight(text('date-day', c.dateParts.monthDay, { x: rx, y: dy, w: rightW, h: 16 }, { maxSize: phone ? 14 : 12, minSize: 6, maxLines: 1, align: 'end', bold: true, fill: C.white, lineHeight: 1.15 }));
	els.push(md);
	dy += md.frame.h + 1.5;
	const wt = tight(text('date-time', `${c.dateParts.weekday} ${c.dateParts.time} 开播`, { x: rx, y: dy, w: rightW, h: 8 }, { maxSize: phone ? 6.2 : 5.4, minSize: 3, maxLines: 1, align: 'end', bold: true, fill: C.gold }));
	els.push(wt);

	let y = bandH + (phone ? 14 : 10);
	els.push({ kind: 'rect', box: { x: m, y, w: 12, h: 1.2 }, fill: C.red });
	y += 4;
	const title = tight(text('title', c.title, { x: m, y, w: cw, h: 44 }, { maxSize: phone ? 13 : 11.5, minSize: 7, maxLines: 3, lineHeight: 1.25, font: 'serif', bold: true, fill: C.ink, phrases: true }));
	els.push(title);
	y += title.frame.h + (phone ? 8 : 5);

	// Two info rows with a red bar.
	const infoRow = (label: string, value: string, role: string) => {
		const h = phone ? 9 : 7.6;
		els.push({ kind: 'rect', box: { x: m, y: y + 0.8, w: 1.2, h: h - 1.6 }, fill: C.red });
		els.push(text('info-label', label, { x: m + 3.5, y, w: 17, h }, { maxSize: 4, minSize: 2.8, maxLines: 1, valign: 'middle', fill: C.muted }));
		els.push(text(role, value, { x: m + 21, y, w: cw - 21, h }, { maxSize: phone ? 5.6 : 5, minSize: 2.6, maxLines: 1, valign: 'middle', bold: true, fill: C.ink }));
		y += h + 1.6;
	};
	infoRow('开播时间', `${c.dateText} 准时开播`, 'date');
	infoRow('直播平台', c.platforms.map((p) => `${p.name}「${p.accountName}」`).join('·'), 'platforms');
	y += phone ? 6 : 3;

	// Bottom: footer band and the QR card.
	const footH = 12;
	els.push({ kind: 'rect', box: { x: 0, y: H - footH, w: W, h: footH }, fill: C.red });
	els.push(text('topic', CAMPAIGN_TOPIC, { x: m, y: H - footH + 2, w: cw * 0.5, h: footH - 4 }, { maxSize: 5, minSize: 3, maxLines: 1, valign: 'middle', bold: true, fill: C.white }));
	els.push(text('footer-note', '公益直播·不收取上架费和佣金', { x: m + cw * 0.5, y: H - footH + 2, w: cw * 0.5, h: footH - 4 }, { maxSize: 3.6, minSize: 2.4, maxLines: 1, align: 'end', valign: 'middle', fill: C.white, opacity: 0.9 }));

	// The middle's needs: people chips by role, then the list of goods.
	const hosts = c.people.filter((p) => p.role === 'host');
	const guests = c.people.filter((p) => p.role === 'guest');
	const chipStyle: ChipStyle = { maxSize: phone ? 6 : 5.4, minSize: 2.8, gapX: 2.4, gapY: 2, fill: C.white, stroke: C.line, textFill: C.ink, tagFill: C.red, tagTextFill: C.white };
	const labelW = 15;
	const chipW = cw - labelW - 2;
	const rowGap = 3;
	const peopleRows = [
		{ label: '主播', list: hosts },
		{ label: '嘉宾', list: guests }
	].filter((r) => r.list.length);
	const chipsOf = (list: PosterPerson[]): Chip[] => list.map((p) => ({ text: p.name, tag: p.ambassador ? AMBASSADOR_TITLE : undefined }));
	/** Both rows at one chip size, or null when a chip does not fit the width. */
	const peopleBlock = (size: number, top: number) => {
		const elements: PosterElement[] = [];
		let yy = top;
		for (const [i, r] of peopleRows.entries()) {
			const flow = chipFlow(chipsOf(r.list), m + labelW + 2, yy, chipW, size, chipStyle);
			if (!flow) return null;
			const mid = yy + flow.firstRowH / 2;
			elements.push({ kind: 'rect', box: { x: m, y: mid - 2.9, w: labelW - 1, h: 5.8 }, fill: i === 0 ? C.red : C.green, rx: 1.2 });
			elements.push(text('people-label', r.label, { x: m + 1, y: mid - 2.5, w: labelW - 3, h: 5 }, { maxSize: 3.8, minSize: 2.5, maxLines: 1, align: 'middle', valign: 'middle', bold: true, fill: C.white }));
			elements.push(...flow.elements);
			yy += flow.height + rowGap;
		}
		return { elements, height: peopleRows.length ? yy - rowGap - top : 0 };
	};
	const peopleAt = (size: number) => peopleBlock(size, 0)?.height ?? Infinity;
	const peoplePref = peopleAt(chipStyle.maxSize);
	const peopleMin = Math.min(peoplePref, peopleAt(chipStyle.minSize));

	const headH = 8;
	const sectionGap = 6;
	const plan = (k: number) => {
		const listCols = k <= 3 ? 1 : 2;
		const listRows = Math.ceil(k / listCols);
		const fixed = (k ? headH : 0) + (peopleRows.length && k ? sectionGap : 0);
		const parts = [
			{ rows: peopleRows.length ? 1 : 0, min: peopleMin, pref: peoplePref, max: peoplePref },
			{ rows: listRows, min: listCols === 1 ? 10 : 13, pref: listCols === 1 ? 15 : 19, max: phone ? 27 : 22 }
		];
		const total = (pick: (r: (typeof parts)[number]) => number) => parts.reduce((sum, r) => sum + r.rows * pick(r), fixed);
		return { listCols, listRows, fixed, parts, min: total((r) => r.min), pref: total((r) => r.pref) };
	};

	// The QR card above the footer; its codes give way (down to their minimum) when the middle needs room.
	const qrs = c.qrs.map((q) => ({ ...q, matrix: qrMatrix(q.url) }));
	const qrBase: QrBlockStyle = { maxSide: phone ? 46 : 38, minSymbol: phone ? 28 : QR_MIN_PRINT_MM, gap: 7, labelSize: 4.4, labelFill: C.red, sublabelFill: C.ink2 };
	const cardPad = 5;
	const cardGap = phone ? 10 : 6;
	// Up to two codes: text on the left, codes on the right; more: codes across the card.
	const beside = qrs.length <= 2;
	const headingH = beside ? 0 : 7;
	const areaW = (maxSide: number) =>
		beside ? Math.min(cw - 2 * cardPad - 58, qrs.length * (Math.max(maxSide, qrMinSide(qrs, qrBase.minSymbol)) + 2 * qrBase.gap) + qrBase.gap) : cw - 2 * cardPad;
	const cardHeight = (maxSide: number) => qrBlock(qrs, 0, 0, areaW(maxSide), { ...qrBase, maxSide }).height + 2 * cardPad + headingH;
	const bottomOfMiddle = (maxSide: number) => H - footH - cardGap - cardHeight(maxSide) - cardGap;
	// Fewer product highlights when even the smallest codes leave too little room (never fewer people).
	let shown = c.products.length;
	while (shown > 0 && plan(shown).min > bottomOfMiddle(0) - y) shown -= 1;
	const products = c.products.slice(0, shown);
	const { listCols, listRows, fixed, parts, min: minMiddle, pref: prefMiddle } = plan(shown);
	const qrStyle = { ...qrBase, maxSide: qrSideFor(qrBase, (minMiddle + prefMiddle) / 2, (side) => bottomOfMiddle(side) - y) };
	const qrAreaW = areaW(qrStyle.maxSide);
	const cardH = cardHeight(qrStyle.maxSide);
	const cardY = H - footH - cardGap - cardH;
	els.push({ kind: 'rect', box: { x: m, y: cardY, w: cw, h: cardH }, fill: C.white, rx: 3, stroke: C.line, strokeWidth: 0.4 });
	const publicMode = c.qrs.length === 1 && !c.qrs[0].label.endsWith('直播间');
	const callToAction = publicMode ? '扫码看直播' : '扫码进入直播间';
	const callNote = publicMode ? '开播倒计时、直播间入口和好物清单都在这里' : '开播前 15 分钟开始预热，先关注不迷路';
	if (beside) {
		const tx = m + cardPad;
		const tw = cw - 2 * cardPad - qrAreaW - 4;
		const block = cardH - 2 * cardPad;
		const cta = tight(text('qr-heading', callToAction, { x: tx, y: cardY + cardPad + block * 0.12, w: tw, h: block * 0.32 }, { maxSize: phone ? 9 : 8, minSize: 4, maxLines: 2, bold: true, fill: C.red, lineHeight: 1.2 }));
		els.push(cta);
		const shareH = Math.min(6, block * 0.2);
		els.push(text('qr-note', callNote, { x: tx, y: cta.frame.y + cta.frame.h + 2, w: tw, h: cardY + cardH - cardPad - shareH - 1 - (cta.frame.y + cta.frame.h + 2) }, { maxSize: 3.8, minSize: 2.4, maxLines: 3, fill: C.ink2, lineHeight: 1.35 }));
		els.push(text('qr-share', '转发海报，一起为家乡代言', { x: tx, y: cardY + cardH - cardPad - shareH, w: tw, h: shareH }, { maxSize: 4.2, minSize: 2.4, maxLines: 1, valign: 'bottom', bold: true, fill: C.green }));
		els.push(...qrBlock(qrs, m + cw - cardPad - qrAreaW, cardY + cardPad, qrAreaW, qrStyle).elements);
	} else {
		els.push(text('qr-heading', `${callToAction}·${callNote}`, { x: m + cardPad, y: cardY + cardPad - 1, w: cw - 2 * cardPad, h: headingH - 1 }, { maxSize: 4.6, minSize: 2.8, maxLines: 1, align: 'middle', bold: true, fill: C.red }));
		els.push(...qrBlock(qrs, m + cardPad, cardY + cardPad + headingH, cw - 2 * cardPad, qrStyle).elements);
	}

	const { sizes, spare } = allot(cardY - cardGap - y, parts, fixed);
	const rowH = sizes[1];
	// When even the minimum does not fit, the chips shrink further (below their minimum size) rather than overlap.
	const peopleH = Math.min(sizes[0], cardY - cardGap - y - fixed - listRows * rowH);
	const around = spare / (peopleRows.length && products.length ? 3 : 2);
	y += around;

	if (peopleRows.length) {
		let block = null;
		for (const size of sizeSteps(chipStyle.maxSize, chipStyle.minSize * 0.5)) {
			const b = peopleBlock(size, y);
			if (b && b.height <= peopleH + 1e-6) {
				block = b;
				break;
			}
		}
		if (!block) {
			// Nothing fits (the layout is wrong): keep every name at the floor size and say so.
			block = peopleBlock(chipStyle.minSize * 0.5, y) ?? peopleBlock(0.5, y)!;
			for (const el of block.elements) if (el.kind === 'text') el.fit.overflow = true;
		}
		els.push(...block.elements);
		y += block.height + (products.length ? sectionGap + around : 0);
	}

	if (products.length) {
		const head = text('section', '直播好物', { x: m, y, w: 40, h: headH - 2 }, { maxSize: 5.2, minSize: 3.4, maxLines: 1, bold: true, fill: C.ink });
		head.frame.w = head.fit.width;
		els.push(head);
		const tagX = m + head.fit.width + 3;
		const tagFit = fitText('直播间到手价', 40, 4.6, { maxSize: 3.3, minSize: 2.4, maxLines: 1, bold: true });
		els.push({ kind: 'rect', box: { x: tagX, y: y + 0.6, w: tagFit.width + 3.4, h: 4.8 }, fill: C.greenSoft, rx: 1 });
		els.push(text('section-tag', '直播间到手价', { x: tagX + 1.7, y: y + 0.6 + (4.8 - tagFit.height) / 2, w: tagFit.width, h: tagFit.height }, { maxSize: tagFit.size, minSize: tagFit.size, floorSize: tagFit.size, maxLines: 1, bold: true, fill: C.green }));
		y += headH;
		const colGap = 8;
		const colW = (cw - (listCols - 1) * colGap) / listCols;
		products.forEach((p, i) => {
			const col = listCols === 1 ? 0 : Math.floor(i / listRows);
			const row = listCols === 1 ? i : i % listRows;
			const x = m + col * (colW + colGap);
			const top = y + row * rowH;
			els.push(...productRow(p, i + 1, { x, y: top, w: colW, h: rowH }, C));
		});
	}

	return {
		design: 'fresh',
		format,
		width: W,
		height: H,
		outerWidth: page.outerWidth,
		outerHeight: page.outerHeight,
		title: c.title,
		gradients: [
			{
				id: 'band',
				stops: [
					{ offset: 0, color: C.red },
					{ offset: 1, color: C.redDark }
				]
			}
		],
		elements: els
	};
}

/** One line of the goods list: number, name and spec on the left, prices on the right, a dotted rule. */
function productRow(p: PosterProduct, index: number, box: Box, C: typeof FRESH): PosterElement[] {
	const els: PosterElement[] = [];
	const inner = { y: box.y + box.h * 0.1, h: box.h * 0.78 };
	const r = clamp(inner.h * 0.2, 1.8, 3.2);
	els.push({ kind: 'circle', cx: box.x + r, cy: inner.y + r + 0.4, r, fill: C.red });
	els.push(text('product-index', String(index), { x: box.x + r * 0.3, y: inner.y + 0.4 + r * 0.35, w: r * 1.4, h: r * 1.3 }, { maxSize: r * 1.04, minSize: 1.4, maxLines: 1, align: 'middle', valign: 'middle', bold: true, fill: C.white, lineHeight: 1.25 }));
	const textX = box.x + 2 * r + 2;
	const priceW = clamp(box.w * 0.34, 22, 40);
	const textW = box.w - (textX - box.x) - priceW - 1.5;
	const nameH = inner.h * 0.62;
	els.push(text('product-name', p.name, { x: textX, y: inner.y, w: textW, h: nameH }, { maxSize: clamp(nameH * 0.62, 2.6, 5.2), minSize: 2.5, maxLines: 2, lineHeight: 1.18, bold: true, fill: C.ink }));
	if (p.spec) els.push(text('product-spec', p.spec, { x: textX, y: inner.y + nameH, w: textW, h: inner.h - nameH }, { maxSize: clamp((inner.h - nameH) * 0.7, 2, 3.6), minSize: 1.8, maxLines: 1, fill: C.muted }));
	const px = box.x + box.w - priceW;
	const priceH = inner.h * 0.6;
	els.push(text('price', formatFen(p.livePriceFen), { x: px, y: inner.y, w: priceW, h: priceH }, { maxSize: clamp(priceH * 0.78, 3, 7.4), minSize: 2.6, maxLines: 1, align: 'end', valign: 'middle', bold: true, fill: C.red, lineHeight: 1.15 }));
	const small = inner.h - priceH;
	const extras: { role: string; text: string; strike?: boolean; bold?: boolean; fill: string }[] = [];
	if (p.flashPriceFen !== null) extras.push({ role: 'price-flash', text: `秒杀 ${formatFen(p.flashPriceFen)}`, bold: true, fill: C.red });
	if (p.dailyPriceFen > p.livePriceFen) extras.push({ role: 'price-daily', text: formatFen(p.dailyPriceFen), strike: true, fill: C.muted });
	let ex = px + priceW;
	for (const e of extras) {
		const w = extras.length === 2 ? priceW / 2 - 0.5 : priceW;
		els.push(text(e.role, e.text, { x: ex - w, y: inner.y + priceH, w, h: small }, { maxSize: clamp(small * 0.72, 1.8, 3.3), minSize: 1.6, maxLines: 1, align: 'end', valign: 'top', bold: e.bold, strike: e.strike, fill: e.fill }));
		ex -= w + 1;
	}
	els.push({ kind: 'path', d: `M${box.x} ${box.y + box.h - 0.3}H${box.x + box.w}`, fill: 'none', stroke: C.line, strokeWidth: 0.35, dash: '0.8 0.8' });
	return els;
}

// ---------------------------------------------------------------------------------------------

/** The layout of a poster in one design and format. */
export function posterLayout(content: PosterContent, design: PosterDesign, format: PosterFormat): PosterLayout {
	return design === 'festive' ? festive(content, format) : fresh(content, format);
}

/** Every text block, for tests: its frame and fit. */
export function textBlocks(layout: PosterLayout): TextElement[] {
	return layout.elements.filter((e): e is TextElement => e.kind === 'text');
}

/**
 * Where a text block's lines sit: baseline y of each line and the anchor x, from its frame and
 * alignment. The renderer and the tests use the same numbers.
 */
export function linePositions(el: TextElement): { x: number; baselines: number[] } {
	const { frame, fit, align, valign } = el;
	const x = align === 'start' ? frame.x : align === 'middle' ? frame.x + frame.w / 2 : frame.x + frame.w;
	const block = fit.height;
	const top = valign === 'top' ? frame.y : valign === 'middle' ? frame.y + (frame.h - block) / 2 : frame.y + frame.h - block;
	const lineBox = fit.size * fit.lineHeight;
	// Ideographs sit in the em box: ascent ≈ 0.88 em in CJK fonts; centre the em box in the line box.
	const baselines = fit.lines.map((_, i) => top + i * lineBox + (lineBox - fit.size) / 2 + fit.size * 0.88);
	return { x, baselines };
}
