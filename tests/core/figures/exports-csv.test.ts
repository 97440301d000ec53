import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, parseCsv } from '../../../src/lib/core/figures/csv';

const rows = (text: string) => {
	const r = parseCsv(text);
	if (!r.ok) throw new Error(r.error.message);
	return r.rows;
};

describe('CSV', () => {
	it('reads RFC 4180 quoting, CRLF and LF, and drops the BOM', () => {
		expect(rows('\ufeff时间,成交金额\r\n19:30,"1,234.50"\r\n19:31,"say ""hi""\r\nnext line"\r\n')).toEqual([
			['时间', '成交金额'],
			['19:30', '1,234.50'],
			['19:31', 'say "hi"\r\nnext line']
		]);
		expect(rows('a,b\nc,d')).toEqual([['a', 'b'], ['c', 'd']]);
		expect(rows('a,,\n\n"",x\n')).toEqual([['a', '', ''], [''], ['', 'x']]);
		expect(rows('\t6920123456789012345,5" screen')).toEqual([['\t6920123456789012345', '5" screen']]);
		expect(rows('')).toEqual([]);
		expect(parseCsv('a\tb\n', undefined, '\t')).toEqual({ ok: true, rows: [['a', 'b']] });
	});

	it('answers a limit or an open quote with an error value', () => {
		const limits = { maxRows: 2, maxColumns: 3, maxCellLength: 5 };
		expect(parseCsv('a\nb\nc\n', limits)).toMatchObject({ ok: false, error: { code: 'CSV_TOO_MANY_ROWS', row: 3 } });
		expect(parseCsv('a\nb\n', limits)).toMatchObject({ ok: true });
		expect(parseCsv('a,b,c,d\n', limits)).toMatchObject({ ok: false, error: { code: 'CSV_TOO_MANY_COLUMNS', row: 1 } });
		expect(parseCsv('ok\n123456\n', limits)).toMatchObject({ ok: false, error: { code: 'CSV_CELL_TOO_LONG', row: 2 } });
		expect(parseCsv('"123456"', limits)).toMatchObject({ ok: false, error: { code: 'CSV_CELL_TOO_LONG', row: 1 } });
		const open = parseCsv('a\n"b,c\n');
		expect(open).toMatchObject({ ok: false, error: { code: 'CSV_UNTERMINATED_QUOTE', row: 2 } });
		if (!open.ok) expect(open.error.messageZh).toBe('第 2 行的引号没有闭合');
	});

	it('decodes UTF-8 (with or without BOM), GB18030 and UTF-16LE bytes', () => {
		const utf8 = new TextEncoder().encode('时间,在线人数');
		expect(decodeCsvBytes(utf8)).toEqual({ text: '时间,在线人数', encoding: 'utf-8' });
		expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ text: '时间,在线人数', encoding: 'utf-8' });
		// 时间,在线人数 in GBK/GB18030.
		const gbk = new Uint8Array([0xca, 0xb1, 0xbc, 0xe4, 0x2c, 0xd4, 0xda, 0xcf, 0xdf, 0xc8, 0xcb, 0xca, 0xfd]);
		expect(decodeCsvBytes(gbk)).toEqual({ text: '时间,在线人数', encoding: 'gb18030' });
		const utf16 = new Uint8Array([0xff, 0xfe, 0xf6, 0x65, 0xf4, 0x95]);
		expect(decodeCsvBytes(utf16)).toEqual({ text: '时间', encoding: 'utf-16le' });
	});
});
