import { describe, expect, it } from 'vitest';
import { MAX_EXPORT_ROWS, parseExportFen, parseExportCount, parseExportTime, placeTimesOfDay } from '../../../src/lib/core/figures/export-cells';
import { parseLiveDataExport, type LiveDataExport } from '../../../src/lib/core/figures/exports';

/** Epoch ms of a Shanghai wall-clock time. */
const sh = (y: number, mo: number, d: number, h: number, mi: number, s = 0) => Date.UTC(y, mo - 1, d, h - 8, mi, s);
const ok = (r: LiveDataExport) => {
	if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
	return r;
};

describe('time cells', () => {
	it('reads strings, Excel serials and exceljs dates as Asia/Shanghai wall clock', () => {
		const at = sh(2026, 11, 20, 19, 31);
		expect(parseExportTime('2026-11-20 19:31')).toEqual({ kind: 'instant', at });
		expect(parseExportTime('2026/11/20 19:31:00')).toEqual({ kind: 'instant', at });
		expect(parseExportTime('2026年11月20日 19:31')).toEqual({ kind: 'instant', at });
		expect(parseExportTime('11-20 19:31', '2026-11-20')).toEqual({ kind: 'instant', at });
		expect(parseExportTime('19:31')).toEqual({ kind: 'timeOfDay', ms: (19 * 60 + 31) * 60_000 });
		expect(parseExportTime('19:31-19:32')).toEqual({ kind: 'timeOfDay', ms: (19 * 60 + 31) * 60_000 });
		// 2026-11-20 is Excel day 46346; 19:31 is 1171/1440 of a day.
		expect(parseExportTime(46346 + 1171 / 1440)).toEqual({ kind: 'instant', at });
		expect(parseExportTime(1171 / 1440)).toEqual({ kind: 'timeOfDay', ms: 1171 * 60_000 });
		// exceljs hands 19:31 in the sheet over as 19:31Z: the UTC fields are the wall clock.
		expect(parseExportTime(new Date(Date.UTC(2026, 10, 20, 19, 31)))).toEqual({ kind: 'instant', at });
		expect(parseExportTime(new Date(Date.UTC(1899, 11, 30, 19, 31)))).toEqual({ kind: 'timeOfDay', ms: 1171 * 60_000 });
		expect(parseExportTime({ formula: 'A1+1/1440', result: new Date(Date.UTC(2026, 10, 20, 19, 31)) })).toEqual({ kind: 'instant', at });
		expect(parseExportTime(String(at / 1000))).toEqual({ kind: 'instant', at });
		expect(parseExportTime('2026-02-30 19:31')).toBeNull();
		expect(parseExportTime('25:00')).toBeNull();
		expect(parseExportTime(12)).toBeNull(); // a minute index, not a 1900 date
		expect(parseExportTime('12月31日 23:59', '2026-12-31')).toEqual({ kind: 'instant', at: sh(2026, 12, 31, 23, 59) });
		expect(parseExportTime('01-01 00:01', '2026-12-31')).toEqual({ kind: 'instant', at: sh(2027, 1, 1, 0, 1) });
	});

	it('places times of day across midnight, in either file order', () => {
		const midnight = sh(2026, 11, 20, 0, 0);
		const m = (h: number, mi: number) => (h * 60 + mi) * 60_000;
		expect(placeTimesOfDay([m(23, 58), m(23, 59), m(0, 0), m(0, 1)], midnight)).toEqual([sh(2026, 11, 20, 23, 58), sh(2026, 11, 20, 23, 59), sh(2026, 11, 21, 0, 0), sh(2026, 11, 21, 0, 1)]);
		expect(placeTimesOfDay([m(0, 1), m(0, 0), m(23, 59)], midnight)).toEqual([sh(2026, 11, 21, 0, 1), sh(2026, 11, 21, 0, 0), sh(2026, 11, 20, 23, 59)]);
		expect(placeTimesOfDay([m(0, 10), m(0, 11)], midnight)).toEqual([sh(2026, 11, 20, 0, 10), sh(2026, 11, 20, 0, 11)]);
	});
});

