import { describe, expect, it } from 'vitest';
import { PRODUCT_FORM } from '../../src/lib/core/forms';
import {
	cellText,
	guessCategory,
	isPlausiblePhone,
	parseNominationSheet,
	parsePriceCell,
	parseShopUrl,
	parseStockCell,
	unitFromText,
	type ParseOptions,
	type SheetCell
} from '../../src/lib/core/nominations';
import { NOTICE_HEADERS } from '../fixtures/nominations';
import { makeProduct } from './factories';


const row = (over: Partial<Record<number, SheetCell>> = {}): SheetCell[] => {
	const base: SheetCell[] = ['宜红茶业旗舰店', '天猫', '宜红工夫茶', '湖北省宜昌市', '250g/罐', '¥128.00', '99元', '89.00元', '10元优惠券', '百年宜红', '800件', 'https://detail.tmall.com/item.htm?id=1', '否', '刘洋', '0717-6221234'];
	return base.map((v, i) => (i in over ? (over[i] ?? null) : v));
};

const options = (over: Partial<ParseOptions> = {}): ParseOptions => ({ defaultUnit: 'yichang', unitAllowed: () => true, library: [], ...over });

describe('reading a 附件3 sheet', () => {
	it('finds the header under a title, maps columns with line breaks, and parses prices written every way', () => {
		const grid: SheetCell[][] = [['附件3'], ['“小青优品”推荐产品申报表'], NOTICE_HEADERS, row(), row({ 2: '三峡苕酥', 5: 29.9, 6: 25, 7: '19.90', 10: 2000 }), [], ['推荐团委（盖章）：宜昌市'], Array(15).fill('说明：请以Excel文件…（合并单元格）')];
		const sheet = parseNominationSheet(grid, options())!;
		expect(sheet.headerRow).toBe(3);
		expect(sheet.missing).toEqual([]);
		expect(sheet.issues.filter((i) => i.severity === 'error')).toEqual([]);
		expect(sheet.rows.map((r) => r.row)).toEqual([4, 5]);
		const [tea, snack] = sheet.rows.map((r) => r.product!);
		expect(tea).toMatchObject({ unitCode: 'yichang', shopName: '宜红茶业旗舰店', name: '宜红工夫茶', dailyPriceFen: 12800, lowestPriceFen: 9900, livePriceFen: 8900, stock: 800, couponRule: '10元优惠券', category: 'tea', status: 'candidate' });
		expect(snack).toMatchObject({ name: '三峡苕酥', dailyPriceFen: 2990, lowestPriceFen: 2500, livePriceFen: 1990, stock: 2000, category: 'snacks' });
	});

	it('maps columns by header, not position', () => {
		const headers = [...PRODUCT_FORM.columns].reverse();
		const values = row().reverse();
		const sheet = parseNominationSheet([headers, values], options())!;
		expect(sheet.rows[0].product).toMatchObject({ name: '宜红工夫茶', shopName: '宜红茶业旗舰店', contactPhone: '0717-6221234' });
	});

	it('names each problem by row and column: missing column, negative price, 20-digit phone, 白酒', () => {
		const headers = NOTICE_HEADERS.filter((h) => !h.startsWith('历史'));
		const drop = (r: SheetCell[]) => r.filter((_, i) => i !== 6);
		const grid = [headers, drop(row()), drop(row({ 2: '五峰绿茶', 5: '-5' })), drop(row({ 2: '夷陵板栗', 14: '12345678901234567890' })), drop(row({ 2: '稻花香白酒' }))];
		const sheet = parseNominationSheet(grid, options())!;
		const errors = sheet.issues.filter((i) => i.severity === 'error' || i.code === 'MISSING_COLUMN').map((i) => [i.row, i.column, i.cell, i.code]);
		expect(errors).toEqual([
			[1, '历史最低价', null, 'MISSING_COLUMN'],
			[3, '日常零售价', 'F3', 'NEGATIVE_PRICE'],
			[4, '联系电话', 'N4', 'INVALID_PHONE'],
			[5, '产品名称', 'C5', 'TOBACCO_ALCOHOL']
		]);
		expect(sheet.rows.map((r) => r.valid)).toEqual([true, false, false, false]);
		const alcohol = sheet.issues.find((i) => i.code === 'TOBACCO_ALCOHOL')!;
		expect(alcohol.messageZh).toContain('稻花香白酒');
		expect(alcohol.message).toMatch(/alcohol/);
		// A missing optional column leaves the field empty; the row still imports.
		expect(sheet.rows[0].product!.lowestPriceFen).toBeNull();
	});

	it('refuses rows without the required cells and a file without a required column', () => {
		const sheet = parseNominationSheet([PRODUCT_FORM.columns, row({ 0: '', 7: '' })], options())!;
		expect(sheet.issues.map((i) => [i.cell, i.code])).toEqual([
			['A2', 'REQUIRED'],
			['H2', 'REQUIRED']
		]);
		const noLive = parseNominationSheet([PRODUCT_FORM.columns.filter((h) => h !== '直播间到手价'), row().filter((_, i) => i !== 7)], options())!;
		expect(noLive.issues[0]).toMatchObject({ code: 'MISSING_COLUMN', severity: 'error', column: '直播间到手价' });
		expect(noLive.rows[0].valid).toBe(false);
	});

	it('recognises a product already in the library and lists what an update changes', () => {
		const existing = makeProduct({ id: 7, version: 3, unitCode: 'yichang', shopName: '宜红茶业 旗舰店', name: '宜红工夫茶', dailyPriceFen: 13800, livePriceFen: 8900, category: 'tea' });
		const sheet = parseNominationSheet([PRODUCT_FORM.columns, row()], options({ library: [existing] }))!;
		const r = sheet.rows[0];
		expect(r.match).toMatchObject({ productId: 7, version: 3 });
		expect(r.match!.changes).toContainEqual({ field: 'dailyPriceFen', from: 13800, to: 12800 });
		expect(r.match!.changes.some((c) => c.field === 'livePriceFen')).toBe(false);
		// The library's category stands (附件3 has no category column).
		expect(r.categoryGuessed).toBe(false);
		// Another unit's product of the same name is another product.
		const other = parseNominationSheet([PRODUCT_FORM.columns, row()], options({ library: [{ ...existing, unitCode: 'wuhan' }] }))!;
		expect(other.rows[0].match).toBeNull();
	});

	it('refuses the same product twice in one file', () => {
		const sheet = parseNominationSheet([PRODUCT_FORM.columns, row(), row({ 5: '130元' })], options())!;
		expect(sheet.rows[1].issues.map((i) => [i.code, i.params])).toContainEqual(['DUPLICATE_ROW', { firstRow: 2 }]);
	});

	it('takes the unit from a 推荐单位 column and refuses units the account may not import', () => {
		const headers = ['推荐单位', ...PRODUCT_FORM.columns];
		const grid = [headers, ['宜昌市', ...row()], ['武汉', ...row({ 2: '热干面' })], ['火星', ...row({ 2: '苕酥' })]];
		const sheet = parseNominationSheet(grid, options({ defaultUnit: null, unitAllowed: (u) => u !== 'wuhan' }))!;
		expect(sheet.rows.map((r) => r.unitCode)).toEqual(['yichang', null, null]);
		expect(sheet.rows.map((r) => r.issues.find((i) => i.severity === 'error')?.code)).toEqual([undefined, 'UNIT_NOT_ALLOWED', 'UNKNOWN_UNIT']);
		const noUnit = parseNominationSheet([PRODUCT_FORM.columns, row()], options({ defaultUnit: null }))!;
		expect(noUnit.rows[0].issues[0].code).toBe('UNIT_REQUIRED');
	});

	it('answers null when no row looks like a 附件3 header', () => {
		expect(parseNominationSheet([['会议签到表'], ['姓名', '单位', '电话']], options())).toBeNull();
	});
});

