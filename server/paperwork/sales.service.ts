/**
 * Sales figures after a show: entered per product, or read from a platform's CSV or Excel export
 * (UTF-8 or the GB18030 that Excel in China writes) into figures the coordinator then saves.
 */
import type { SalesImportDto } from '../../src/lib/contract/reports';
import type { Show } from '../../src/lib/core/model';
import { MAX_IMPORT_BYTES, type SheetCell } from '../../src/lib/core/nominations';
import { parseCsv, parseSalesSheet, type SalesFiguresInput } from '../../src/lib/core/sales';
import { DomainError } from '../domain/errors';
import type { ProductRepository } from '../planning/product.repository';
import { latestSalesUpdate, type SalesRepository } from './sales.repository';
import { fileErrors, inspectXlsx } from './spreadsheet';
import { readSheets } from './spreadsheet-reader';

export const unsupportedSalesFile = () => new DomainError('UNSUPPORTED_FILE', 'Upload the platform\'s export as .csv or .xlsx');

/** Text of a CSV file: UTF-8 (with or without BOM), else GB18030. */
export function decodeCsv(buf: Buffer): string {
	try {
		return new TextDecoder('utf-8', { fatal: true }).decode(buf);
	} catch {
		return new TextDecoder('gb18030').decode(buf);
	}
}

export async function readSalesGrid(buf: Buffer): Promise<SheetCell[][]> {
	if (buf.length === 0) throw fileErrors.empty();
	if (buf.length > MAX_IMPORT_BYTES) throw fileErrors.tooLarge();
	const head = buf.subarray(0, 8);
	if (head[0] === 0x50 && head[1] === 0x4b) {
		const ws = (await readSheets(buf))[0];
		if (!ws?.grid) throw fileErrors.empty();
		return ws.grid;
	}
	if (head[0] === 0xd0 && head[1] === 0xcf) inspectXlsx(buf); // refuses with PASSWORD_PROTECTED or NOT_XLSX
	if (buf.subarray(0, 4096).includes(0)) throw unsupportedSalesFile();
	const rows = parseCsv(decodeCsv(buf));
	if (rows.length === 0) throw fileErrors.empty();
	return rows;
}

export class SalesService {
	constructor(
		private readonly sales: SalesRepository,
		private readonly products: ProductRepository,
		private readonly clock: () => number
	) {}

	list(show: Show) {
		const rows = this.sales.list(show.id);
		const names = new Map(this.products.getMany(rows.map((r) => r.productId)).map((p) => [p.id, p.name]));
		return {
			rows: rows.map((r) => ({ productId: r.productId, orders: r.orders, units: r.units, gmvFen: r.gmvFen, name: names.get(r.productId) ?? `#${r.productId}` })),
			...latestSalesUpdate(rows)
		};
	}

	/** Replaces the show's figures; every product must be on its run-sheet (or already have figures). */
	save(show: Show, rows: readonly SalesFiguresInput[], by: string) {
		const allowed = new Set([...show.productIds, ...this.sales.list(show.id).map((r) => r.productId)]);
		const fields = rows.flatMap((r, i) =>
			allowed.has(r.productId) ? [] : [{ path: `rows.${i}.productId`, code: 'UNKNOWN_PRODUCT', message: `Product ${r.productId} is not on this show's run-sheet` }]
		);
		if (fields.length) throw new DomainError('UNKNOWN_PRODUCT', fields[0].message, fields);
		this.sales.replace(show.id, rows, this.clock(), by);
		return this.list(show);
	}

	/** Figures read from an upload; nothing is saved. */
	async readUpload(show: Show, file: { buffer: Buffer; fileName: string }): Promise<SalesImportDto> {
		const grid = await readSalesGrid(file.buffer);
		const products = this.products.getMany(show.productIds);
		const parsed = parseSalesSheet(grid, products);
		return { fileName: file.fileName, rows: parsed.rows, errors: parsed.issues };
	}
}