describe('numbers and money', () => {
	it('reads money written every way into fen, and counts with 万', () => {
		expect(parseExportFen('¥1,234.50')).toBe(123_450);
		expect(parseExportFen('1234.5')).toBe(123_450);
		expect(parseExportFen('1.2万')).toBe(1_200_000);
		expect(parseExportFen('1.2万元')).toBe(1_200_000);
		expect(parseExportFen('￥８８.８元')).toBe(8880);
		expect(parseExportFen(19.99)).toBe(1999);
		expect(parseExportFen('12', true)).toBe(12_000_000);
		expect(parseExportFen('-5')).toBeNull();
		expect(parseExportFen('-5', false, true)).toBe(-500);
		expect(parseExportFen('abc')).toBeNull();
		expect(parseExportFen('12%')).toBeNull();
		expect(parseExportCount('1.2万')).toBe(12_000);
		expect(parseExportCount('1,024')).toBe(1024);
		expect(parseExportCount('1.5w')).toBe(15_000);
		expect(parseExportCount(12.5)).toBeNull();
		expect(parseExportCount('-3')).toBeNull();
	});
});

const T = (h: number, mi: number) => `2026-11-20 ${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`;

describe('minute-level live data', () => {
	it('finds the header under title and notes lines by synonyms, and says which column gives which figure', () => {
		const grid = [
			['直播间分钟级数据'],
			['直播间：宜昌好物直播间', null, '导出时间：2026-11-21 09:00'],
			['说明：数据有 5 分钟延迟'],
			[],
			[' 时间 ', '实时在线人数', '进入直播间人数', '成交金额（元）', '成交订单数', '新增粉丝数', '点赞次数', '评论次数'],
			[T(19, 30), 120, 30, '¥0.00', 0, 2, 50, 3],
			[T(19, 31), '1,024', 40, '¥1,234.50', 3, 1, 70, 2],
			[T(19, 32), '1.2万', 50, '88.8', 1, '-', 20, 1]
		];
		const r = ok(parseLiveDataExport(grid, { showDate: '2026-11-20' }));
		expect(r.headerRow).toBe(5);
		expect(r.timeColumn.header).toBe('时间');
		expect(r.columns.map((c) => [c.metric, c.header, c.reading])).toEqual([
			['viewers', '实时在线人数', 'level'],
			['totalViews', '进入直播间人数', 'perMinute'],
			['gmvFen', '成交金额（元）', 'perMinute'],
			['orders', '成交订单数', 'perMinute'],
			['newFollowers', '新增粉丝数', 'perMinute'],
			['likes', '点赞次数', 'perMinute']
		]);
		expect(r.ignored.map((c) => c.header)).toEqual(['评论次数']);
		expect(r.checkpoints).toEqual([
			{ at: sh(2026, 11, 20, 19, 30), figures: { viewers: 120, totalViews: 30, gmvFen: 0, orders: 0, newFollowers: 2, likes: 50 } },
			{ at: sh(2026, 11, 20, 19, 31), figures: { viewers: 1024, totalViews: 70, gmvFen: 123_450, orders: 3, newFollowers: 3, likes: 120 } },
			{ at: sh(2026, 11, 20, 19, 32), figures: { viewers: 12_000, totalViews: 120, gmvFen: 132_330, orders: 4, likes: 140 } }
		]);
		// Accumulation is said, per column.
		expect(r.issues.filter((i) => i.code === 'PER_MINUTE_ACCUMULATED').map((i) => i.column)).toEqual(['进入直播间人数', '成交金额（元）', '成交订单数', '新增粉丝数', '点赞次数']);
		expect(r.issues.every((i) => i.severity === 'info')).toBe(true);
	});

	it('takes 累计 columns as they are, prefers them over per-minute ones, and flags a drop', () => {
		const grid = [
			['时间点', '在线人数', '进入人数', '累计观看人次', '累计成交金额(万元)', 'GMV'],
			['19:30', 10, 5, 100, '0.01', 1],
			['19:31', 11, 6, 150, 0.02, 2],
			['19:32', 12, 7, 140, 0.03, 3]
		];
		const r = ok(parseLiveDataExport(grid, { showDate: '2026-11-20' }));
		expect(r.columns.map((c) => [c.metric, c.header, c.reading, c.wan])).toEqual([
			['viewers', '在线人数', 'level', false],
			['totalViews', '累计观看人次', 'cumulative', false],
			['gmvFen', '累计成交金额(万元)', 'cumulative', true]
		]);
		expect(r.ignored.map((c) => c.header)).toEqual(['进入人数', 'GMV']);
		expect(r.checkpoints.map((c) => c.figures.gmvFen)).toEqual([10_000, 20_000, 30_000]);
		expect(r.checkpoints.map((c) => c.figures.totalViews)).toEqual([100, 150, 140]);
		expect(r.issues.map((i) => [i.code, i.cell])).toEqual([['CUMULATIVE_DECREASED', 'D4']]);
	});

	it('lets the caller read an unlabelled cumulative column as cumulative', () => {
		const grid = [['时间', '成交金额'], ['19:30', 10], ['19:31', 25]];
		expect(ok(parseLiveDataExport(grid, { showDate: '2026-11-20' })).checkpoints.map((c) => c.figures.gmvFen)).toEqual([1000, 3500]);
		expect(ok(parseLiveDataExport(grid, { showDate: '2026-11-20', readings: { gmvFen: 'cumulative' } })).checkpoints.map((c) => c.figures.gmvFen)).toEqual([1000, 2500]);
	});

	it('crosses midnight, sorts a newest-first file before adding up, and skips duplicates and totals', () => {
		const grid = [
			['分钟', '在线人数', '成交订单数'],
			['合计', '', 9],
			['00:01', 30, 4],
			['00:00', 20, 3],
			['00:00', 99, 99],
			['23:59', 10, 2]
		];
		const r = ok(parseLiveDataExport(grid, { showDate: '2026-11-20' }));
		expect(r.checkpoints).toEqual([
			{ at: sh(2026, 11, 20, 23, 59), figures: { viewers: 10, orders: 2 } },
			{ at: sh(2026, 11, 21, 0, 0), figures: { viewers: 20, orders: 5 } },
			{ at: sh(2026, 11, 21, 0, 1), figures: { viewers: 30, orders: 9 } }
		]);
		expect(r.issues.filter((i) => i.code === 'DUPLICATE_TIME').map((i) => [i.row, i.params?.firstRow])).toEqual([[5, 4]]);
	});

	it('reads exceljs dates and Excel serials, and a separate 日期 column', () => {
		const grid = [
			['日期', '时间', '在线人数'],
			['2026-11-21', '00:05', 1],
			[null, new Date(Date.UTC(2026, 10, 20, 19, 31)), 2],
			[null, 46346 + 1172 / 1440, 3]
		];
		const r = ok(parseLiveDataExport(grid, { showDate: null }));
		expect(r.dateColumn?.header).toBe('日期');
		expect(r.checkpoints.map((c) => [c.at, c.figures.viewers])).toEqual([
			[sh(2026, 11, 20, 19, 31), 2],
			[sh(2026, 11, 20, 19, 32), 3],
			[sh(2026, 11, 21, 0, 5), 1]
		]);
	});

	it('carries a 日期 written once down to the times below it (rolling over at midnight), and takes a lone 日期 column holding date and time', () => {
		const carried = ok(parseLiveDataExport([['日期', '时间', '在线人数'], ['2026-11-20', '23:59', 1], ['', '00:00', 2], ['2026-11-21', '00:01', 3]], { showDate: null }));
		expect(carried.checkpoints.map((c) => c.at)).toEqual([sh(2026, 11, 20, 23, 59), sh(2026, 11, 21, 0, 0), sh(2026, 11, 21, 0, 1)]);
		const lone = ok(parseLiveDataExport([['日期', '在线人数'], ['2026-11-20 19:30', 5]], { showDate: null }));
		expect([lone.timeColumn.header, lone.dateColumn, lone.checkpoints]).toEqual(['日期', null, [{ at: sh(2026, 11, 20, 19, 30), figures: { viewers: 5 } }]]);
	});

	it('names bad cells by row and column and keeps the rest of the row', () => {
		const grid = [['时间', '在线人数', '成交金额'], ['19:30', 'abc', '¥1.00'], ['半夜', 5, 1], ['19:31', 12.5, '一百'], ['19:32', 7, 2]];
		const r = ok(parseLiveDataExport(grid, { showDate: '2026-11-20' }));
		expect(r.issues.filter((i) => i.severity !== 'info').map((i) => [i.code, i.cell, i.severity])).toEqual([
			['INVALID_NUMBER', 'B2', 'warning'],
			['INVALID_TIME', 'A3', 'error'],
			['INVALID_NUMBER', 'B4', 'warning'],
			['INVALID_AMOUNT', 'C4', 'warning']
		]);
		expect(r.issues.find((i) => i.code === 'INVALID_NUMBER')?.messageZh).toBe('「abc」不是有效的数量');
		expect(r.checkpoints.map((c) => c.figures)).toEqual([{ gmvFen: 100 }, { viewers: 7, gmvFen: 300 }]);
		const noDate = ok(parseLiveDataExport(grid.slice(0, 2), { showDate: null }));
		expect(noDate.issues.map((i) => i.code)).toEqual(['PER_MINUTE_ACCUMULATED', 'TIME_NEEDS_DATE']);
	});

	it('refuses a file without a header it can read', () => {
		const r = parseLiveDataExport([['订单号', '金额'], ['1', '2']], { showDate: '2026-11-20' });
		expect(r.ok).toBe(false);
		expect(r.issues.map((i) => i.code)).toEqual(['NO_HEADER']);
		const timeOnly = parseLiveDataExport([['时间', '备注'], ['19:30', 'x']], { showDate: '2026-11-20' });
		expect(timeOnly.ok).toBe(false);
	});

	it('refuses a file longer than the row limit instead of reading it', () => {
		const grid: unknown[][] = [['时间', '在线人数'], ...Array.from({ length: MAX_EXPORT_ROWS + 1 }, () => ['19:30', 1])];
		const r = parseLiveDataExport(grid, { showDate: '2026-11-20' });
		expect(r).toMatchObject({ ok: false, issues: [{ code: 'TOO_MANY_ROWS', severity: 'error' }] });
		expect(parseLiveDataExport(grid.slice(0, -1), { showDate: '2026-11-20' }).ok).toBe(true);
	});
});

