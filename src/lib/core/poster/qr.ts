/**
 * QR codes as vectors: the module matrix from the `qrcode` package (pure computation, no canvas),
 * drawn as one SVG path of dark runs, with the standard 4-module quiet zone kept white.
 */
import { create } from 'qrcode';

/** Modules of white around the symbol (ISO/IEC 18004 asks for 4). */
export const QR_QUIET_ZONE = 4;
/** Error correction: M recovers ~15 % damage (a fold, a smudge); enough for short live-room URLs. */
export const QR_LEVEL = 'M';
/** Smallest printed size of the symbol itself (without the quiet zone), mm. */
export const QR_MIN_PRINT_MM = 25;

export interface QrMatrix {
	/** Modules per side, without the quiet zone. */
	size: number;
	/** Row-major, 1 for a dark module. */
	modules: Uint8Array;
	level: 'L' | 'M' | 'Q' | 'H';
	version: number;
}

/** The QR symbol for `text`, error correction M or higher. Throws on text too long for a QR code. */
export function qrMatrix(text: string, level: 'M' | 'Q' | 'H' = QR_LEVEL): QrMatrix {
	const code = create(text, { errorCorrectionLevel: level });
	return { size: code.modules.size, modules: code.modules.data, level, version: code.version };
}

/** Modules per side including the quiet zone on both sides. */
export const qrSpan = (m: QrMatrix) => m.size + 2 * QR_QUIET_ZONE;

/**
 * The dark modules as one path in module units, (0,0) at the symbol's top-left corner (inside the
 * quiet zone): one rectangle per horizontal run of dark modules.
 */
export function qrPathData(m: QrMatrix): string {
	let d = '';
	for (let r = 0; r < m.size; r += 1) {
		let c = 0;
		while (c < m.size) {
			if (!m.modules[r * m.size + c]) {
				c += 1;
				continue;
			}
			const start = c;
			while (c < m.size && m.modules[r * m.size + c]) c += 1;
			d += `M${start} ${r}h${c - start}v1h${start - c}z`;
		}
	}
	return d;
}

/**
 * SVG markup (a `<g>`) of the code in a square of `side` units at (x, y), quiet zone included and
 * painted white so the code reads on any background.
 */
export function qrGroup(m: QrMatrix, x: number, y: number, side: number, attrs = ''): string {
	const k = side / qrSpan(m);
	const inner = QR_QUIET_ZONE * k;
	return (
		`<g${attrs ? ` ${attrs}` : ''}>` +
		`<rect x="${n(x)}" y="${n(y)}" width="${n(side)}" height="${n(side)}" fill="#ffffff"/>` +
		`<path transform="translate(${n(x + inner)} ${n(y + inner)}) scale(${k.toFixed(5)})" d="${qrPathData(m)}" fill="#000000" shape-rendering="crispEdges"/>` +
		`</g>`
	);
}

/** A standalone SVG document of the code (for screens: device cards, the public page). */
export function qrSvg(text: string, options: { title?: string; level?: 'M' | 'Q' | 'H' } = {}): string {
	const m = qrMatrix(text, options.level);
	const span = qrSpan(m);
	const title = options.title ? `<title>${escapeXml(options.title)}</title>` : '';
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${span} ${span}" role="img"${options.title ? ` aria-label="${escapeXml(options.title)}"` : ''}>${title}${qrGroup(m, 0, 0, span)}</svg>`;
}

/** A number for SVG attributes: at most 3 decimals, no trailing zeros. */
export function n(value: number): string {
	return String(Math.round(value * 1000) / 1000);
}

/** Text and attribute values inside SVG/XML; control characters XML forbids are dropped. */
export function escapeXml(text: string): string {
	// eslint-disable-next-line no-control-regex
	return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);
}
