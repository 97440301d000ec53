/**
 * Sales figures after a show: what the coordinator enters per product (orders, units, GMV), and
 * reading them from a platform's CSV or Excel export, where each row is a product (or an order)
 * named the way the shop titles it. Pure: the server decodes the file into a grid of cells.
 */
import { z } from 'zod';
import { normalizeHeader } from './forms';
import type { Product } from './model';
import { cellText, parsePriceCell, type SheetCell } from './nominations';

const count = z.number().int().min(0).max(100_000_000);

/** Figures for one product of a show; money in fen. */
export const salesFiguresInput = z.strictObject({
	productId: z.number().int().positive(),
	orders: count,
	units: count,
	gmvFen: z.number().int().min(0).max(1_000_000_000_000)
});
export type SalesFiguresInput = z.infer<typeof salesFiguresInput>;

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, a leading BOM) into rows of text. The
 * delimiter is the one of ',', ';' and tab that the first line uses most.
 */
export function parseCsv(text: string): string[][] {
	const src = text.replace(/^\uFEFF/, '');
	const delimiter = detectDelimiter(src);
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < src.length; i++) {
		const ch = src[i];
		if (quoted) {
			if (ch === '"') {
				if (src[i + 1] === '"') {
					field += '"';
					i++;
				} else quoted = false;
			} else field += ch;
		} else if (ch === '"' && field === '') quoted = true;
		else if (ch === delimiter) {
			row.push(field);
			field = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && src[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += ch;
	}
	if (field !== '' || row.length > 0) {
		row.push(field);
		rows.push(row);
	}
	return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

/** The candidate delimiter used most outside quotes in the first record; ',' when none is. */
function detectDelimiter(src: string): string {
	const counts: Record<string, number> = { ',': 0, '\t': 0, ';': 0 };
	let quoted = false;
	for (const ch of src) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) break;
		else if (!quoted && ch in counts) counts[ch]++;
	}
	const [best, n] = Object.entries(counts).sort((a, b) => b[1] - a[1])[0];
	return n > 0 ? best : ',';
}

// ---------------------------------------------------------------------------------------------
// Sales sheets

type SalesColumn = 'product' | 'orders' | 'units' | 'gmv';

const SALES_HEADERS: Record<SalesColumn, string[]> = {
	product: ['商品名称', '产品名称', '商品', '产品', '商品标题', '宝贝标题', '宝贝名称', '商品名', 'product', 'name', 'productname', 'title'],
	orders: ['订单数', '订单量', '成交订单数', '支付订单数', '订单', '订单数量', 'orders', 'ordercount'],
	units: ['件数', '销量', '商品数量', '成交件数', '支付件数', '数量', '购买数量', 'units', 'quantity', 'qty'],
	gmv: ['成交金额', '销售额', 'gmv', '成交额', '支付金额', '金额', '实付金额', '销售金额', '订单金额', 'gmv(元)', '成交金额(元)', '销售额(元)', 'sales', 'revenue', 'amount']
};

function salesColumnOf(header: string): SalesColumn | null {
	const h = normalizeHeader(header).toLowerCase();
	for (const [key, words] of Object.entries(SALES_HEADERS) as [SalesColumn, string[]][]) {
		if (words.includes(h)) return key;
	}
	return null;
}

export interface SalesImportRow {
	productId: number;
	name: string;
	orders: number;
	units: number;
	gmvFen: number;
	/** Spreadsheet rows summed into it. */
	sourceRows: number[];
}

export interface SalesImportIssue {
	row: number;
	column: string | null;
	code: 'NO_HEADER' | 'UNKNOWN_PRODUCT' | 'AMBIGUOUS_PRODUCT' | 'INVALID_NUMBER';
	message: string;
	messageZh: string;
	params?: Record<string, string | number>;
}

export interface SalesImport {
	rows: SalesImportRow[];
	issues: SalesImportIssue[];
}

const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** The show's product a cell names: the same name, or the one product whose name the cell contains (platform titles are long). */
export function matchSalesProduct(cell: string, products: readonly Pick<Product, 'id' | 'name'>[]): Pick<Product, 'id' | 'name'> | 'ambiguous' | null {
	const t = norm(cell);
	if (t === '') return null;
	const exact = products.find((p) => norm(p.name) === t);
	if (exact) return exact;
	const within = products.filter((p) => norm(p.name) !== '' && t.includes(norm(p.name)));
	if (within.length === 0) return null;
	const longest = Math.max(...within.map((p) => norm(p.name).length));
	const best = within.filter((p) => norm(p.name).length === longest);
	return best.length === 1 ? best[0] : 'ambiguous';
}

