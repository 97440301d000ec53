/**
 * Uploaded spreadsheets: what the file really is (xlsx, a password-protected xlsx, an old .xls,
 * something else) from its bytes, refused with a clear code before any parsing; then the workbook
 * read with exceljs and turned into a grid of plain cell values for the pure importers in core.
 * Writing helpers keep every text cell a text cell (no formula injection).
 */
import type ExcelJS from 'exceljs';
import { MAX_IMPORT_BYTES, type SheetCell } from '../../src/lib/core/nominations';
import { DomainError } from '../domain/errors';
import { readZipDirectory, UNPACK_LIMITS, type UnpackLimits, type ZipEntry } from './zip-guard';

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const CFB_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

export const fileErrors = {
	empty: () => new DomainError('EMPTY_FILE', 'The file is empty'),
	tooLarge: () => new DomainError('FILE_TOO_LARGE', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`),
	notXlsx: (detail = 'it is not an Excel workbook') => new DomainError('NOT_XLSX', `The file is not an .xlsx workbook: ${detail}`),
	legacyXls: () => new DomainError('NOT_XLSX', 'The file is an old Excel 97–2003 (.xls) workbook; open it in Excel and save it as .xlsx'),
	passwordProtected: () => new DomainError('PASSWORD_PROTECTED', 'The workbook is protected with a password; save a copy without the password and upload that')
};

// ---------------------------------------------------------------------------------------------
// What the bytes are

/**
 * Names of the entries in a Compound File Binary container (the OLE2 format of .xls files and of
 * password-protected OOXML, which wraps the encrypted package in one). Walks the directory chain
 * through the FAT; null when the container is malformed.
 */
export function cfbEntryNames(buf: Buffer): string[] | null {
	if (buf.length < 512 || !buf.subarray(0, 8).equals(CFB_MAGIC)) return null;
	const sectorShift = buf.readUInt16LE(0x1e);
	if (sectorShift !== 9 && sectorShift !== 12) return null;
	const sectorSize = 1 << sectorShift;
	const fatSectorCount = buf.readUInt32LE(0x2c);
	const firstDirSector = buf.readUInt32LE(0x30);
	const sectorAt = (n: number) => (n + 1) * sectorSize;

	// The FAT, from the sectors the header's DIFAT lists (the first 109 are enough below 5 MB).
	const fat: number[] = [];
	for (let i = 0; i < Math.min(fatSectorCount, 109); i++) {
		const fatSector = buf.readUInt32LE(0x4c + i * 4);
		const start = sectorAt(fatSector);
		if (start + sectorSize > buf.length) return null;
		for (let j = 0; j < sectorSize; j += 4) fat.push(buf.readUInt32LE(start + j));
	}

	const names: string[] = [];
	let sector = firstDirSector;
	for (let guard = 0; sector < 0xfffffffa && guard < 10_000; guard++) {
		const start = sectorAt(sector);
		if (start + sectorSize > buf.length) return null;
		for (let off = start; off < start + sectorSize; off += 128) {
			const nameLength = buf.readUInt16LE(off + 0x40);
			const type = buf.readUInt8(off + 0x42);
			if (type === 0 || nameLength < 2 || nameLength > 64) continue;
			names.push(buf.toString('utf16le', off, off + nameLength - 2));
		}
		sector = fat[sector] ?? 0xfffffffe;
	}
	return names;
}

/**
 * Refuses what is not a readable .xlsx, each case with its own code: empty, over 5 MB, a
 * password-protected workbook, an old .xls, another kind of file, a zip that is not a workbook,
 * a zip whose directory declares too much or something odd (see zip-guard). Answers the entries
 * for `scanZip`, which then checks the sizes declared are the truth.
 */
export function inspectXlsx(buf: Buffer, limits: UnpackLimits = UNPACK_LIMITS): ZipEntry[] {
	if (buf.length === 0) throw fileErrors.empty();
	if (buf.length > MAX_IMPORT_BYTES) throw fileErrors.tooLarge();
	if (buf.subarray(0, 8).equals(CFB_MAGIC)) {
		const names = cfbEntryNames(buf);
		if (names?.includes('EncryptedPackage') || names?.includes('EncryptionInfo')) throw fileErrors.passwordProtected();
		if (names?.some((n) => n === 'Workbook' || n === 'Book')) throw fileErrors.legacyXls();
		throw fileErrors.notXlsx('it is an Office 97–2003 document');
	}
	if (!buf.subarray(0, 4).equals(ZIP_MAGIC)) throw fileErrors.notXlsx();
	const entries = readZipDirectory(buf, limits);
	if (!entries.some((e) => e.name === 'xl/workbook.xml')) throw fileErrors.notXlsx('the archive holds no workbook');
	return entries;
}

/**
 * A new workbook. exceljs (with its dependencies, about 16 MB of a running server's memory) is
 * loaded on the first spreadsheet read or written, not at start: most runs never need it.
 */
export async function emptyWorkbook(): Promise<ExcelJS.Workbook> {
	const { default: exceljs } = await import('exceljs');
	return new exceljs.Workbook();
}

/**
 * Loads an .xlsx already inspected and scanned (see spreadsheet-reader, which does this in a
 * worker thread); a workbook exceljs cannot read is refused as NOT_XLSX.
 */
export async function loadXlsx(buf: Buffer): Promise<ExcelJS.Workbook> {
	const workbook = await emptyWorkbook();
	try {
		await workbook.xlsx.load(buf as unknown as ArrayBuffer);
	} catch {
		throw fileErrors.notXlsx('the workbook cannot be read');
	}
	return workbook;
}

// ---------------------------------------------------------------------------------------------
// Reading cells

/** A cell's value as plain data: rich text joined, links as their text, formulas as their cached result. */
export function plainCell(value: ExcelJS.CellValue): SheetCell {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
	if (value instanceof Date) {
		// exceljs gives the wall clock shown in Excel as the Date's UTC fields (read as Asia/Shanghai):
		// a date alone as 'YYYY-MM-DD', with a time as 'YYYY-MM-DD HH:mm:ss' (a platform export's
		// minutes), a time alone (Excel's day 0) as 'HH:mm:ss'. Rounded to the second first, as
		// Excel's fractions of a day land a millisecond short.
		const iso = new Date(Math.round(value.getTime() / 1000) * 1000).toISOString();
		const time = iso.slice(11, 19);
		if (value.getUTCFullYear() < 1900) return time;
		return time === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${time}`;
	}
	if ('richText' in value) return value.richText.map((r) => r.text).join('');
	if ('hyperlink' in value) {
		const text = (value as ExcelJS.CellHyperlinkValue).text as unknown;
		if (typeof text === 'string') return text;
		if (text && typeof text === 'object' && 'richText' in text) return (text as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
		return value.hyperlink;
	}
	if ('formula' in value || 'sharedFormula' in value) {
		const result = (value as ExcelJS.CellFormulaValue).result;
		if (result === undefined || result === null) return null;
		if (typeof result === 'object' && !(result instanceof Date)) return null; // an error value (#N/A)
		return plainCell(result as ExcelJS.CellValue);
	}
	if ('error' in value) return null;
	return null;
}

/**
 * A worksheet as a grid (row 0 = spreadsheet row 1; rows without values are empty arrays), merged
 * cells holding their master's value. Only rows that exist are visited, so a stray cell far below
 * costs nothing.
 */
export function sheetGrid(worksheet: ExcelJS.Worksheet): SheetCell[][] {
	const grid: SheetCell[][] = [];
	worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
		const cells: SheetCell[] = [];
		row.eachCell({ includeEmpty: false }, (cell, col) => {
			cells[col - 1] = plainCell(cell.value);
		});
		for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
		grid[rowNumber - 1] = cells;
	});
	for (let i = 0; i < grid.length; i++) if (grid[i] === undefined) grid[i] = [];
	return grid;
}

