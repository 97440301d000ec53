/**
 * A poster layout as one self-contained SVG document: vector shapes, text in the reader's system
 * CJK fonts, QR codes as paths. Text blocks carry `data-frame` (the box they were fitted into) and
 * QR codes `data-qr` (their URL), so tests can check both in a browser. Ids are prefixed, so several
 * posters can sit inline on one page.
 */
import { escapeXml, n, qrGroup } from './qr';
import { linePositions, type PosterElement, type PosterLayout, type TextElement } from './layout';

/** System fonts first (Noto CJK on Linux, PingFang on Apple, YaHei on Windows). */
export const FONT_STACKS = {
	sans: 'Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Hiragino Sans GB, Microsoft YaHei, Noto Sans SC, WenQuanYi Micro Hei, sans-serif',
	serif: 'Noto Serif CJK SC, Source Han Serif SC, Songti SC, STSong, SimSun, Noto Serif SC, Noto Sans CJK SC, serif'
} as const;

export interface SvgOptions {
	/** Prefix for element ids (gradients); default 'poster'. */
	idPrefix?: string;
	/** Outer size override, e.g. '100%' for a responsive preview. */
	width?: string;
	height?: string;
}

const box = (b: { x: number; y: number; w: number; h: number }) => `${n(b.x)} ${n(b.y)} ${n(b.w)} ${n(b.h)}`;

function paint(fill: string, prefix: string): string {
	return fill.startsWith('grad:') ? `url(#${prefix}-${fill.slice(5)})` : fill;
}

function common(el: { opacity?: number; stroke?: string; strokeWidth?: number }): string {
	let out = '';
	if (el.opacity !== undefined) out += ` opacity="${n(el.opacity)}"`;
	if (el.stroke) out += ` stroke="${el.stroke}" stroke-width="${n(el.strokeWidth ?? 0.3)}"`;
	return out;
}

function renderText(el: TextElement): string {
	const { x, baselines } = linePositions(el);
	const anchor = el.align === 'start' ? '' : ` text-anchor="${el.align}"`;
	const attrs =
		`font-family="${FONT_STACKS[el.font]}" font-size="${n(el.fit.size)}"${el.bold ? ' font-weight="700"' : ''}${anchor} fill="${el.fill}"` +
		(el.tracking ? ` letter-spacing="${n(el.tracking * el.fit.size)}"` : '') +
		(el.strike ? ' text-decoration="line-through"' : '') +
		(el.opacity !== undefined ? ` opacity="${n(el.opacity)}"` : '');
	const spans = el.fit.lines.map((line, i) => `<tspan x="${n(x)}" y="${n(baselines[i])}">${escapeXml(line)}</tspan>`).join('');
	return `<text ${attrs} data-role="${el.role}" data-frame="${box(el.frame)}">${spans}</text>`;
}

function renderElement(el: PosterElement, prefix: string): string {
	switch (el.kind) {
		case 'rect':
			return `<rect x="${n(el.box.x)}" y="${n(el.box.y)}" width="${n(el.box.w)}" height="${n(el.box.h)}"${el.rx ? ` rx="${n(el.rx)}"` : ''} fill="${paint(el.fill, prefix)}"${common(el)}/>`;
		case 'circle':
			return `<circle cx="${n(el.cx)}" cy="${n(el.cy)}" r="${n(el.r)}" fill="${paint(el.fill, prefix)}"${common(el)}/>`;
		case 'path':
			return `<path d="${el.d}" fill="${paint(el.fill, prefix)}"${common(el)}${el.dash ? ` stroke-dasharray="${el.dash}"` : ''}/>`;
		case 'text':
			return renderText(el);
		case 'qr':
			return qrGroup(el.matrix, el.box.x, el.box.y, el.box.w, `data-qr="${escapeXml(el.url)}" data-frame="${box(el.box)}" aria-label="${escapeXml(el.label)}"`);
	}
}

/** The poster as an SVG document (no XML declaration, so it can also be inlined in HTML). */
export function renderPosterSvg(layout: PosterLayout, options: SvgOptions = {}): string {
	const prefix = (options.idPrefix ?? 'poster').replace(/[^A-Za-z0-9_-]/g, '');
	const defs = layout.gradients
		.map(
			(g) =>
				`<linearGradient id="${prefix}-${g.id}" x1="0" y1="0" x2="0" y2="1">${g.stops.map((s) => `<stop offset="${n(s.offset)}" stop-color="${s.color}"/>`).join('')}</linearGradient>`
		)
		.join('');
	const body = layout.elements.map((el) => renderElement(el, prefix)).join('\n');
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n(layout.width)} ${n(layout.height)}" width="${options.width ?? layout.outerWidth}" height="${options.height ?? layout.outerHeight}"` +
		` role="img" aria-label="${escapeXml(layout.title)}" data-design="${layout.design}" data-format="${layout.format}">\n` +
		`<title>${escapeXml(layout.title)}</title>\n` +
		(defs ? `<defs>${defs}</defs>\n` : '') +
		body +
		`\n</svg>\n`
	);
}