describe('cells', () => {
	it('parses prices in yuan to fen, refusing negatives and garbage', () => {
		expect([39.9, '¥39.9', '39.90元', '￥1,299.00', 129.99, 39.900000000001, 0].map((c) => parsePriceCell(c))).toEqual(
			[3990, 3990, 3990, 129900, 12999, 3990, 0].map((fen) => ({ ok: true, fen }))
		);
		expect(parsePriceCell(-5)).toEqual({ ok: false, code: 'NEGATIVE_PRICE' });
		expect(parsePriceCell('-5元')).toEqual({ ok: false, code: 'NEGATIVE_PRICE' });
		expect(parsePriceCell('¥-5')).toEqual({ ok: false, code: 'NEGATIVE_PRICE' });
		expect(parsePriceCell('面议')).toEqual({ ok: false, code: 'INVALID_PRICE' });
		expect(parsePriceCell(39.999)).toEqual({ ok: false, code: 'INVALID_PRICE' });
	});

	it('reads stock with units and separators', () => {
		expect([1000, '1,000', '1000件', ' 20 箱'].map(parseStockCell)).toEqual([1000, 1000, 1000, 20]);
		expect(['充足', '-1', 1.5].map(parseStockCell)).toEqual([null, null, null]);
	});

	it('checks phone numbers by their digits', () => {
		for (const ok of ['13800000001', '138 0000 0001', '+86 138-0000-0001', '0717-2881234', '(027)87232534', '027-87232534', '8723253']) expect(isPlausiblePhone(ok)).toBe(true);
		for (const bad of ['12345678901234567890', '1380000000', '23800000001', 'abc', '110']) expect(isPlausiblePhone(bad)).toBe(false);
	});

	it('accepts http(s) shop links and completes a bare host', () => {
		expect(parseShopUrl('https://item.taobao.com/item.htm?id=1')).toEqual({ ok: true, url: 'https://item.taobao.com/item.htm?id=1', schemeAdded: false });
		expect(parseShopUrl('item.jd.com/100.html')).toEqual({ ok: true, url: 'https://item.jd.com/100.html', schemeAdded: true });
		for (const bad of ['javascript:alert(1)', 'ftp://x.com/a', '见店铺', 'https://a b.com']) expect(parseShopUrl(bad).ok).toBe(false);
	});

	it('writes numbers without exponents', () => {
		expect(cellText(13800000001)).toBe('13800000001');
		expect(cellText(12345678901234567890)).toMatch(/^\d{20}$/);
		expect(cellText(true)).toBe('是');
		expect(cellText('  a\r\nb ')).toBe('a\nb');
	});

	it('knows the units by the names cities use', () => {
		expect(['武汉', '武汉市', '恩施州', '恩施土家族苗族自治州', '宜昌市团委', 'wuhan', '神农架', '团省委', '共青团湖北省委'].map(unitFromText)).toEqual([
			'wuhan', 'wuhan', 'enshi', 'enshi', 'yichang', 'wuhan', 'shennongjia', 'hubei', 'hubei'
		]);
		expect(unitFromText('北京')).toBeNull();
	});

	it('guesses a category from the head noun of the name', () => {
		expect(
			['恩施玉露', '秭归脐橙', '蔡林记热干面', '随州香菇', '香菇酱', '神农架蜂蜜', '孝感麻糖', '稻花香白酒', '山茶油', '潜江小龙虾', '黄梅挑花布艺包', '咸宁桂花酸梅汤', '一品好物'].map((n) => guessCategory(n))
		).toEqual(['tea', 'fruit_veg', 'grain_oil', 'dried_goods', 'seasoning', 'tonic', 'snacks', 'alcohol', 'grain_oil', 'aquatic', 'handicraft', 'beverage', 'other']);
		expect(guessCategory('一品好物', '', '传统蒸青绿茶')).toBe('tea');
	});
});