/** The worksheets that hold anything, in workbook order. */
export function filledSheets(workbook: ExcelJS.Workbook): ExcelJS.Worksheet[] {
	return workbook.worksheets.filter((ws) => ws.actualRowCount > 0 && ws.state !== 'veryHidden');
}

// ---------------------------------------------------------------------------------------------
// Writing cells

export const FONT_BODY = '宋体';
export const FONT_HEAD = '黑体';

export const THIN_BORDER: Partial<ExcelJS.Borders> = {
	top: { style: 'thin' },
	left: { style: 'thin' },
	bottom: { style: 'thin' },
	right: { style: 'thin' }
};

/**
 * Writes text as a text cell: a string value (never a formula object) with the Text number format,
 * so Excel and WPS show `=HYPERLINK(…)` as the characters typed and keep it text when edited.
 */
export function setText(cell: ExcelJS.Cell, text: string) {
	cell.value = text;
	// Every text cell, not only the risky ones: an edited cell stays text too.
	cell.numFmt = '@';
}

/** Display width of a text in Excel's character units (CJK counts double), longest line. */
export function textWidth(text: string): number {
	return Math.max(
		0,
		...text.split('\n').map((line) => [...line].reduce((w, ch) => w + (/[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1), 0))
	);
}

/** Column widths that fit the header and the content, within [min, max]. */
export function fitWidths(worksheet: ExcelJS.Worksheet, fromRow: number, columns: number, min = 8, max = 48) {
	for (let c = 1; c <= columns; c++) {
		let width = min;
		worksheet.getColumn(c).eachCell({ includeEmpty: false }, (cell, rowNumber) => {
			if (rowNumber < fromRow) return;
			const value = cell.value;
			const text = typeof value === 'number' ? value.toFixed(2) : typeof value === 'string' ? value : value && typeof value === 'object' && 'text' in value ? String(value.text) : '';
			width = Math.max(width, textWidth(text) + 2);
		});
		worksheet.getColumn(c).width = Math.min(max, width);
	}
}
