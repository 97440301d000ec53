/**
 * Importing product nominations (附件3 layout): an upload is inspected (xlsx, size, password,
 * rows), parsed by the pure core and kept as a preview for the account that sent it; nothing is
 * saved until the coordinator confirms which rows to create, update or skip. The confirmation
 * writes all of it or none, and refuses when the library changed since the preview.
 */
import { randomBytes } from 'node:crypto';
import type { ImportConfirmRequest, ImportConfirmResult, ImportPreview } from '../../src/lib/contract/imports';
import type { SessionAccount } from '../../src/lib/contract/session';
import { productInput, type ProductInput } from '../../src/lib/core/model';
import { countDataRows, findHeaderRow, HEADER_SEARCH_ROWS, matchKey, MAX_IMPORT_ROWS, parseNominationSheet, type SheetCell } from '../../src/lib/core/nominations';
import { DomainError } from '../domain/errors';
import { canAccessUnit } from '../domain/access';
import type { ImportPreviewRepository } from './import.repository';
import { StaleProductError, type ProductImportRepository, type ProductUpdate } from './product-import.repository';
import type { ProductRepository } from '../planning/product.repository';
import { fileErrors } from './spreadsheet';
import { readSheets } from './spreadsheet-reader';
import { unitScope } from '../domain/unit-scope';

/** How long a preview waits for its confirmation, ms. */
export const PREVIEW_TTL_MS = 24 * 3600_000;

export const importErrors = {
	tooManyRows: (n: number) => new DomainError('TOO_MANY_ROWS', `The file has ${n} product rows; at most ${MAX_IMPORT_ROWS} can be imported at once`),
	noHeader: () =>
		new DomainError('NO_HEADER_ROW', 'No 附件3 header row found: the sheet needs the notice\'s column headers (在线店铺名, 平台, 产品名称, 日常零售价, 直播间到手价…) in one row'),
	noRows: () => new DomainError('EMPTY_FILE', 'The form has a header but no product rows'),
	previewGone: () => new DomainError('NOT_FOUND', 'Import preview not found or expired; upload the file again'),
	stale: (detail: string) => new DomainError('PREVIEW_STALE', `The library changed since the preview (${detail}); upload the file again`)
};

export interface UploadedFile {
	buffer: Buffer;
	fileName: string;
}

export class ImportService {
	constructor(
		private readonly previews: ImportPreviewRepository,
		private readonly products: ProductRepository,
		private readonly productImport: ProductImportRepository,
		private readonly clock: () => number
	) {}

	/** Reads, checks and stores the file as a preview; saves no product. */
	async preview(account: SessionAccount, unit: string | undefined, file: UploadedFile): Promise<ImportPreview> {
		const now = this.clock();
		this.previews.deleteExpired(now);
		const scope = unitScope(account, unit);
		const rowLimit = MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS + 20;
		const sheets = await readSheets(file.buffer, { maxRows: rowLimit });
		if (sheets.length === 0) throw fileErrors.empty();

		// The first sheet with a 附件3 header row; a summary sheet before it is fine.
		let found: { name: string; grid: SheetCell[][] } | null = null;
		for (const ws of sheets) {
			if (!ws.grid) throw importErrors.tooManyRows(ws.rowCount);
			if (findHeaderRow(ws.grid)) {
				found = { name: ws.name, grid: ws.grid };
				break;
			}
		}
		if (!found) throw importErrors.noHeader();
		const header = findHeaderRow(found.grid)!;
		const dataRows = countDataRows(found.grid, header.index);
		if (dataRows > MAX_IMPORT_ROWS) throw importErrors.tooManyRows(dataRows);

		// Archived products too: a city re-nominating one updates it rather than adding it twice.
		const library = this.products.list({ status: 'all', unitCode: scope.unit ?? undefined });
		const byId = new Map(library.map((p) => [p.id, p]));
		const sheet = parseNominationSheet(found.grid, {
			defaultUnit: scope.unit,
			unitAllowed: (code) => canAccessUnit(account, code),
			library
		})!;
		if (sheet.rows.length === 0) throw importErrors.noRows();

		const rows = sheet.rows.map((r) => {
			const existing = r.match ? byId.get(r.match.productId)! : null;
			return {
				row: r.row,
				valid: r.valid,
				unitCode: r.unitCode,
				category: r.category,
				categoryGuessed: r.categoryGuessed,
				cells: r.cells as Record<string, string>,
				product: r.product,
				match: r.match && existing ? { ...r.match, unitCode: existing.unitCode, shopName: existing.shopName, name: existing.name } : null,
				issues: r.issues
			};
		});
		const preview: ImportPreview = {
			id: randomBytes(18).toString('base64url'),
			fileName: file.fileName,
			sheetName: found.name,
			headerRow: sheet.headerRow,
			createdAt: now,
			expiresAt: now + PREVIEW_TTL_MS,
			defaultUnit: scope.unit,
			columns: sheet.columns.map((c) => ({ key: c.key, header: c.header, letter: c.letter })),
			missing: sheet.missing,
			rows,
			errors: sheet.issues,
			matches: rows.flatMap((r) => (r.match ? [{ row: r.row, ...r.match }] : [])),
			summary: {
				rows: rows.length,
				valid: rows.filter((r) => r.valid).length,
				invalid: rows.filter((r) => !r.valid).length,
				matches: rows.filter((r) => r.match).length,
				warnings: sheet.issues.filter((i) => i.severity === 'warning').length
			}
		};
		this.previews.create({ id: preview.id, accountId: account.id, kind: 'products', fileName: file.fileName, preview, createdAt: now, expiresAt: preview.expiresAt });
		return preview;
	}

