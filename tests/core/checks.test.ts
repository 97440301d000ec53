import { describe, expect, it } from 'vitest';
import {
	canReport,
	checkProduct,
	checkShow,
	FINDING_CODES,
	FINDING_SEVERITY,
	tobaccoAlcoholWord,
	type CheckShowInput,
	type Finding
} from '../../src/lib/core/checks';
import type { Locale } from '../../src/lib/core/format';
import type { Product, Segment, Show } from '../../src/lib/core/model';
import { DAY, makePerson, makeProduct, makeProducts, makeSegment, makeShow, START } from './factories';

const NOW = START - 4 * DAY;

function check(show: Show, products: Product[] = makeProducts(5), extra: Partial<CheckShowInput> = {}): Finding[] {
	return checkShow({ show, products, now: NOW, locale: 'zh-CN', ...extra });
}
const codes = (findings: Finding[]) => findings.map((f) => f.code);
const only = (findings: Finding[], code: string) => findings.filter((f) => f.code === code);

/** The clean show with its run-sheet changed by `edit`. */
function editSegments(edit: (segments: Segment[]) => Segment[], overrides: Partial<Show> = {}, products = makeProducts(5)): Show {
	const show = makeShow(overrides, products);
	return { ...show, segments: edit(show.segments.map((s) => ({ ...s }))) };
}
const slotOf = (show: Show, productId: number) => show.segments.find((s) => s.kind === 'product' && s.productId === productId)!;

describe('checkShow baseline', () => {
	it('finds nothing on a show that follows every rule', () => {
		expect(check(makeShow())).toEqual([]);
		expect(check(makeShow({ plannedDurationMin: 90 }, makeProducts(8)), makeProducts(8))).toEqual([]);
	});

	it('lists every code once with its severity, and findings carry that severity', () => {
		const all = FINDING_CODES.map((c) => c.code);
		expect(new Set(all).size).toBe(all.length);
		const messy = check(
			makeShow({ plannedDurationMin: 200, hostIds: [], commission: { charged: true, listingFee: false, note: '' }, reportedAt: null }, makeProducts(3)),
			makeProducts(3)
		);
		expect(messy.length).toBeGreaterThan(3);
		for (const f of messy) expect(f.severity).toBe(FINDING_SEVERITY[f.code]);
		expect(canReport(messy)).toBe(false);
		expect(canReport([{ severity: 'warning' }])).toBe(true);
	});
});

