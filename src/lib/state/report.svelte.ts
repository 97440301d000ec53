/**
 * An after-show report page: the report of the chosen run, and the sales figures the coordinator
 * types in (yuan, two decimals) or reads from a platform export before saving them.
 */
import { ApiError, call } from '$lib/api/client';
import { endpoints } from '$lib/contract/endpoints';
import type { SalesImportDto, ShowReportDto } from '$lib/contract/reports';
import { fenToYuanString, parseYuan } from '$lib/core/format';
import { salesFiguresInput } from '$lib/core/sales';

export interface SalesDraft {
	productId: number;
	name: string;
	orders: string;
	units: string;
	gmv: string;
}

export type DraftIssue = 'orders' | 'units' | 'gmv';

const DIGITS = /^\d+$/;
const figures = salesFiguresInput.shape;

/** Whether a typed count is digits within what the server takes. */
function countOk(text: string, field: typeof figures.orders): boolean {
	const t = text.trim();
	return DIGITS.test(t) && field.safeParse(Number(t)).success;
}

export class ReportState {
	#report = $state<ShowReportDto | null>(null);
	#error = $state<ApiError | null>(null);
	#saving = $state(false);
	#saveError = $state<ApiError | null>(null);
	#savedAt = $state<number | null>(null);
	#imported = $state<SalesImportDto | null>(null);
	drafts = $state<SalesDraft[]>([]);

	constructor(
		readonly showId: string,
		private query = ''
	) {}

	get report() {
		return this.#report;
	}
	get error() {
		return this.#error;
	}
	get saving() {
		return this.#saving;
	}
	get saveError() {
		return this.#saveError;
	}
	get savedAt() {
		return this.#savedAt;
	}
	get imported() {
		return this.#imported;
	}

	/** `?run=` or `?mode=` of the report shown, for the Excel link. */
	get queryString() {
		return this.query;
	}

	async load(query = this.query) {
		this.query = query;
		this.#error = null;
		try {
			this.#report = await call(endpoints.reports.get, { params: { id: this.showId }, search: query.replace(/^\?/, '') });
			this.#resetDrafts();
		} catch (err) {
			this.#error = ApiError.from(err);
		}
	}

	#resetDrafts() {
		this.drafts = (this.#report?.sales.rows ?? []).map((r) => ({
			productId: r.productId,
			name: r.name,
			orders: r.entered ? String(r.orders) : '',
			units: r.entered ? String(r.units) : '',
			gmv: r.entered ? fenToYuanString(r.gmvFen) : ''
		}));
	}

	/** Which cells of a draft row are not valid numbers. */
	issues(draft: SalesDraft): DraftIssue[] {
		const out: DraftIssue[] = [];
		const empty = draft.orders === '' && draft.units === '' && draft.gmv === '';
		if (empty) return out;
		if (!countOk(draft.orders, figures.orders)) out.push('orders');
		if (!countOk(draft.units, figures.units)) out.push('units');
		const gmvFen = parseYuan(draft.gmv);
		if (gmvFen === null || !figures.gmvFen.safeParse(gmvFen).success) out.push('gmv');
		return out;
	}

	get valid(): boolean {
		return this.drafts.every((d) => this.issues(d).length === 0);
	}

	get totals() {
		return this.drafts.reduce(
			(t, d) => ({ orders: t.orders + (Number(d.orders) || 0), units: t.units + (Number(d.units) || 0), gmvFen: t.gmvFen + (parseYuan(d.gmv) ?? 0) }),
			{ orders: 0, units: 0, gmvFen: 0 }
		);
	}

	async saveSales() {
		if (!this.valid) return;
		this.#saving = true;
		this.#saveError = null;
		try {
			const rows = this.drafts
				.filter((d) => !(d.orders === '' && d.units === '' && d.gmv === ''))
				.map((d) => ({ productId: d.productId, orders: Number(d.orders), units: Number(d.units), gmvFen: parseYuan(d.gmv)! }));
			await call(endpoints.reports.saveSales, { params: { id: this.showId }, body: { rows } });
			this.#imported = null;
			await this.load();
			this.#savedAt = Date.now();
		} catch (err) {
			this.#saveError = ApiError.from(err);
		} finally {
			this.#saving = false;
		}
	}

	/** Reads a platform export into the drafts; the coordinator checks and saves. */
	async importSales(file: File) {
		this.#saveError = null;
		const form = new FormData();
		form.append('file', file, file.name);
		try {
			const result = await call(endpoints.reports.importSales, { params: { id: this.showId }, upload: form });
			this.#imported = result;
			for (const row of result.rows) {
				const draft = this.drafts.find((d) => d.productId === row.productId);
				if (!draft) continue;
				draft.orders = String(row.orders);
				draft.units = String(row.units);
				draft.gmv = fenToYuanString(row.gmvFen);
			}
		} catch (err) {
			this.#saveError = ApiError.from(err);
		}
	}

	discardDrafts() {
		this.#imported = null;
		this.#resetDrafts();
	}
}