	get(account: SessionAccount, id: string): ImportPreview {
		const row = this.previews.find(id, account.id, this.clock());
		if (!row) throw importErrors.previewGone();
		return row.preview;
	}

	discard(account: SessionAccount, id: string) {
		if (!this.previews.delete(id, account.id, this.clock())) throw importErrors.previewGone();
	}

	/** Saves the rows the coordinator accepted, all or nothing, and consumes the preview. */
	confirm(account: SessionAccount, id: string, request: ImportConfirmRequest): ImportConfirmResult {
		const preview = this.get(account, id);
		const rows = new Map(preview.rows.map((r) => [r.row, r]));
		const creates: ProductInput[] = [];
		const updates: ProductUpdate[] = [];
		const problems: { path: string; code: string; message: string }[] = [];

		request.rows.forEach((decision, i) => {
			const row = rows.get(decision.row);
			const path = `rows.${i}`;
			if (!row) return problems.push({ path, code: 'UNKNOWN_ROW', message: `Row ${decision.row} is not in the preview` });
			if (decision.action === 'skip') return;
			if (!row.valid || !row.product || !row.unitCode) return problems.push({ path, code: 'ROW_INVALID', message: `Row ${decision.row} has errors and cannot be imported` });
			if (!canAccessUnit(account, row.unitCode)) return problems.push({ path, code: 'UNIT_NOT_ALLOWED', message: `Row ${decision.row} belongs to another unit` });
			const parsed = productInput.safeParse({ ...row.product, category: decision.category ?? row.product.category });
			if (!parsed.success) return problems.push({ path, code: 'ROW_INVALID', message: `Row ${decision.row} is not a valid product` });
			if (decision.action === 'create') {
				if (row.match) return problems.push({ path, code: 'ALREADY_IN_LIBRARY', message: `Row ${decision.row} is already in the library (#${row.match.productId}); update or skip it` });
				creates.push(parsed.data);
			} else {
				if (!row.match) return problems.push({ path, code: 'NO_MATCH', message: `Row ${decision.row} is not in the library; create or skip it` });
				updates.push({ id: row.match.productId, version: row.match.version, values: parsed.data });
			}
		});
		if (problems.length) {
			throw new DomainError('INVALID_DECISIONS', problems[0].message, problems.map((p) => ({ path: p.path, code: p.code, message: p.message })));
		}
		const skipped = preview.rows.length - creates.length - updates.length;

		// Someone may have added the same product since the preview: never create a duplicate.
		// Only the units being added to (one for a city's import; none when nothing is created).
		const units = [...new Set(creates.map((p) => p.unitCode))];
		const taken = new Set(units.flatMap((unitCode) => this.products.list({ status: 'all', unitCode })).map((p) => matchKey(p.unitCode, p.shopName, p.name)));
		const dup = creates.find((p) => taken.has(matchKey(p.unitCode, p.shopName, p.name)));
		if (dup) throw importErrors.stale(`“${dup.name}” of ${dup.shopName} was added meanwhile`);

		let result: { created: number[]; updated: number[] };
		try {
			result = this.productImport.apply(creates, updates, this.clock());
		} catch (err) {
			if (err instanceof StaleProductError) throw importErrors.stale(`product #${err.productId} was edited`);
			throw err;
		}
		this.previews.delete(id, account.id, this.clock());
		return { ...result, skipped };
	}
}