describe('show rules', () => {
	it('DURATION_OUT_OF_RANGE: 90–180 min', () => {
		const at = (min: number) => codes(check(makeShow({ plannedDurationMin: min }))).includes('DURATION_OUT_OF_RANGE');
		expect([at(89), at(90), at(180), at(181)]).toEqual([true, false, false, true]);
		const [f] = only(check(makeShow({ plannedDurationMin: 89 })), 'DURATION_OUT_OF_RANGE');
		expect(f).toMatchObject({ severity: 'error', field: 'plannedDurationMin', message: '计划时长 89 分钟，应为 90–180 分钟' });
	});

	it('HOST_COUNT: 1–2 distinct hosts', () => {
		const at = (hostIds: number[]) => codes(check(makeShow({ hostIds }))).includes('HOST_COUNT');
		expect([at([]), at([1]), at([1, 2]), at([1, 2, 3]), at([1, 1])]).toEqual([true, false, false, true, false]);
		const hosts = [makePerson({ id: 1, name: '李青' }), makePerson({ id: 2, name: '王华' }), makePerson({ id: 3, name: '张敏' })];
		const [f] = check(makeShow({ hostIds: [1, 2, 3] }), undefined, { hosts });
		expect(f).toMatchObject({ code: 'HOST_COUNT', severity: 'error', message: '主播 3 人（李青、王华、张敏），每场限 1–2 人' });
	});

	it('UNKNOWN_HOST: only when the host records are given', () => {
		const show = makeShow({ hostIds: [1, 5] });
		expect(codes(check(show))).toEqual([]);
		expect(check(show, undefined, { hosts: [makePerson({ id: 1 })] })).toMatchObject([{ code: 'UNKNOWN_HOST', params: { hostId: 5 } }]);
	});

	it('TOO_FEW_PRODUCTS: at least 5 distinct products in the run-sheet', () => {
		expect(codes(check(makeShow({}, makeProducts(4)), makeProducts(4)))).toContain('TOO_FEW_PRODUCTS');
		expect(codes(check(makeShow({}, makeProducts(5))))).not.toContain('TOO_FEW_PRODUCTS');
		// A flash sale of a product already presented does not make a new product.
		const four = editSegments(
			(segs) => [...segs.slice(0, -1), makeSegment({ id: 'fs', kind: 'flash_sale', productId: 1, durationSec: 60, flashSale: { priceFen: 990, quantity: 50, windowSec: 60, offsetSec: 0, rules: '' } }), segs[segs.length - 1]],
			{},
			makeProducts(4)
		);
		expect(only(check(four, makeProducts(4)), 'TOO_FEW_PRODUCTS')).toMatchObject([{ severity: 'error', params: { count: 4 } }]);
	});

	it('WARMUP_MISSING: 15 min of warm-up before the announced start', () => {
		const warmup = (min: number) => editSegments((segs) => [{ ...segs[0], durationSec: min * 60 }, ...segs.slice(1)]);
		expect(codes(check(warmup(15)))).not.toContain('WARMUP_MISSING');
		expect(codes(check(warmup(16)))).not.toContain('WARMUP_MISSING');
		expect(only(check(warmup(14)), 'WARMUP_MISSING')).toMatchObject([{ severity: 'warning', message: '开场前预热只有 14 分钟，应提前 15 分钟进入直播间预热' }]);
		const none = editSegments((segs) => segs.slice(1));
		expect(only(check(none), 'WARMUP_MISSING')).toMatchObject([{ params: { warmupSec: 0 } }]);
		// A warm-up after the opening does not count.
		const late = editSegments((segs) => [segs[1], segs[0], ...segs.slice(2)], {});
		expect(codes(check(late))).toContain('WARMUP_MISSING');
	});

	it('REPORT_LATE: reported at least 3 days before the start', () => {
		const deadline = START - 3 * DAY;
		const at = (reportedAt: number | null, now = NOW) => codes(checkShow({ show: makeShow({ reportedAt }), products: makeProducts(5), now, locale: 'zh-CN' })).includes('REPORT_LATE');
		expect(at(deadline)).toBe(false);
		expect(at(deadline + 1)).toBe(true);
		expect(at(null, deadline)).toBe(false);
		expect(at(null, deadline + 1)).toBe(true);
		// Reported in time stays fine after the deadline.
		expect(at(deadline - DAY, START)).toBe(false);
		const [f] = checkShow({ show: makeShow({ reportedAt: null }), products: makeProducts(5), now: START, locale: 'zh-CN' });
		expect(f).toMatchObject({ code: 'REPORT_LATE', severity: 'error', message: '尚未报备，截止时间 2026年12月9日 19:00（开播前 3 天）已过' });
	});

	it('POSTER_LATE: poster published at least 3 days before the start', () => {
		const deadline = START - 3 * DAY;
		const at = (posterPublishedAt: number | null, now = NOW) =>
			only(checkShow({ show: makeShow({ posterPublishedAt }), products: makeProducts(5), now, locale: 'zh-CN' }), 'POSTER_LATE');
		expect(at(deadline)).toEqual([]);
		expect(at(deadline + 1)).toMatchObject([{ severity: 'warning', field: 'posterPublishedAt' }]);
		expect(at(null, deadline)).toEqual([]);
		expect(at(null, deadline + 1)).toHaveLength(1);
	});

	it('FOLLOWERS_TOO_FEW: 200,000 for a unit’s own account, per platform, provincial accounts exempt', () => {
		const own = (followers: number) => ({ platform: 'kuaishou' as const, roomUrl: 'https://live.kuaishou.com/u/1', accountName: '恩施共青团', followers, provincial: false });
		const at = (followers: number) => only(check(makeShow({ platforms: [own(followers)] })), 'FOLLOWERS_TOO_FEW');
		expect(at(200_000)).toEqual([]);
		expect(at(199_999)).toMatchObject([{ severity: 'error', field: 'platforms.0.followers', message: '快手账号「恩施共青团」粉丝 199,999，自选平台需至少 200,000（「青春湖北」省级账号除外）' }]);
		const provincial = { platform: 'douyin' as const, roomUrl: 'https://live.douyin.com/1', accountName: '青春湖北', followers: 0, provincial: true };
		const mixed = only(check(makeShow({ platforms: [provincial, own(1000), { ...own(5), platform: 'bilibili' }] })), 'FOLLOWERS_TOO_FEW');
		expect(mixed.map((f) => f.field)).toEqual(['platforms.1.followers', 'platforms.2.followers']);
	});

	it('COMMISSION: no commission and no listing fee', () => {
		const at = (charged: boolean, listingFee: boolean) => only(check(makeShow({ commission: { charged, listingFee, note: '' } })), 'COMMISSION').map((f) => f.field);
		expect(at(false, false)).toEqual([]);
		expect(at(true, false)).toEqual(['commission.charged']);
		expect(at(false, true)).toEqual(['commission.listingFee']);
		expect(at(true, true)).toHaveLength(2);
	});

	it('RUNSHEET_DURATION_MISMATCH: the run-sheet differs from the plan by a minute or more', () => {
		const closingBy = (sec: number) => editSegments((segs) => segs.map((s) => (s.kind === 'closing' ? { ...s, durationSec: s.durationSec + sec } : s)));
		expect(codes(check(closingBy(59)))).not.toContain('RUNSHEET_DURATION_MISMATCH');
		expect(codes(check(closingBy(-59)))).not.toContain('RUNSHEET_DURATION_MISMATCH');
		expect(only(check(closingBy(60)), 'RUNSHEET_DURATION_MISMATCH')).toMatchObject([{ severity: 'warning', params: { diffSec: 60 } }]);
		expect(only(check(closingBy(-300)), 'RUNSHEET_DURATION_MISMATCH')).toMatchObject([{ message: '流程单从开场到结束共 115 分钟，比计划时长 120 分钟少 5 分钟' }]);
		// The warm-up runs before the start and does not count.
		const longWarmup = editSegments((segs) => [{ ...segs[0], durationSec: 30 * 60 }, ...segs.slice(1)]);
		expect(codes(check(longWarmup))).not.toContain('RUNSHEET_DURATION_MISMATCH');
	});
});