describe('cells as exceljs reads them', () => {
	it('reads a real workbook: date-formatted serials come back as Dates whose UTC fields are the wall clock', async () => {
		const { default: ExcelJS } = await import('exceljs');
		const written = new ExcelJS.Workbook();
		const ws = written.addWorksheet('分钟数据');
		ws.addRow(['直播间数据']);
		ws.addRow([{ richText: [{ text: '时间' }] }, { richText: [{ text: '实时' }, { text: '在线人数', font: { bold: true } }] }, '成交金额（元）']);
		ws.addRow([46346 + 1171 / 1440, 100, { formula: '1+1', result: 2 }]);
		ws.addRow([46346 + 1172 / 1440, { formula: 'B3+1', result: 101 }, { formula: 'NA()', result: { error: '#N/A' } }]);
		ws.getColumn(1).numFmt = 'yyyy-mm-dd hh:mm';
		const read = new ExcelJS.Workbook();
		await read.xlsx.load(await written.xlsx.writeBuffer());
		const grid: unknown[][] = [];
		read.worksheets[0].eachRow({ includeEmpty: true }, (row) => grid.push((row.values as unknown[]).slice(1)));
		expect(grid[2][0]).toBeInstanceOf(Date);
		expect((grid[2][0] as Date).toISOString()).toBe('2026-11-20T19:31:00.000Z');
		const r = ok(parseLiveDataExport(grid, { showDate: null }));
		expect(r.columns.map((c) => c.header)).toEqual(['实时在线人数', '成交金额（元）']);
		expect(r.checkpoints).toEqual([
			{ at: Date.UTC(2026, 10, 20, 11, 31), figures: { viewers: 100, gmvFen: 200 } },
			{ at: Date.UTC(2026, 10, 20, 11, 32), figures: { viewers: 101 } }
		]);
	});
});
