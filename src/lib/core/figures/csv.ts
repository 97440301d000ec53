/**
 * CSV as the platforms' back offices save it: RFC 4180 quoting, CRLF or LF line ends, a UTF-8 BOM,
 * and — for many Chinese back offices and for Excel on a Chinese Windows — GB18030/GBK bytes. Pure:
 * bytes or text in, rows of strings out; limits answer with an error value instead of throwing.
 */

export interface CsvLimits {
	/** Most records (lines, header and title lines included). */
	maxRows: number;
	/** Most fields in one record. */
	maxColumns: number;
	/** Most characters in one field. */
	maxCellLength: number;
}

export const DEFAULT_CSV_LIMITS: CsvLimits = { maxRows: 100_000, maxColumns: 300, maxCellLength: 10_000 };

export type CsvErrorCode = 'CSV_TOO_MANY_ROWS' | 'CSV_TOO_MANY_COLUMNS' | 'CSV_CELL_TOO_LONG' | 'CSV_UNTERMINATED_QUOTE';

export interface CsvError {
	code: CsvErrorCode;
	/** 1-based record number where the limit was passed (a quoted line break does not start a record). */
	row: number;
	/** English. */
	message: string;
	/** 简体中文. */
	messageZh: string;
}

export type CsvResult = { ok: true; rows: string[][] } | { ok: false; error: CsvError };

function csvError(code: CsvErrorCode, row: number, limits: CsvLimits): CsvResult {
	const [messageZh, message] = {
		CSV_TOO_MANY_ROWS: [`文件超过 ${limits.maxRows} 行`, `The file has more than ${limits.maxRows} rows`],
		CSV_TOO_MANY_COLUMNS: [`第 ${row} 行超过 ${limits.maxColumns} 列`, `Row ${row} has more than ${limits.maxColumns} columns`],
		CSV_CELL_TOO_LONG: [`第 ${row} 行有单元格超过 ${limits.maxCellLength} 个字符`, `Row ${row} has a cell longer than ${limits.maxCellLength} characters`],
		CSV_UNTERMINATED_QUOTE: [`第 ${row} 行的引号没有闭合`, `A quote opened on row ${row} is never closed`]
	}[code];
	return { ok: false, error: { code, row, message, messageZh } };
}

/**
 * Splits CSV text into records of fields. Quoted fields may hold commas, `""` and line breaks;
 * a quote inside an unquoted field is kept as written, and text after a closing quote is appended
 * (lenient, as spreadsheet programs are). A leading BOM is dropped; a final line break does not
 * make an empty record; empty lines are kept as `['']` so row numbers match the file's lines.
 */
export function parseCsv(text: string, limits: CsvLimits = DEFAULT_CSV_LIMITS, delimiter = ','): CsvResult {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	let quoteRow = 0;
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	const n = text.length;
	const endField = (): CsvResult | null => {
		if (field.length > limits.maxCellLength) return csvError('CSV_CELL_TOO_LONG', rows.length + 1, limits);
		row.push(field);
		field = '';
		if (row.length > limits.maxColumns) return csvError('CSV_TOO_MANY_COLUMNS', rows.length + 1, limits);
		return null;
	};
	const endRow = (): CsvResult | null => {
		const failed = endField();
		if (failed) return failed;
		rows.push(row);
		row = [];
		return rows.length > limits.maxRows ? csvError('CSV_TOO_MANY_ROWS', rows.length, limits) : null;
	};
	while (i < n) {
		const c = text[i];
		if (quoted) {
			if (c === '"') {
				if (text[i + 1] === '"') {
					field += '"';
					i += 2;
				} else {
					quoted = false;
					i++;
				}
			} else {
				field += c;
				i++;
			}
			if (field.length > limits.maxCellLength) return csvError('CSV_CELL_TOO_LONG', rows.length + 1, limits);
			continue;
		}
		if (c === '"' && field === '') {
			quoted = true;
			quoteRow = rows.length + 1;
			i++;
		} else if (c === delimiter) {
			const failed = endField();
			if (failed) return failed;
			i++;
		} else if (c === '\r' || c === '\n') {
			const failed = endRow();
			if (failed) return failed;
			i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
		} else {
			field += c;
			i++;
			if (field.length > limits.maxCellLength) return csvError('CSV_CELL_TOO_LONG', rows.length + 1, limits);
		}
	}
	if (quoted) return csvError('CSV_UNTERMINATED_QUOTE', quoteRow, limits);
	// The last record, unless the text ended with a line break.
	if (field !== '' || row.length > 0) {
		const failed = endRow();
		if (failed) return failed;
	}
	return { ok: true, rows };
}

export type CsvEncoding = 'utf-8' | 'gb18030' | 'utf-16le';

/**
 * The text of a CSV file: UTF-8 when the bytes are valid UTF-8 (BOM or not), UTF-16LE after its BOM
 * (Excel's "Unicode text"), otherwise GB18030 — the superset of GBK and GB2312 that Chinese back
 * offices and Excel on Chinese Windows save. The BOM is not part of the text.
 */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
	if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes), encoding: 'utf-16le' };
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'gb18030' };
	}
}
