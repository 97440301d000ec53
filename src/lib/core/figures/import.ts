/**
 * After the show (issue 14): an uploaded platform export, already a grid of cells, read as a live
 * room's minute data or as an order export; its checkpoints attributed to the segments of the run;
 * its products matched to the show's; and what the report page previews before anything is stored.
 * Pure: grids, run intervals and products in, plain values out.
 */
import type { EpochMs, Product } from '../model';
import { matchSalesProduct } from '../sales';
import type { ExportIssue } from './export-cells';
import { parseLiveDataExport, parseOrderExport, type ExportCheckpoint, type LiveDataExport, type OrderExport, type ProductTotal } from './exports';
import { FIGURE_METRICS, type Figures } from './metrics';
import { segmentAt, type OnAirInterval } from './timeline';

export type PlatformExport = { kind: 'liveData'; data: Extract<LiveDataExport, { ok: true }> } | { kind: 'orders'; data: Extract<OrderExport, { ok: true }> };

/**
 * Reads a grid as an order export when it has an order number column, else as minute data; null
 * with the minute reader's issues (the more common file) when it is neither.
 */
export function readPlatformExport(grid: readonly (readonly unknown[])[], showDate: string | null): PlatformExport | { kind: null; issues: ExportIssue[] } {
	const orders = parseOrderExport(grid, { showDate });
	if (orders.ok) return { kind: 'orders', data: orders };
	const live = parseLiveDataExport(grid, { showDate });
	if (live.ok) return { kind: 'liveData', data: live };
	// A file too long for either is too long, whichever header it has.
	const tooLong = [...orders.issues, ...live.issues].find((i) => i.code === 'TOO_MANY_ROWS');
	return { kind: null, issues: tooLong ? [tooLong] : live.issues };
}

/** A checkpoint to store: the export's minute and figures, with the segment on air then (null outside the run). */
export interface AttributedCheckpoint extends ExportCheckpoint {
	segmentId: string | null;
}

export function attributeCheckpoints(checkpoints: readonly ExportCheckpoint[], intervals: readonly OnAirInterval[]): AttributedCheckpoint[] {
	return checkpoints.map((c) => ({ at: c.at, figures: c.figures, segmentId: segmentAt(intervals, c.at) }));
}

export interface ImportSpan {
	count: number;
	/** Checkpoints between the run's start and end (or `now` while it is on air). */
	inRun: number;
	firstAt: EpochMs | null;
	lastAt: EpochMs | null;
	/** Each metric's last value in the file (the totals of cumulative ones). */
	last: Figures;
}

export function importSpan(checkpoints: readonly ExportCheckpoint[], run: { from: EpochMs; to: EpochMs }): ImportSpan {
	const last: Figures = {};
	for (const c of checkpoints) for (const m of FIGURE_METRICS) if (c.figures[m] !== undefined) last[m] = c.figures[m];
	return {
		count: checkpoints.length,
		inRun: checkpoints.filter((c) => c.at >= run.from && c.at <= run.to).length,
		firstAt: checkpoints.length ? checkpoints[0].at : null,
		lastAt: checkpoints.length ? checkpoints[checkpoints.length - 1].at : null,
		last
	};
}

export type ProductMatchBy = 'productId' | 'title';
export type ShowProductRef = Pick<Product, 'id' | 'name' | 'productUrl'>;

export interface MatchedProductTotal extends ProductTotal {
	/** The show's product it is, or null (listed as unmatched). */
	match: { productId: number; name: string; by: ProductMatchBy } | null;
}

/** Whether a product link names the platform's 商品ID (as a whole number: `?id=3612…`, `/item/3612…`). */
function urlNamesId(url: string | null, id: string): boolean {
	if (!url || !/^\d{5,}$/.test(id)) return false;
	return new RegExp(`(?<!\\d)${id}(?!\\d)`).test(url);
}

/**
 * Each product line of an order export matched to the show's products: by 商品ID when a product's
 * link carries it, else by title (the same name, or the one product whose name the title contains).
 * The library keeps no 商家编码, so that column is shown but not matched on.
 */
export function matchExportProducts(totals: readonly ProductTotal[], products: readonly ShowProductRef[]): MatchedProductTotal[] {
	return totals.map((t) => {
		const byId = t.productId ? products.filter((p) => urlNamesId(p.productUrl, t.productId!)) : [];
		if (byId.length === 1) return { ...t, match: { productId: byId[0].id, name: byId[0].name, by: 'productId' } };
		const byTitle = t.title ? matchSalesProduct(t.title, products) : null;
		return { ...t, match: byTitle && byTitle !== 'ambiguous' ? { productId: byTitle.id, name: byTitle.name, by: 'title' } : null };
	});
}

/** The show's sales figures from the matched lines, one row per product (lines of one product added up). */
export function salesFromOrders(matched: readonly MatchedProductTotal[]): { productId: number; name: string; orders: number; units: number; gmvFen: number }[] {
	const rows = new Map<number, { productId: number; name: string; orders: number; units: number; gmvFen: number }>();
	for (const m of matched) {
		if (!m.match) continue;
		const row = rows.get(m.match.productId) ?? { productId: m.match.productId, name: m.match.name, orders: 0, units: 0, gmvFen: 0 };
		row.orders += m.orders;
		row.units += m.units;
		row.gmvFen += m.netFen;
		rows.set(m.match.productId, row);
	}
	return [...rows.values()].sort((a, b) => a.productId - b.productId);
}
