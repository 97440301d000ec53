import { describe, expect, it } from 'vitest';
import { ACTIVITY_FORM, AMBASSADOR_FORM, PRODUCT_FORM, columnLetter, looksLikeFormula, normalizeHeader, productFieldOfHeader } from '../../src/lib/core/forms';

/** 附件3's header cells as the notice's document holds them, line breaks included. */
const NOTICE_PRODUCT_HEADERS = `在线

店铺名|平台|产品
名称|产地|规格|日常

零售价|历史

最低价|直播间

到手价|优惠方式
（例1：10元优惠券）
（例2：拍下立减）
（例3：直接改价）|卖点|库存|产品链接|是否参与聚划算等平台活动|联系人|联系电话`.split('|');

describe('the forms as data', () => {
	it('has every 附件3 header of the notice, in its order, and maps each to its field', () => {
		expect(PRODUCT_FORM.columns.map(normalizeHeader)).toEqual(NOTICE_PRODUCT_HEADERS.map(normalizeHeader));
		expect(NOTICE_PRODUCT_HEADERS.map(productFieldOfHeader)).toEqual([
			'shopName', 'shopPlatform', 'name', 'origin', 'spec', 'dailyPriceFen', 'lowestPriceFen', 'livePriceFen',
			'couponRule', 'sellingPoints', 'stock', 'productUrl', 'platformEvent', 'contactName', 'contactPhone'
		]);
	});

	it('writes 附件2 and 附件4 with the notice\'s words', () => {
		expect(ACTIVITY_FORM.columns).toEqual(['活动地点', '活动时间', '产品数量', '产品品类', '参与嘉宾', '活动执行方', '直播平台', '销售途径', '是否提取佣金']);
		expect(AMBASSADOR_FORM.columns).toEqual([
			'姓名', '性别', '推荐市州', '民族', '出生年月', '政治面貌', '单位职务', '联系方式', '个人新媒体平台', '新媒体平台粉丝数', '个人简介（300字以内）', '推荐理由', '推荐团委意见（盖章）'
		]);
	});

	it('recognises headers cities rename, with full-width spaces and brackets, and ignores others', () => {
		expect(productFieldOfHeader('商品名称')).toBe('name');
		expect(productFieldOfHeader(' 日常　零售价 ')).toBe('dailyPriceFen');
		expect(productFieldOfHeader('优惠方式(例1:10元优惠券)')).toBe('couponRule');
		expect(productFieldOfHeader('推荐单位')).toBe('unit');
		expect(productFieldOfHeader('品类')).toBe('category');
		expect(productFieldOfHeader('序号')).toBeNull();
		expect(productFieldOfHeader('')).toBeNull();
	});

	it('knows what spreadsheet software could take for a formula', () => {
		for (const text of ['=1+1', '+86', '-5', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")']) expect(looksLikeFormula(text)).toBe(true);
		for (const text of ['恩施玉露', '39.90元', ' =x', '']) expect(looksLikeFormula(text)).toBe(false);
	});

	it('names columns like a spreadsheet', () => {
		expect([0, 14, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'O', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
	});
});