describe('segment rules', () => {
	it('SEGMENT_WITHOUT_PRODUCT: product and flash-sale segments need a product', () => {
		const show = editSegments((segs) => [
			...segs.slice(0, 2),
			makeSegment({ id: 'p', kind: 'product', title: '神秘好物', durationSec: 0 + 60 }),
			makeSegment({ id: 'f', kind: 'flash_sale', title: '秒杀', durationSec: 60, flashSale: { priceFen: 100, quantity: 1, windowSec: 30, offsetSec: 0, rules: '' } }),
			makeSegment({ id: 'i', kind: 'interaction', title: '抽奖', durationSec: 60 }),
			...segs.slice(2)
		]);
		const found = only(check(show), 'SEGMENT_WITHOUT_PRODUCT');
		expect(found.map((f) => f.segmentId)).toEqual(['p', 'f']);
		expect(found[0]).toMatchObject({ severity: 'error', field: 'productId', message: '第3段「神秘好物」未选择产品' });
	});

	it('UNKNOWN_PRODUCT: a segment refers to a product missing from the library', () => {
		const show = makeShow();
		const found = check(show, makeProducts(5).filter((p) => p.id !== 3));
		expect(only(found, 'UNKNOWN_PRODUCT')).toMatchObject([{ severity: 'error', productId: 3, segmentId: slotOf(show, 3).id }]);
	});

	it('FLASH_SALE_INCOMPLETE: a flash sale without its terms', () => {
		const sale = (flashSale: Segment['flashSale']) =>
			only(check(editSegments((segs) => [...segs.slice(0, 3), makeSegment({ id: 'fs', kind: 'flash_sale', productId: 1, durationSec: 60, flashSale }), ...segs.slice(3)])), 'FLASH_SALE_INCOMPLETE');
		expect(sale(null)).toMatchObject([{ severity: 'warning', segmentId: 'fs' }]);
		expect(sale({ priceFen: 990, quantity: 50, windowSec: 60, offsetSec: 0, rules: '' })).toEqual([]);
	});
});

