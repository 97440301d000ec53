/**
 * The report page's import of a platform export (issue 14): choose the platform (and the run the
 * page shows), upload → preview (nothing stored) → confirm, which sends the same file again and
 * stores it as the run's imported checkpoints. An order export's per-product totals replace the
 * show's sales figures only when the coordinator ticks it (asked again when figures were entered).
 */
import { ApiError, call } from '$lib/api/client';
import { endpoints } from '$lib/contract/endpoints';
import type { FigureImportPreview, FigureImportResult } from '$lib/contract/figure-imports';
import type { Platform } from '$lib/core/model';

export class FigureImportState {
	platform = $state<Platform | null>(null);
	file = $state<File | null>(null);
	preview = $state<FigureImportPreview | null>(null);
	result = $state<FigureImportResult | null>(null);
	error = $state<ApiError | null>(null);
	busy = $state(false);
	/** Save an order export's product totals as the sales figures. */
	saveSales = $state(false);

	constructor(
		readonly showId: string,
		/** The run of the report shown (null: the latest live run). */
		private readonly runId: number | null,
		platform: Platform | null
	) {
		this.platform = platform;
	}

	#query(extra: Record<string, string> = {}) {
		return { platform: this.platform!, ...(this.runId !== null ? { run: this.runId } : {}), ...extra };
	}

	#form() {
		const form = new FormData();
		form.append('file', this.file!, this.file!.name);
		return form;
	}

	async choose(file: File) {
		this.file = file;
		this.result = null;
		this.saveSales = false;
		await this.read();
	}

	/** Previews the chosen file for the chosen platform. */
	async read() {
		this.preview = null;
		this.error = null;
		if (!this.file || !this.platform) return;
		this.busy = true;
		try {
			this.preview = await call(endpoints.reports.previewFigures, { params: { id: this.showId }, query: this.#query(), upload: this.#form() });
		} catch (err) {
			this.error = ApiError.from(err);
		} finally {
			this.busy = false;
		}
	}

	/** Stores the previewed file; true when stored. */
	async confirm(): Promise<boolean> {
		if (!this.file || !this.platform || !this.preview) return false;
		this.busy = true;
		this.error = null;
		try {
			const sales = this.preview.orders && this.saveSales ? 'replace' : 'keep';
			this.result = await call(endpoints.reports.importFigures, { params: { id: this.showId }, query: this.#query({ sales }), upload: this.#form() });
			this.preview = null;
			this.file = null;
			return true;
		} catch (err) {
			this.error = ApiError.from(err);
			return false;
		} finally {
			this.busy = false;
		}
	}

	cancel() {
		this.preview = null;
		this.file = null;
		this.error = null;
	}
}