function countCell(cell: SheetCell): number | null {
	if (typeof cell === 'number') return Number.isInteger(cell) && cell >= 0 ? cell : null;
	const t = cellText(cell).normalize('NFKC').replace(/,/g, '').replace(/\s*(件|单|笔|份)$/, '');
	return /^\d{1,12}$/.test(t) ? Number(t) : null;
}

/**
 * Sales figures from a grid: finds the header (product name and at least one of orders, units,
 * GMV), sums rows per show product (an order-level export has one row per order: without an
 * orders column each row counts as one order) and lists rows it cannot place.
 */
export function parseSalesSheet(grid: readonly (readonly SheetCell[])[], products: readonly Pick<Product, 'id' | 'name'>[]): SalesImport {
	let headerIndex = -1;
	let columns = new Map<SalesColumn, number>();
	for (let r = 0; r < Math.min(grid.length, 20) && headerIndex < 0; r++) {
		const found = new Map<SalesColumn, number>();
		(grid[r] ?? []).forEach((cell, i) => {
			const key = salesColumnOf(cellText(cell));
			if (key && !found.has(key)) found.set(key, i);
		});
		if (found.has('product') && found.size >= 2) {
			headerIndex = r;
			columns = found;
		}
	}
	if (headerIndex < 0) {
		return {
			rows: [],
			issues: [
				{
					row: 1,
					column: null,
					code: 'NO_HEADER',
					message: 'No header row with a product name column and orders, units or GMV',
					messageZh: '找不到表头：需要「商品名称」列，以及「订单数」「件数」「成交金额」中的至少一列'
				}
			]
		};
	}
	const issues: SalesImportIssue[] = [];
	const byProduct = new Map<number, SalesImportRow>();
	const header = (key: SalesColumn) => cellText(grid[headerIndex][columns.get(key)!]);
	for (let r = headerIndex + 1; r < grid.length; r++) {
		const line = grid[r] ?? [];
		const row = r + 1;
		const nameCell = cellText(line[columns.get('product')!]);
		if (nameCell === '' || /^(合计|总计|total)/i.test(nameCell)) continue;
		const product = matchSalesProduct(nameCell, products);
		if (product === null || product === 'ambiguous') {
			issues.push({
				row,
				column: header('product'),
				code: product === null ? 'UNKNOWN_PRODUCT' : 'AMBIGUOUS_PRODUCT',
				message: product === null ? `“${nameCell}” is not a product of this show` : `“${nameCell}” matches several products of this show`,
				messageZh: product === null ? `「${nameCell}」不是本场的产品` : `「${nameCell}」对应本场的多个产品`,
				params: { value: nameCell }
			});
			continue;
		}
		const figures = { orders: 1, units: 0, gmvFen: 0 };
		let bad = false;
		for (const key of ['orders', 'units'] as const) {
			if (!columns.has(key)) continue;
			const value = countCell(line[columns.get(key)!] ?? null);
			if (value === null) {
				bad = true;
				issues.push({ row, column: header(key), code: 'INVALID_NUMBER', message: `“${cellText(line[columns.get(key)!])}” is not a whole number`, messageZh: `「${cellText(line[columns.get(key)!])}」不是整数`, params: { value: cellText(line[columns.get(key)!]) } });
			} else figures[key] = value;
		}
		if (!columns.has('units')) figures.units = figures.orders;
		if (columns.has('gmv')) {
			const cell = line[columns.get('gmv')!] ?? null;
			const parsed = cellText(cell) === '' ? ({ ok: true, fen: 0 } as const) : parsePriceCell(cell);
			if (!parsed.ok) {
				bad = true;
				issues.push({ row, column: header('gmv'), code: 'INVALID_NUMBER', message: `“${cellText(cell)}” is not an amount in yuan`, messageZh: `「${cellText(cell)}」不是有效的金额（元）`, params: { value: cellText(cell) } });
			} else figures.gmvFen = parsed.fen;
		}
		if (bad) continue;
		const sum = byProduct.get(product.id) ?? { productId: product.id, name: product.name, orders: 0, units: 0, gmvFen: 0, sourceRows: [] };
		sum.orders += figures.orders;
		sum.units += figures.units;
		sum.gmvFen += figures.gmvFen;
		sum.sourceRows.push(row);
		byProduct.set(product.id, sum);
	}
	return { rows: [...byProduct.values()], issues };
}