describe('product rules', () => {
	/** Findings of the clean show whose product 1 is replaced by `overrides`. */
	function withProduct(overrides: Partial<Product>): Finding[] {
		const products = makeProducts(5);
		products[0] = { ...products[0], ...overrides };
		return check(makeShow({}, products), products);
	}

	it('TOBACCO_ALCOHOL: by category or by name', () => {
		expect(only(withProduct({ category: 'alcohol' }), 'TOBACCO_ALCOHOL')).toMatchObject([{ severity: 'error', productId: 1, field: 'category' }]);
		expect(only(withProduct({ category: 'tobacco' }), 'TOBACCO_ALCOHOL')).toHaveLength(1);
		expect(only(withProduct({ name: '房县黄酒', category: 'other' }), 'TOBACCO_ALCOHOL')).toMatchObject([{ field: 'name', word: '黄酒', message: '「房县黄酒」的名称含「黄酒」，直播带货杜绝烟、酒' }]);
		expect(only(withProduct({ name: '恩施烟熏腊肉', category: 'dried_goods' }), 'TOBACCO_ALCOHOL')).toEqual([]);
		expect(only(withProduct({ name: '恩施玉露', category: 'tea' }), 'TOBACCO_ALCOHOL')).toEqual([]);
	});

	it('tells tobacco and alcohol names from harmless ones', () => {
		for (const name of ['白酒', '雪花啤酒', '黄酒', '孝感米酒', '青梅果酒', '葡萄酒', '黄鹤楼香烟', '卷烟', '烟草', '雪茄', '电子烟', '枝江酒', '劲酒']) {
			expect(tobaccoAlcoholWord(name), name).not.toBeNull();
		}
		expect(tobaccoAlcoholWord('电子烟')).toEqual({ word: '电子烟', kind: 'tobacco' });
		expect(tobaccoAlcoholWord('房县黄酒')).toEqual({ word: '黄酒', kind: 'alcohol' });
		for (const name of ['烟熏腊肉', '恩施烟熏香肠', '烟台苹果', '料酒', '洪湖酒糟鱼', '啤酒鸭', '酒鬼花生', '恩施玉露', '孝感麻糖']) {
			expect(tobaccoAlcoholWord(name), name).toBeNull();
		}
	});

	it('NO_SHOP_LINK: every product has an online shop link', () => {
		expect(only(withProduct({ productUrl: null }), 'NO_SHOP_LINK')).toMatchObject([{ severity: 'error', productId: 1, field: 'productUrl' }]);
	});

	it('PRICE_ABOVE_DAILY: live price at or below the daily retail price', () => {
		expect(only(withProduct({ dailyPriceFen: 3900, livePriceFen: 3900, lowestPriceFen: null }), 'PRICE_ABOVE_DAILY')).toEqual([]);
		const products = makeProducts(5);
		products[0] = { ...products[0], dailyPriceFen: 4900, livePriceFen: 3900, lowestPriceFen: null };
		// The segment's own live price wins over the product's.
		const show = makeShow({}, products);
		const slot = slotOf(show, 1);
		slot.livePriceFen = 5900;
		const found = only(check(show, products), 'PRICE_ABOVE_DAILY');
		expect(found).toMatchObject([{ severity: 'warning', segmentId: slot.id, productId: 1, message: '「恩施玉露」的直播价 ¥59.00 高于日常零售价 ¥49.00' }]);
		slot.livePriceFen = 4900;
		expect(only(check(show, products), 'PRICE_ABOVE_DAILY')).toEqual([]);
		slot.livePriceFen = 4901;
		expect(only(check(show, products), 'PRICE_ABOVE_DAILY')).toHaveLength(1);
	});

	it('PRICE_ABOVE_LOWEST: not above the historical low without a reason', () => {
		const at = (p: Partial<Product>) => only(withProduct({ livePriceFen: 3900, dailyPriceFen: 4900, ...p }), 'PRICE_ABOVE_LOWEST');
		expect(at({ lowestPriceFen: 3900 })).toEqual([]);
		expect(at({ lowestPriceFen: 3899 })).toMatchObject([{ severity: 'warning', message: '「恩施玉露」的直播价 ¥39.00 高于历史最低价 ¥38.99，且未说明原因' }]);
		expect(at({ lowestPriceFen: 3899, priceNote: '历史低价为双十一限时活动' })).toEqual([]);
		expect(at({ lowestPriceFen: null })).toEqual([]);
	});

	it('SHORT_SHELF_LIFE: fresh categories or 30 days or less', () => {
		for (const category of ['fruit_veg', 'meat_egg', 'aquatic'] as const) {
			expect(only(withProduct({ category, shelfLifeDays: 365 }), 'SHORT_SHELF_LIFE'), category).toHaveLength(1);
		}
		expect(only(withProduct({ shelfLifeDays: 30 }), 'SHORT_SHELF_LIFE')).toMatchObject([{ severity: 'warning', field: 'shelfLifeDays', message: '「恩施玉露」保质期仅 30 天，尽量避免保质期较短的食品' }]);
		expect(only(withProduct({ shelfLifeDays: 31 }), 'SHORT_SHELF_LIFE')).toEqual([]);
		expect(only(withProduct({ shelfLifeDays: null }), 'SHORT_SHELF_LIFE')).toEqual([]);
	});

	it('SAME_CATEGORY: two or more of one category, other excluded', () => {
		expect(only(withProduct({ category: 'grain_oil' }), 'SAME_CATEGORY')).toMatchObject([
			{ severity: 'warning', params: { category: 'grain_oil', count: 2 }, message: '2 种产品同属「粮油」：「恩施玉露」「监利大米」，注意避免同质化' }
		]);
		const products = makeProducts(5).map((p, i) => (i < 3 ? { ...p, category: 'other' as const } : p));
		expect(only(check(makeShow({}, products), products), 'SAME_CATEGORY')).toEqual([]);
	});

	it('NO_QUALITY_CERT: quality certification filled in', () => {
		expect(only(withProduct({ qualityCert: '' }), 'NO_QUALITY_CERT')).toMatchObject([{ severity: 'warning', productId: 1, field: 'qualityCert' }]);
		expect(only(withProduct({ qualityCert: '   ' }), 'NO_QUALITY_CERT')).toHaveLength(1);
	});

	it('reports a product once, with the first segment that presents it', () => {
		const products = makeProducts(5);
		products[0] = { ...products[0], qualityCert: '', productUrl: null };
		const show = editSegments((segs) => [...segs, makeSegment({ id: 'again', kind: 'product', productId: 1, durationSec: 60 })], {}, products);
		const found = check(show, products).filter((f) => f.productId === 1);
		expect(found.map((f) => [f.code, f.segmentId])).toEqual([
			['NO_SHOP_LINK', slotOf(show, 1).id],
			['NO_QUALITY_CERT', slotOf(show, 1).id]
		]);
	});
});

