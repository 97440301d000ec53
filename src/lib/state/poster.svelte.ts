/**
 * The poster page: the show's poster settings and deadline, the published mark, SVG and PNG
 * downloads. The phone PNG is rasterised here, in the browser, from the server's SVG: the
 * viewer's own CJK fonts draw the text, so the server needs no native renderer or fonts.
 */
import { ApiError, call, urlOf } from '$lib/api/client';
import { endpoints } from '$lib/contract/endpoints';
import type { PosterInfoResponse, PosterSettingsBody } from '$lib/contract/posters';
import { PHONE_PIXELS, type PosterDesign, type PosterFormat, type PosterQrTarget } from '$lib/core/poster';
import { i18n } from '$lib/i18n';

/** The SVG's query: format, then the design and QR target when chosen; `download` asks for an attachment. */
const svgQuery = (choice: PosterChoice, download: boolean) => ({
	format: choice.format,
	design: choice.design || undefined,
	qr: choice.qr || undefined,
	download: download ? ('1' as const) : undefined
});

export interface PosterChoice {
	/** The show's saved design and QR target when absent. */
	design?: PosterDesign;
	format: PosterFormat;
	qr?: PosterQrTarget;
}

/** URL of the poster SVG; `download` asks the server for an attachment. */
export function posterSvgUrl(showId: string | number, choice: PosterChoice, download = false): string {
	return urlOf(endpoints.posters.svg, { params: { id: showId }, query: svgQuery(choice, download) });
}

/** The poster SVG as text (for inlining and rasterising); API errors become ApiError. */
export function fetchPosterSvg(showId: string | number, choice: PosterChoice): Promise<string> {
	return call(endpoints.posters.svg, { params: { id: showId }, query: svgQuery(choice, false), init: { headers: { accept: 'image/svg+xml' } } });
}

/** Draws an SVG document onto a canvas of `width` × `height` px and answers the PNG. */
export async function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
	const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml;charset=utf-8' }));
	try {
		const image = new Image(width, height);
		image.src = url;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = width;
		canvas.height = height;
		const context = canvas.getContext('2d');
		if (!context) throw new Error('no 2D canvas');
		context.fillStyle = '#ffffff';
		context.fillRect(0, 0, width, height);
		context.drawImage(image, 0, 0, width, height);
		return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))), 'image/png'));
	} finally {
		URL.revokeObjectURL(url);
	}
}

/** Saves a blob under `filename` through a temporary link. */
export function saveBlob(blob: Blob, filename: string) {
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** '4 天 3 小时', '5 小时 12 分钟', '8 分钟' for a positive span of ms. */
export function spanText(ms: number): string {
	const minutes = Math.max(1, Math.floor(Math.abs(ms) / 60_000));
	const d = Math.floor(minutes / 1440);
	const h = Math.floor((minutes % 1440) / 60);
	const m = minutes % 60;
	if (d > 0) return i18n.t('poster.left.days', { d, h });
	if (h > 0) return i18n.t('poster.left.hours', { h, m });
	return i18n.t('poster.left.minutes', { m });
}

export class PosterPageState {
	#info = $state<PosterInfoResponse | null>(null);
	#error = $state<ApiError | null>(null);
	#busy = $state(false);
	#actionError = $state<ApiError | null>(null);
	#rendering = $state(false);

	constructor(readonly showId: string) {}

	get info() {
		return this.#info;
	}
	/** Loading failed (the page shows it instead of the poster). */
	get error() {
		return this.#error;
	}
	/** The last action failed (shown beside the controls). */
	get actionError() {
		return this.#actionError;
	}
	get busy() {
		return this.#busy;
	}
	get rendering() {
		return this.#rendering;
	}

	async load() {
		this.#error = null;
		try {
			this.#info = await call(endpoints.posters.get, { params: { id: this.showId } });
		} catch (err) {
			this.#error = ApiError.from(err);
		}
	}

	async #act(run: () => Promise<PosterInfoResponse>) {
		this.#busy = true;
		this.#actionError = null;
		try {
			this.#info = await run();
		} catch (err) {
			this.#actionError = ApiError.from(err);
		} finally {
			this.#busy = false;
		}
	}

	choose(settings: Partial<PosterSettingsBody>) {
		const info = this.#info;
		if (!info) return Promise.resolve();
		const body: PosterSettingsBody = { design: settings.design ?? info.design, qrTarget: settings.qrTarget ?? info.qrTarget };
		// Show the choice at once; the server's answer confirms it.
		this.#info = { ...info, ...body };
		return this.#act(() => call(endpoints.posters.save, { params: { id: this.showId }, body }));
	}

	/** Marks the poster published at `publishedAt` (epoch ms), now when absent. */
	publish(publishedAt?: number) {
		return this.#act(() => call(endpoints.posters.publish, { params: { id: this.showId }, body: publishedAt === undefined ? {} : { publishedAt } }));
	}

	unpublish() {
		return this.#act(() => call(endpoints.posters.unpublish, { params: { id: this.showId } }));
	}

	/** Renders the phone poster (1080×1920) in the browser and downloads it as PNG. */
	async downloadPng() {
		const info = this.#info;
		if (!info) return;
		this.#rendering = true;
		this.#actionError = null;
		try {
			const svg = await fetchPosterSvg(this.showId, { design: info.design, format: 'phone', qr: info.qrTarget });
			const png = await svgToPng(svg, PHONE_PIXELS.width, PHONE_PIXELS.height);
			saveBlob(png, `海报-${info.title}-${info.design}-1080x1920.png`);
		} catch (err) {
			this.#actionError = err instanceof ApiError ? err : new ApiError(0, 'PNG_FAILED', i18n.t('poster.pngFailed', { reason: (err as Error).message }));
		} finally {
			this.#rendering = false;
		}
	}
}
