import { describe, expect, it } from 'vitest';
import { orderStatusClass, parseOrderExport, readOrderId, type OrderExport } from '../../../src/lib/core/figures/order-export';

const sh = (h: number, mi: number, s = 0) => Date.UTC(2026, 10, 20, h - 8, mi, s);
const t = (h: number, mi: number, s = 0) => `2026-11-20 ${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
const ok = (r: OrderExport) => {
	if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
	return r;
};

/** 抖店-style: one row per sub-order, the order's payable repeated on each row. */
const HEADER = ['主订单编号', '子订单编号', '选购商品', '商品ID', '商家编码', '商品数量', '商品单价', '订单应付金额', '订单提交时间', '支付完成时间', '订单状态', '售后状态', '退款金额'];

describe('order ids and statuses', () => {
	it('cleans the back office encodings of order numbers and flags numbers that lost digits', () => {
		expect(readOrderId('\t6920123456789012345')).toEqual({ id: '6920123456789012345', lost: false });
		expect(readOrderId("'6920123456789012345")).toEqual({ id: '6920123456789012345', lost: false });
		expect(readOrderId('="6920123456789012345"')).toEqual({ id: '6920123456789012345', lost: false });
		expect(readOrderId('6.92E+18')).toEqual({ id: '6.92E+18', lost: true });
		expect(readOrderId(6.920123456789012e18)).toMatchObject({ lost: true });
		expect(readOrderId(1234567890123456)).toMatchObject({ lost: true });
		expect(readOrderId(123456789)).toEqual({ id: '123456789', lost: false });
		expect(readOrderId('')).toBeNull();
	});

	it('knows every status wording', () => {
		const cases: [string, ReturnType<typeof orderStatusClass>][] = [
			['待支付', 'unpaid'], ['待付款', 'unpaid'], ['等待买家付款', 'unpaid'],
			['已支付', 'paid'], ['待发货', 'paid'], ['买家已付款，等待卖家发货', 'paid'],
			['已发货', 'shipped'], ['卖家已发货', 'shipped'], ['卖家已发货，等待买家确认', 'shipped'],
			['已完成', 'completed'], ['交易成功', 'completed'],
			['已关闭', 'closed'], ['交易关闭', 'closed'], ['已取消', 'closed'],
			['售后中', 'afterSale'], ['退款中', 'afterSale'],
			['退款成功', 'refunded'], ['已退款', 'refunded'], ['全额退款', 'refunded'],
			['部分退款', 'partialRefund'],
			['-', 'none'], ['', 'none'], ['售后关闭', 'none'],
			['神秘状态', null]
		];
		for (const [text, cls] of cases) expect([text, orderStatusClass(text)]).toEqual([text, cls]);
	});
});

describe('order exports', () => {
	it('groups sub-orders, takes a repeated order total once, and reads every outcome', () => {
		const grid = [
			['订单导出'],
			['导出时间：2026-11-21 10:00:00'],
			HEADER,
			// A: two items, paid, total repeated on both rows
			['\t1001', '\t1001-1', '宜红工夫茶', '\t3601', 'YH-01', 1, '¥128.00', '¥167.00', t(19, 30, 5), t(19, 30, 40), '已完成', '-', ''],
			['\t1001', '\t1001-2', '三峡苕酥', '\t3602', 'SX-02', 2, '¥19.50', '¥167.00', t(19, 30, 5), t(19, 30, 40), '已完成', '-', ''],
			// B: unpaid, empty payment time
			['\t1002', '\t1002-1', '宜红工夫茶', '\t3601', 'YH-01', 1, 128, 128, t(19, 31), '', '待支付', '-', ''],
			// C: paid then refunded in full
			['\t1003', '\t1003-1', '宜红工夫茶', '\t3601', 'YH-01', 1, 128, 128, t(19, 31), t(19, 31, 30), '已关闭', '退款成功', '128'],
			// D: partial refund of one of two items (per-row refund)
			['\t1004', '\t1004-1', '宜红工夫茶', '\t3601', 'YH-01', 1, 128, 167, t(19, 32), t(19, 32, 10), '已发货', '-', ''],
			['\t1004', '\t1004-2', '三峡苕酥', '\t3602', 'SX-02', 2, 19.5, 167, t(19, 32), t(19, 32, 10), '已发货', '部分退款', '19.5'],
			// E: cancelled before paying
			['\t1005', '\t1005-1', '三峡苕酥', '\t3602', 'SX-02', 1, 19.5, 19.5, t(19, 33), '', '已取消', '-', ''],
			// F: after-sale pending, paid at 19:32
			['\t1006', '\t1006-1', '三峡苕酥', '\t3602', 'SX-02', 1, 19.5, 19.5, t(19, 32), t(19, 32, 50), '待发货', '售后中', ''],
			// A's second row exported twice
			['\t1001', '\t1001-2', '三峡苕酥', '\t3602', 'SX-02', 2, '¥19.50', '¥167.00', t(19, 30, 5), t(19, 30, 40), '已完成', '-', '']
		];
		const r = ok(parseOrderExport(grid, { showDate: '2026-11-20' }));
		expect(r.headerRow).toBe(3);
		const byId = Object.fromEntries(r.orders.map((o) => [o.orderId, o]));
		expect(Object.keys(byId)).toEqual(['1001', '1002', '1003', '1004', '1005', '1006']);
		expect(byId['1001']).toMatchObject({ outcome: 'paid', paidFen: 16_700, netFen: 16_700, paidAt: sh(19, 30, 40) });
		expect(byId['1001'].items.map((i) => i.paidFen)).toEqual([12_800, 3900]);
		expect(byId['1002']).toMatchObject({ outcome: 'unpaid', paid: false, paidAt: null, netFen: 0 });
		expect(byId['1003']).toMatchObject({ outcome: 'refunded', paidFen: 12_800, refundFen: 12_800, netFen: 0 });
		expect(byId['1004']).toMatchObject({ outcome: 'partiallyRefunded', paidFen: 16_700, refundFen: 1950, netFen: 14_750 });
		expect(byId['1005']).toMatchObject({ outcome: 'cancelled', paid: false });
		expect(byId['1006']).toMatchObject({ outcome: 'afterSale', paid: true, netFen: 1950 });
		expect(r.summary).toEqual({ orders: 6, paid: 4, unpaid: 1, cancelled: 1, afterSale: 1, partiallyRefunded: 1, refunded: 1, precisionLostRows: 0, paidFen: 16_700 + 12_800 + 16_700 + 1950, refundFen: 12_800 + 1950, netFen: 16_700 + 14_750 + 1950 });
		expect(r.checkpoints).toEqual([
			{ at: sh(19, 30), figures: { gmvFen: 16_700, orders: 1 } },
			{ at: sh(19, 32), figures: { gmvFen: 16_700 + 14_750 + 1950, orders: 3 } }
		]);
		expect(r.products).toEqual([
			{ productId: '3601', skuCode: 'YH-01', title: '宜红工夫茶', orders: 2, units: 2, netFen: 12_800 + 12_800 },
			{ productId: '3602', skuCode: 'SX-02', title: '三峡苕酥', orders: 3, units: 5, netFen: 3900 + (3900 - 1950) + 1950 }
		]);
		expect(r.issues.map((i) => [i.code, i.row])).toEqual([['DUPLICATE_ROW', 12]]);
	});

	it('counts rows whose order number lost its digits one by one, and says so', () => {
		const grid = [
			['订单编号', '商品名称', '实付金额', '支付时间', '订单状态'],
			[6.92e18, '橙', '10', t(20, 0), '已支付'],
			['6.92E+18', '橙', '10', t(20, 0, 30), '已支付'],
			['6920000000000000001', '橙', '10', t(20, 1), '已支付']
		];
		const r = ok(parseOrderExport(grid, { showDate: null }));
		expect(r.orders.map((o) => [o.orderId, o.idPrecisionLost])).toEqual([['#2', true], ['#3', true], ['6920000000000000001', false]]);
		expect(r.summary.precisionLostRows).toBe(2);
		expect(r.issues.map((i) => [i.code, i.cell, i.severity])).toEqual([['ORDER_ID_PRECISION_LOST', 'A2', 'warning'], ['ORDER_ID_PRECISION_LOST', 'A3', 'warning']]);
		expect(r.issues[0].messageZh).toContain('科学计数法');
		expect(r.checkpoints.map((c) => c.figures)).toEqual([{ gmvFen: 2000, orders: 2 }, { gmvFen: 3000, orders: 3 }]);
	});

	it('reads a 淘宝-style one-row order report: 交易关闭 after payment is a full refund, per-order 退款金额 nets', () => {
		const grid = [
			['订单编号', '买家实际支付金额', '订单状态', '订单创建时间', '订单付款时间', '宝贝标题', '宝贝总数量', '退款金额'],
			["'2001", '¥99.00元', '交易成功', t(19, 0), t(19, 0, 9), '武昌鱼', 1, '0.00'],
			["'2002", '¥99.00元', '交易关闭', t(19, 1), t(19, 1, 9), '武昌鱼', 1, ''],
			["'2003", '¥198.00元', '卖家已发货，等待买家确认收货', t(19, 2), t(19, 2, 9), '武昌鱼', 2, '99'],
			["'2004", '¥99.00元', '交易关闭', t(19, 3), '', '武昌鱼', 1, ''],
			["'2005", '¥99.00元', '神秘状态', t(19, 4), t(19, 4, 9), '武昌鱼', 1, '']
		];
		const r = ok(parseOrderExport(grid, { showDate: null }));
		expect(r.orders.map((o) => [o.orderId, o.outcome, o.netFen])).toEqual([
			['2001', 'paid', 9900],
			['2002', 'refunded', 0],
			['2003', 'partiallyRefunded', 9900],
			['2004', 'cancelled', 0],
			['2005', 'unpaid', 0]
		]);
		// A wording we do not know is flagged and read as unpaid.
		expect(r.issues.map((i) => [i.code, i.cell])).toEqual([['UNKNOWN_STATUS', 'C6']]);
		expect(r.checkpoints.at(-1)).toEqual({ at: sh(19, 2), figures: { gmvFen: 19_800, orders: 2 } });
	});

	it('computes amounts from 单价 × 数量, flags a paid order without a payment time and a refund larger than paid', () => {
		const grid = [
			['订单号', '商品名称', '商品单价', '购买数量', '下单时间', '付款时间', '订单状态', '退款金额'],
			['3001', '香菇酱', '¥25', '3', t(21, 0), '', '已付款', ''],
			['3002', '香菇酱', '¥25', '1', t(21, 1), t(21, 1, 5), '已付款', '30'],
			['3003', '香菇酱', '¥25', 'x', t(21, 2), t(21, 2, 5), '已付款', '']
		];
		const r = ok(parseOrderExport(grid, { showDate: null }));
		expect(r.orders.map((o) => [o.orderId, o.outcome, o.paidFen, o.netFen, o.paidAt])).toEqual([
			['3001', 'paid', 7500, 7500, sh(21, 0)],
			['3002', 'refunded', 2500, 0, sh(21, 1, 5)],
			['3003', 'paid', 2500, 2500, sh(21, 2, 5)]
		]);
		expect(r.issues.map((i) => [i.code, i.row])).toEqual([
			['PAID_WITHOUT_TIME', 2],
			['REFUND_EXCEEDS_PAID', 3],
			['INVALID_QUANTITY', 4]
		]);
		expect(r.products).toEqual([{ productId: null, skuCode: null, title: '香菇酱', orders: 2, units: 4, netFen: 10_000 }]);
	});

	it('keeps to the show window when one is given', () => {
		const grid = [['订单号', '实付金额', '支付时间', '订单状态'], ['1', 10, t(18, 0), '已完成'], ['2', 20, t(19, 30), '已完成'], ['3', 40, t(23, 0), '已完成']];
		const r = ok(parseOrderExport(grid, { showDate: null, window: { from: sh(19, 0), to: sh(21, 0) } }));
		expect(r.checkpoints).toEqual([{ at: sh(19, 30), figures: { gmvFen: 2000, orders: 1 } }]);
		expect(r.summary.netFen).toBe(7000);
	});

	it('refuses a file without an order number and an amount', () => {
		const r = parseOrderExport([['时间', '在线人数'], ['19:30', 1]], { showDate: null });
		expect(r.ok).toBe(false);
		expect(r.issues[0].code).toBe('NO_HEADER');
	});
});