describe('AD_LAW_WORD', () => {
	it('marks each occurrence in a segment script and title', () => {
		const show = makeShow();
		const slot = slotOf(show, 2);
		slot.title = '最好吃的大米';
		slot.script = '这是全网最低价，绝对好吃';
		const found = only(check(show), 'AD_LAW_WORD');
		expect(found).toEqual([
			expect.objectContaining({ severity: 'warning', segmentId: slot.id, field: 'title', word: '最好吃', index: 0, length: 3 }),
			expect.objectContaining({ segmentId: slot.id, field: 'script', word: '全网最低价', index: 2, length: 5 }),
			expect.objectContaining({ segmentId: slot.id, field: 'script', word: '绝对', index: 8, length: 2 })
		]);
		expect(found[1].message).toBe(`第4段「最好吃的大米」的主播稿含广告法禁用词「全网最低价」`);
	});

	it('checks the show title, flash-sale rules and product text read on air', () => {
		const products = makeProducts(5);
		products[0] = { ...products[0], sellingPoints: '国家级好茶' };
		const show = editSegments(
			(segs) => [...segs.slice(0, 3), makeSegment({ id: 'fs', kind: 'flash_sale', productId: 1, durationSec: 60, flashSale: { priceFen: 990, quantity: 50, windowSec: 60, offsetSec: 0, rules: '史上最低价' } }), ...segs.slice(3)],
			{ title: '首选好物专场' },
			products
		);
		const found = only(check(show, products), 'AD_LAW_WORD').filter((f) => !(f.field === 'script' && f.word === '国家级'));
		expect(found.map((f) => [f.field, f.word, f.segmentId ?? null, f.productId ?? null])).toEqual([
			['title', '首选', null, null],
			['sellingPoints', '国家级', slotOf(show, 1).id, 1],
			['flashSale.rules', '史上最低价', 'fs', null]
		]);
	});

	it('is clean for ordinary wording', () => {
		const show = makeShow();
		slotOf(show, 1).script = '第一款产品，最后一波福利，每人最多2件';
		expect(only(check(show), 'AD_LAW_WORD')).toEqual([]);
	});
});

