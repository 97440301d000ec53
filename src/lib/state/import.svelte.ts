/**
 * The nomination import as the coordinator walks through it: upload → preview with a decision per
 * row (create, update or skip) → confirm. Nothing is saved before `confirm()`.
 */
import { ApiError, call } from '$lib/api/client';
import { endpoints } from '$lib/contract/endpoints';
import type { ImportConfirmResult, ImportPreview, ImportRowDto } from '$lib/contract/imports';
import type { ProductCategory } from '$lib/core/model';

export type RowAction = 'create' | 'update' | 'skip';
export type RowFilter = 'all' | 'problems' | 'new' | 'matches';

interface Decision {
	action: RowAction;
	category: ProductCategory;
}

/** The decision a row starts with: new valid rows are created, known ones updated when something changed. */
export function defaultAction(row: ImportRowDto): RowAction {
	if (!row.valid) return 'skip';
	if (row.match) return row.match.changes.length > 0 ? 'update' : 'skip';
	return 'create';
}

export class ImportState {
	#preview = $state<ImportPreview | null>(null);
	#decisions = $state<Record<number, Decision>>({});
	#busy = $state(false);
	#error = $state<ApiError | null>(null);
	#result = $state<ImportConfirmResult | null>(null);
	filter = $state<RowFilter>('all');

	get preview() {
		return this.#preview;
	}
	get busy() {
		return this.#busy;
	}
	get error() {
		return this.#error;
	}
	get result() {
		return this.#result;
	}

	get rows(): ImportRowDto[] {
		const rows = this.#preview?.rows ?? [];
		switch (this.filter) {
			case 'problems':
				return rows.filter((r) => r.issues.length > 0);
			case 'new':
				return rows.filter((r) => !r.match);
			case 'matches':
				return rows.filter((r) => r.match);
			default:
				return rows;
		}
	}

	decision(row: number): Decision | undefined {
		return this.#decisions[row];
	}

	setAction(row: number, action: RowAction) {
		const d = this.#decisions[row];
		if (d) this.#decisions[row] = { ...d, action };
	}

	setCategory(row: number, category: ProductCategory) {
		const d = this.#decisions[row];
		if (d) this.#decisions[row] = { ...d, category };
	}

	/** Counts of what confirming would do. */
	get plan() {
		const all = Object.values(this.#decisions);
		return {
			create: all.filter((d) => d.action === 'create').length,
			update: all.filter((d) => d.action === 'update').length,
			skip: all.filter((d) => d.action === 'skip').length
		};
	}

	#adopt(preview: ImportPreview) {
		this.#preview = preview;
		this.#result = null;
		this.filter = preview.summary.invalid > 0 ? 'problems' : 'all';
		this.#decisions = Object.fromEntries(preview.rows.map((r) => [r.row, { action: defaultAction(r), category: r.category }]));
	}

	async #run<T>(work: () => Promise<T>): Promise<T | null> {
		this.#busy = true;
		this.#error = null;
		try {
			return await work();
		} catch (err) {
			this.#error = ApiError.from(err);
			return null;
		} finally {
			this.#busy = false;
		}
	}

	/** Uploads a file; the server answers the preview. */
	async upload(file: File, unit: string | null): Promise<string | null> {
		const form = new FormData();
		form.append('file', file, file.name);
		const preview = await this.#run(() => call(endpoints.imports.upload, { query: unit ? { unit } : {}, upload: form }));
		if (preview) this.#adopt(preview);
		return preview?.id ?? null;
	}

	/** Reopens a preview (after a reload). */
	async load(id: string) {
		const preview = await this.#run(() => call(endpoints.imports.get, { params: { id } }));
		if (preview) this.#adopt(preview);
	}

	async confirm() {
		const preview = this.#preview;
		if (!preview) return;
		const rows = preview.rows.map((r) => {
			const d = this.#decisions[r.row];
			return { row: r.row, action: d.action, ...(d.action === 'create' || d.action === 'update' ? { category: d.category } : {}) };
		});
		const result = await this.#run(() => call(endpoints.imports.confirm, { params: { id: preview.id }, body: { rows } }));
		if (result) {
			this.#result = result;
			this.#preview = null;
		}
	}

	async discard() {
		const preview = this.#preview;
		if (preview) await this.#run(() => call(endpoints.imports.discard, { params: { id: preview.id } }));
		this.reset();
	}

	reset() {
		this.#preview = null;
		this.#decisions = {};
		this.#result = null;
		this.#error = null;
	}
}
