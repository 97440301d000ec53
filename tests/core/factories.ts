/**
 * Factories for core tests: products from Hubei's cities, and a show that passes every rule
 * unless a test overrides something. Reuse them in other test folders.
 */
import type { Person, Product, Segment, Show } from '../../src/lib/core/model';
import { standardRunSheet } from '../../src/lib/core/runsheet';

/** 2026-12-12 19:00 Asia/Shanghai (a Saturday). */
export const START = Date.UTC(2026, 11, 12, 11, 0);
export const DAY = 24 * 3600_000;
export const MIN = 60_000;

/** Sequential ids 'id1', 'id2'…, deterministic per call of makeIds(). */
export function makeIds(prefix = 'id'): () => string {
	let n = 0;
	return () => `${prefix}${++n}`;
}

const CLEAN_PRODUCTS: Pick<Product, 'name' | 'origin' | 'spec' | 'category' | 'shopName' | 'dailyPriceFen' | 'livePriceFen' | 'sellingPoints'>[] = [
	{ name: '恩施玉露', origin: '恩施州', spec: '250g/罐', category: 'tea', shopName: '恩施玉露官方店', dailyPriceFen: 4900, livePriceFen: 3900, sellingPoints: '蒸青针形绿茶，富硒茶园，茶汤清亮' },
	{ name: '监利大米', origin: '荆州市监利市', spec: '5kg/袋', category: 'grain_oil', shopName: '监利粮油旗舰店', dailyPriceFen: 5990, livePriceFen: 4990, sellingPoints: '江汉平原当季新米，煮饭软糯' },
	{ name: '随州香菇', origin: '随州市', spec: '500g/袋', category: 'dried_goods', shopName: '随州香菇店', dailyPriceFen: 6800, livePriceFen: 5800, sellingPoints: '花菇肉厚，泡发后香味浓' },
	{ name: '孝感麻糖', origin: '孝感市', spec: '400g/盒', category: 'snacks', shopName: '孝感麻糖老店', dailyPriceFen: 2990, livePriceFen: 1990, sellingPoints: '芝麻香脆，非遗手工工艺' },
	{ name: '土家辣椒酱', origin: '恩施州来凤县', spec: '260g×2瓶', category: 'seasoning', shopName: '来凤土家味', dailyPriceFen: 3600, livePriceFen: 2990, sellingPoints: '鲜椒现做，拌饭拌面都好吃' },
	{ name: '神农架百花蜂蜜', origin: '神农架林区', spec: '500g/瓶', category: 'tonic', shopName: '神农架山珍', dailyPriceFen: 8800, livePriceFen: 6900, sellingPoints: '高山百花蜜，自然成熟' },
	{ name: '咸宁桂花酸梅汤', origin: '咸宁市', spec: '300ml×12瓶', category: 'beverage', shopName: '咸宁桂花饮品', dailyPriceFen: 5900, livePriceFen: 4500, sellingPoints: '桂花香气，酸甜解腻' },
	{ name: '黄梅挑花布艺包', origin: '黄冈市黄梅县', spec: '30×25cm', category: 'handicraft', shopName: '黄梅挑花工坊', dailyPriceFen: 12800, livePriceFen: 9900, sellingPoints: '手工挑花，图案寓意吉祥' }
];

/** A library product that passes every product rule; `id` 1 unless overridden. */
export function makeProduct(overrides: Partial<Product> = {}): Product {
	const base = CLEAN_PRODUCTS[0];
	return {
		unitCode: 'enshi',
		shopPlatform: '淘宝',
		lowestPriceFen: base.livePriceFen,
		priceNote: '',
		couponRule: '',
		stock: 500,
		productUrl: 'https://shop.example.com/item/1',
		platformEvent: '',
		contactName: '张经理',
		contactPhone: '0718-1234567',
		shelfLifeDays: 365,
		qualityCert: 'SC11442280000000',
		catalogues: ['hubei_poverty'],
		status: 'selected',
		id: 1,
		version: 1,
		createdAt: START - 30 * DAY,
		updatedAt: START - 30 * DAY,
		...base,
		...overrides
	};
}

/** `count` clean products of distinct categories (up to 8), ids 1…count. */
export function makeProducts(count = 5): Product[] {
	return CLEAN_PRODUCTS.slice(0, count).map((p, i) =>
		makeProduct({ ...p, id: i + 1, lowestPriceFen: p.livePriceFen, productUrl: `https://shop.example.com/item/${i + 1}` })
	);
}

/** A fully defaulted segment. */
export function makeSegment(overrides: Partial<Segment> = {}): Segment {
	return {
		id: 'seg',
		kind: 'custom',
		title: '环节',
		durationSec: 600,
		script: '',
		notes: '',
		speakers: [],
		productId: null,
		livePriceFen: null,
		couponRule: '',
		stock: null,
		linkNumbers: {},
		flashSale: null,
		cues: [],
		...overrides
	};
}

/**
 * A show that passes every rule: 120 min from START on a provincial account, one host, reported
 * and poster published 5 days ahead, and the standard run-sheet for `products`.
 */
export function makeShow(overrides: Partial<Show> = {}, products: Product[] = makeProducts(5)): Show {
	const plannedDurationMin = overrides.plannedDurationMin ?? 120;
	return {
		unitCode: 'hubei',
		title: '青春为家乡代言·恩施专场',
		kind: 'demo',
		location: '恩施州宣恩县',
		startsAt: START,
		plannedDurationMin,
		platforms: [{ platform: 'douyin', roomUrl: 'https://live.douyin.com/1', accountName: '青春湖北', followers: 50_000, provincial: true }],
		hostIds: [1],
		guestIds: [],
		executingParty: '青春湖北新媒体中心',
		salesChannel: '抖音小店',
		commission: { charged: false, listingFee: false, note: '' },
		productIds: products.map((p) => p.id),
		id: 1,
		slug: 'enshi-1212',
		status: 'draft',
		version: 1,
		segments: standardRunSheet({ products, plannedDurationMin, newId: makeIds('s') }),
		reportedAt: START - 5 * DAY,
		reportedBy: 'coordinator',
		approvedAt: null,
		approvedBy: null,
		amendment: null,
		posterPublishedAt: START - 5 * DAY,
		createdAt: START - 10 * DAY,
		updatedAt: START - 10 * DAY,
		...overrides
	};
}

/** A host or guest. */
export function makePerson(overrides: Partial<Person> = {}): Person {
	return {
		unitCode: 'enshi',
		name: '李青',
		gender: 'female',
		ethnicity: '土家族',
		birthMonth: '1996-05',
		politicalStatus: '共青团员',
		position: '主播',
		contact: '',
		platforms: [],
		intro: '',
		reason: '',
		unitOpinion: '',
		id: 1,
		version: 1,
		ambassador: 'none',
		ambassadorNominatedAt: null,
		ambassadorNominatedBy: null,
		ambassadorAwardedAt: null,
		ambassadorAwardedBy: null,
		...overrides
	};
}
