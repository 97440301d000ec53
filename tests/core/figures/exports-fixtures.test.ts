import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, parseCsv } from '../../../src/lib/core/figures/csv';
import { parseLiveDataExport } from '../../../src/lib/core/figures/exports';
import { parseOrderExport } from '../../../src/lib/core/figures/order-export';
import { doudianOrders, douyinMinutes, kuaishouMinutes } from '../../fixtures/platform-exports/build';

const dir = new URL('../../fixtures/platform-exports/', import.meta.url);
const FILES = {
	douyin: '抖音-直播间分钟级数据-20261120.csv',
	kuaishou: '快手-直播数据明细-20261120-GB18030.csv',
	doudian: '抖店-订单导出-20261120.csv'
};
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));
const grid = (name: string) => {
	const { text, encoding } = decodeCsvBytes(read(name));
	const parsed = parseCsv(text);
	if (!parsed.ok) throw new Error(parsed.error.message);
	return { rows: parsed.rows, encoding };
};
const sh = (d: number, h: number, mi: number) => Date.UTC(2026, 10, d, h - 8, mi);

describe('the platform-export fixtures', () => {
	it('are the files build.ts writes', () => {
		expect(read(FILES.douyin)).toEqual(new Uint8Array(douyinMinutes().bytes));
		expect(read(FILES.kuaishou)).toEqual(new Uint8Array(kuaishouMinutes().bytes));
		expect(read(FILES.doudian)).toEqual(new Uint8Array(doudianOrders().bytes));
	});

	it('抖音 minute data (UTF-8 with BOM, title lines, per-minute columns): two hours of checkpoints with the right totals', () => {
		const { rows, encoding } = grid(FILES.douyin);
		expect(encoding).toBe('utf-8');
		const r = parseLiveDataExport(rows, { showDate: '2026-11-20' });
		if (!r.ok) throw new Error('not read');
		expect(r.headerRow).toBe(6);
		expect(r.columns.map((c) => `${c.metric} ← ${c.header} (${c.reading})`)).toEqual([
			'viewers ← 实时在线人数 (level)',
			'totalViews ← 进入直播间人数 (perMinute)',
			'gmvFen ← 成交金额(元) (perMinute)',
			'orders ← 成交订单数 (perMinute)',
			'newFollowers ← 新增粉丝数 (perMinute)',
			'likes ← 点赞次数 (perMinute)'
		]);
		expect(r.ignored.map((c) => c.header)).toEqual(['离开直播间人数', '评论次数']);
		expect(r.checkpoints).toHaveLength(120);
		// Hand-checked against the file's first data line: 2026-11-20 19:30,86,73,67,263.01,3,1,639,28
		expect(r.checkpoints[0]).toEqual({ at: sh(20, 19, 30), figures: { viewers: 86, totalViews: 73, gmvFen: 26_301, orders: 3, newFollowers: 1, likes: 639 } });
		// The last checkpoint's cumulative figures are the file's own 合计 line (which is skipped, not read as a minute).
		expect(r.checkpoints[119]).toEqual({ at: sh(20, 21, 29), figures: { viewers: 763, totalViews: 6107, gmvFen: 2_172_304, orders: 291, newFollowers: 417, likes: 70_543 } });
		expect(r.issues.filter((i) => i.severity !== 'info')).toEqual([]);
	});

	it('快手 minute data (GB18030, times of day across midnight, 累计 and 万): cumulative taken as is', () => {
		const { rows, encoding } = grid(FILES.kuaishou);
		expect(encoding).toBe('gb18030');
		expect(rows[0][0]).toBe('快手小店 直播数据明细（按分钟）');
		const r = parseLiveDataExport(rows, { showDate: '2026-11-20' });
		if (!r.ok) throw new Error('not read');
		expect(r.columns.map((c) => [c.metric, c.reading])).toEqual([
			['viewers', 'level'],
			['totalViews', 'cumulative'],
			['gmvFen', 'cumulative'],
			['orders', 'cumulative'],
			['newFollowers', 'perMinute'],
			['likes', 'perMinute']
		]);
		expect(r.checkpoints).toHaveLength(120);
		expect(r.checkpoints[0].at).toBe(sh(20, 23, 0));
		expect(r.checkpoints[60].at).toBe(sh(21, 0, 0));
		expect(r.checkpoints[119].at).toBe(sh(21, 0, 59));
		// 21270 views are written 2.12万 (two decimals, cut): 21200.
		expect(r.checkpoints[119].figures).toEqual({ viewers: 299, totalViews: 21_200, gmvFen: 1_093_501, orders: 186, newFollowers: 231, likes: 58_162 });
		expect(r.issues.filter((i) => i.severity !== 'info')).toEqual([]);
	});

	it('抖店 order export (60 orders, several rows each, every status, two rows with lost order numbers): hand-checked totals', () => {
		const { rows } = grid(FILES.doudian);
		const r = parseOrderExport(rows, { showDate: '2026-11-20' });
		if (!r.ok) throw new Error('not read');
		expect(r.summary).toMatchObject({ orders: 60, paid: 51, unpaid: 5, cancelled: 4, refunded: 4, partiallyRefunded: 4, afterSale: 3, precisionLostRows: 2 });
		expect(r.issues.map((i) => i.code)).toEqual(['ORDER_ID_PRECISION_LOST', 'ORDER_ID_PRECISION_LOST']);
		const last = r.checkpoints.at(-1)!;
		expect(last.figures).toEqual({ gmvFen: 1_163_028, orders: 47 });
		expect(r.checkpoints.every((c, i) => i === 0 || (c.at > r.checkpoints[i - 1].at && c.figures.gmvFen! >= r.checkpoints[i - 1].figures.gmvFen!))).toBe(true);
		expect(r.products.map((p) => [p.productId, p.orders, p.units, p.netFen])).toEqual([
			['3612345678901234501', 28, 55, 701_492],
			['3612345678901234503', 17, 30, 178_368],
			['3612345678901234505', 9, 13, 112_837],
			['3612345678901234504', 18, 35, 103_212],
			['3612345678901234502', 22, 35, 67_119]
		]);
		expect(r.products.reduce((s, p) => s + p.netFen, 0)).toBe(1_163_028);
		// Hand-checked: the first order (3 items, ¥5 coupon): 3×128.00 + 3×59.90 + 1×88.00 − 5.00 = 646.70.
		const first = r.orders[0];
		expect([first.orderId, first.items.length, first.paidFen, first.netFen, first.outcome]).toEqual(['6920123456789010001', 3, 64_670, 64_670, 'paid']);
		// The coupon is shared by item amounts (384.00 : 179.70 : 88.00 of 651.70): 381.05386…, 178.32129…, 87.32484…; the leftover fen to the largest fraction.
		expect(first.items.map((i) => i.paidFen)).toEqual([38_105, 17_832, 8733]);
	});
});
