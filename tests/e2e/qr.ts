/**
 * Reading what a person would scan: every QR code in a screenshot, found and decoded one after
 * another (each found code is painted over before looking for the next), with jsQR.
 */
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

export function readPng(buffer: Buffer): PNG {
	return PNG.sync.read(buffer);
}

/**
 * Every QR code in the image. jsQR reads one code per image, so windows of shrinking size slide
 * over the picture; each code found is painted white before the search goes on, so it is counted
 * once and does not confuse the next.
 */
export function decodeAllQr(image: PNG, max = 16): string[] {
	const { width, height, data } = shrink(image, 1200);
	const found: string[] = [];
	const crop = (x0: number, y0: number, w: number, h: number) => {
		const out = new Uint8ClampedArray(w * h * 4);
		for (let y = 0; y < h; y += 1) out.set(data.subarray(((y0 + y) * width + x0) * 4, ((y0 + y) * width + x0 + w) * 4), y * w * 4);
		return out;
	};
	const side = Math.min(width, height);
	for (const fraction of [1, 0.6, 0.4, 0.28]) {
		const s = Math.round(side * fraction);
		const step = Math.max(16, Math.round(s / 5));
		for (let y0 = 0; y0 + s <= height + step - 1; y0 += step) {
			for (let x0 = 0; x0 + s <= width + step - 1; x0 += step) {
				const x = Math.min(x0, width - s);
				const y = Math.min(y0, height - s);
				const w = fraction === 1 ? width : s;
				const h = fraction === 1 ? height : s;
				for (;;) {
					const code = jsQR(crop(fraction === 1 ? 0 : x, fraction === 1 ? 0 : y, w, h), w, h, { inversionAttempts: 'dontInvert' });
					// jsQR sometimes reads noise as an empty code: not a code, move on.
					if (!code || code.data === '') break;
					found.push(code.data);
					if (found.length >= max) return found;
					const ox = fraction === 1 ? 0 : x;
					const oy = fraction === 1 ? 0 : y;
					const { topLeftCorner: a, topRightCorner: b, bottomLeftCorner: c, bottomRightCorner: d } = code.location;
					const xs = [a.x, b.x, c.x, d.x].map((v) => v + ox);
					const ys = [a.y, b.y, c.y, d.y].map((v) => v + oy);
					const pad = (Math.max(...xs) - Math.min(...xs)) * 0.15;
					const x1 = Math.max(0, Math.floor(Math.min(...xs) - pad));
					const x2 = Math.min(width, Math.ceil(Math.max(...xs) + pad));
					for (let yy = Math.max(0, Math.floor(Math.min(...ys) - pad)); yy < Math.min(height, Math.ceil(Math.max(...ys) + pad)); yy += 1) {
						data.fill(255, (yy * width + x1) * 4, (yy * width + x2) * 4);
					}
				}
				if (fraction === 1) break;
			}
			if (fraction === 1) break;
		}
	}
	return found;
}

/** The image at most `maxSide` px on its longer side (box-filtered), RGBA. */
function shrink(image: PNG, maxSide: number): { width: number; height: number; data: Uint8ClampedArray } {
	const k = Math.ceil(Math.max(image.width, image.height) / maxSide);
	if (k <= 1) return { width: image.width, height: image.height, data: new Uint8ClampedArray(image.data) };
	const width = Math.floor(image.width / k);
	const height = Math.floor(image.height / k);
	const data = new Uint8ClampedArray(width * height * 4);
	for (let y = 0; y < height; y += 1) {
		for (let x = 0; x < width; x += 1) {
			for (let ch = 0; ch < 4; ch += 1) {
				let sum = 0;
				for (let dy = 0; dy < k; dy += 1) for (let dx = 0; dx < k; dx += 1) sum += image.data[((y * k + dy) * image.width + x * k + dx) * 4 + ch];
				data[(y * width + x) * 4 + ch] = sum / (k * k);
			}
		}
	}
	return { width, height, data };
}

/** Pages of a PDF Chromium printed, with their MediaBox sizes in points. */
export function pdfPages(pdf: Buffer): { width: number; height: number }[] {
	const text = pdf.toString('latin1');
	const pages: { width: number; height: number }[] = [];
	for (const match of text.matchAll(/\/Type\s*\/Page(?!s)\b[\s\S]*?(?=endobj)/g)) {
		const box = /\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/.exec(match[0]);
		pages.push(box ? { width: Number(box[3]) - Number(box[1]), height: Number(box[4]) - Number(box[2]) } : { width: NaN, height: NaN });
	}
	return pages;
}
