import { describe, expect, it } from 'vitest';
import { matchSalesProduct, parseCsv, parseSalesSheet } from '../../src/lib/core/sales';

const products = [
	{ id: 1, name: '恩施玉露' },
	{ id: 2, name: '秭归脐橙' },
	{ id: 3, name: '蔡林记热干面' },
	{ id: 4, name: '热干面' }
];

describe('CSV', () => {
	it('reads quoted fields, doubled quotes, CRLF, a BOM and the delimiter in use', () => {
		expect(parseCsv('\uFEFF商品名称,订单数\r\n"恩施玉露 ""礼盒""",12\r\n"a,b",3\n\n')).toEqual([
			['商品名称', '订单数'],
			['恩施玉露 "礼盒"', '12'],
			['a,b', '3']
		]);
		expect(parseCsv('a\tb\n1\t2')).toEqual([
			['a', 'b'],
			['1', '2']
		]);
		expect(parseCsv('"多行\n文本";5')).toEqual([['多行\n文本', '5']]);
	});
});

describe('sales figures from a platform export', () => {
	it('matches long platform titles to the show\'s products, preferring the longest name', () => {
		expect(matchSalesProduct('【青春为家乡代言】恩施玉露 100g 蒸青绿茶', products)).toEqual(products[0]);
		expect(matchSalesProduct('蔡林记热干面 5人份', products)).toEqual(products[2]);
		expect(matchSalesProduct('热干面', products)).toEqual(products[3]);
		expect(matchSalesProduct('孝感麻糖', products)).toBeNull();
		expect(matchSalesProduct('恩施玉露秭归脐橙组合', [products[0], products[1]])).toBe('ambiguous');
	});

	it('sums rows per product and reports rows it cannot place', () => {
		const grid = [
			['抖音小店 订单导出'],
			['商品名称', '订单数', '商品数量', '成交金额(元)'],
			['恩施玉露 100g', '3', '4', '¥356.00'],
			['恩施玉露 100g', 2, 2, 178],
			['秭归脐橙 5kg', '10', '12', '478.8'],
			['孝感麻糖', '1', '1', '26.8'],
			['秭归脐橙 5kg', 'x', '1', '1'],
			['合计', 16, 19, 1039.6]
		];
		const result = parseSalesSheet(grid, products);
		expect(result.rows).toEqual([
			{ productId: 1, name: '恩施玉露', orders: 5, units: 6, gmvFen: 53400, sourceRows: [3, 4] },
			{ productId: 2, name: '秭归脐橙', orders: 10, units: 12, gmvFen: 47880, sourceRows: [5] }
		]);
		expect(result.issues.map((i) => [i.row, i.column, i.code])).toEqual([
			[6, '商品名称', 'UNKNOWN_PRODUCT'],
			[7, '订单数', 'INVALID_NUMBER']
		]);
	});

	it('counts one order per row in an order-level export', () => {
		const grid = [
			['商品', '实付金额'],
			['恩施玉露', '89'],
			['恩施玉露', '89.00']
		];
		expect(parseSalesSheet(grid, products).rows).toEqual([{ productId: 1, name: '恩施玉露', orders: 2, units: 2, gmvFen: 17800, sourceRows: [2, 3] }]);
	});

	it('says so when there is no header it understands', () => {
		expect(parseSalesSheet([['a', 'b']], products).issues[0].code).toBe('NO_HEADER');
	});
});