describe('order and locale', () => {
	it('reports show-level findings first, then by segment order', () => {
		const products = makeProducts(5);
		products[4] = { ...products[4], productUrl: null };
		products[1] = { ...products[1], qualityCert: '' };
		const show = makeShow({ plannedDurationMin: 181, commission: { charged: true, listingFee: false, note: '' } }, products);
		slotOf(show, 1).script = '最好';
		const found = check(show, products);
		expect(codes(found)).toEqual(['DURATION_OUT_OF_RANGE', 'COMMISSION', 'AD_LAW_WORD', 'NO_QUALITY_CERT', 'NO_SHOP_LINK']);
		expect(check(show, products)).toEqual(found);
	});

	it('writes messages in English too', () => {
		const products = makeProducts(5);
		products[0] = { ...products[0], livePriceFen: 5900, dailyPriceFen: 4900, lowestPriceFen: null };
		const show = makeShow({ plannedDurationMin: 200 }, products);
		const en = checkShow({ show, products, now: NOW, locale: 'en' as Locale });
		expect(en.map((f) => f.message)).toEqual([
			'Planned duration is 200 min; it must be 90–180 min',
			'“恩施玉露”: live price ¥59.00 is above the daily retail price ¥49.00'
		]);
	});
});

describe('checkProduct', () => {
	it('finds nothing on a clean product', () => {
		expect(checkProduct(makeProduct(), 'zh-CN')).toEqual([]);
	});

	it('runs the product rules alone, with the product id when there is one', () => {
		const { id: _id, version: _v, createdAt: _c, updatedAt: _u, ...input } = makeProduct({
			name: '极品米酒',
			category: 'beverage',
			productUrl: null,
			shelfLifeDays: 7,
			qualityCert: '',
			livePriceFen: 5000,
			dailyPriceFen: 4000,
			lowestPriceFen: 3000
		});
		const found = checkProduct(input, 'zh-CN');
		expect(codes(found)).toEqual(['TOBACCO_ALCOHOL', 'NO_SHOP_LINK', 'SHORT_SHELF_LIFE', 'NO_QUALITY_CERT', 'PRICE_ABOVE_DAILY', 'PRICE_ABOVE_LOWEST', 'AD_LAW_WORD']);
		expect(found.every((f) => f.productId === undefined)).toBe(true);
		expect(found[found.length - 1]).toMatchObject({ field: 'name', word: '极品', index: 0, length: 2 });
		expect(checkProduct(makeProduct({ id: 9, qualityCert: '' }), 'en')).toMatchObject([{ productId: 9, message: '“恩施玉露” has no quality certification' }]);
	});
});
