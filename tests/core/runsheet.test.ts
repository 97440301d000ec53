import { describe, expect, it } from 'vitest';
import { segmentInput, SEGMENT_KINDS, type Segment } from '../../src/lib/core/model';
import { defaultFlashSale, defaultMinutes, duplicateSegment, moveSegment, newSegment, productSlot, slotTitle, standardRunSheet, titleForProduct } from '../../src/lib/core/runsheet';
import { broadcastDurationSec, plannedSchedule } from '../../src/lib/core/schedule';
import { findAdLawWords } from '../../src/lib/core/adlaw';
import { makeIds, makeProduct, makeProducts, makeSegment, START } from './factories';

const minutes = (s: Segment) => s.durationSec / 60;

describe('standardRunSheet', () => {
	for (const count of [5, 6, 8]) {
		for (const planned of [90, 120, 180]) {
			it(`${count} products in ${planned} min: warm-up ends at the start, slots 10–15 min, broadcast = plan`, () => {
				const products = makeProducts(count);
				const sheet = standardRunSheet({ products, plannedDurationMin: planned, newId: makeIds() });

				expect(sheet[0].kind).toBe('warmup');
				expect(minutes(sheet[0])).toBe(15);
				expect(sheet[1].kind).toBe('opening');
				expect(minutes(sheet[1])).toBe(5);
				const slots = plannedSchedule(START, sheet);
				expect(slots[0].endAt).toBe(START);
				expect(slots[1].startAt).toBe(START);

				const productSlots = sheet.filter((s) => s.kind === 'product');
				expect(productSlots.map((s) => s.productId)).toEqual(products.map((p) => p.id));
				for (const s of productSlots) {
					expect(minutes(s)).toBeGreaterThanOrEqual(10);
					expect(minutes(s)).toBeLessThanOrEqual(15);
				}
				const closing = sheet[sheet.length - 1];
				expect(closing.kind).toBe('closing');
				expect(minutes(closing)).toBeGreaterThanOrEqual(5);
				expect(minutes(closing)).toBeLessThanOrEqual(10);
				for (const s of sheet.filter((s) => s.kind === 'interaction')) expect(minutes(s)).toBeGreaterThanOrEqual(5);

				expect(broadcastDurationSec(START, sheet)).toBe(planned * 60);
				// Whole minutes, valid against the schema, unique ids.
				for (const s of sheet) {
					expect(Number.isInteger(minutes(s))).toBe(true);
					expect(segmentInput.parse(s)).toEqual(s);
				}
				const ids = [...sheet.map((s) => s.id), ...sheet.flatMap((s) => s.cues.map((c) => c.id))];
				expect(new Set(ids).size).toBe(ids.length);
			});
		}
	}

	it('adds interaction only when 5 min or more would be left over, never two in a row', () => {
		// 8 × 10 + 5 + 5 = 90: nothing left.
		const tight = standardRunSheet({ products: makeProducts(8), plannedDurationMin: 90, newId: makeIds() });
		expect(tight.filter((s) => s.kind === 'interaction')).toHaveLength(0);
		// 5 × 15 + 5 + 10 = 90: nothing left.
		const full = standardRunSheet({ products: makeProducts(5), plannedDurationMin: 90, newId: makeIds() });
		expect(full.filter((s) => s.kind === 'interaction')).toHaveLength(0);
		// 5 × 15 + 5 + 10 = 90 of 93 planned: 3 left, an interaction of 5 takes 2 from the closing.
		const odd = standardRunSheet({ products: makeProducts(5), plannedDurationMin: 93, newId: makeIds() });
		expect(odd.filter((s) => s.kind === 'interaction').map(minutes)).toEqual([5]);
		expect(minutes(odd[odd.length - 1])).toBe(8);
		expect(broadcastDurationSec(START, odd)).toBe(93 * 60);
		const long = standardRunSheet({ products: makeProducts(5), plannedDurationMin: 180, newId: makeIds() });
		long.forEach((s, i) => {
			if (s.kind === 'interaction') expect(long[i + 1].kind).not.toBe('interaction');
		});
		expect(long.filter((s) => s.kind === 'interaction').every((s) => minutes(s) <= 20)).toBe(true);
	});

	it('keeps the minimum sheet when the products do not fit the plan', () => {
		const sheet = standardRunSheet({ products: makeProducts(8), plannedDurationMin: 60, newId: makeIds() });
		expect(sheet.filter((s) => s.kind === 'product').every((s) => minutes(s) === 10)).toBe(true);
		expect(broadcastDurationSec(START, sheet)).toBe(90 * 60);
	});

	it('fills the product slot from the product', () => {
		const product = makeProduct({ id: 7, name: '恩施玉露', couponRule: '10元优惠券', stock: 200, livePriceFen: 3900, dailyPriceFen: 4900 });
		const sheet = standardRunSheet({ products: [product], plannedDurationMin: 90, newId: makeIds() });
		const slot = sheet.find((s) => s.kind === 'product')!;
		expect(slot).toMatchObject({ title: '产品讲解｜恩施玉露', productId: 7, livePriceFen: 3900, couponRule: '10元优惠券', stock: 200 });
		expect(slot.script).toContain('日常零售价 ¥49.00');
		expect(slot.script).toContain('直播间到手价 ¥39.00');
		expect(slot.script).toContain('10元优惠券');
		expect(slot.script).toContain(product.sellingPoints);
		expect(slot.script).toContain(product.origin);
		expect(slot.script).toContain(product.spec);
		expect(slot.cues.map((c) => [c.offsetSec, c.text, c.forHost])).toEqual([
			[0, '讲解「恩施玉露」', false],
			[120, '上链接「恩施玉露」', true],
			[120, '放库存 200', false],
			[300, '发券：10元优惠券', true]
		]);
		const noCoupon = standardRunSheet({ products: [makeProduct({ couponRule: '', stock: null })], plannedDurationMin: 90, newId: makeIds() });
		expect(noCoupon.find((s) => s.kind === 'product')!.cues.map((c) => c.text)).toEqual(['讲解「恩施玉露」', '上链接「恩施玉露」']);
	});

	it('writes the notice into the opening, warm-up and closing', () => {
		const products = makeProducts(5);
		const sheet = standardRunSheet({ products, plannedDurationMin: 120, newId: makeIds() });
		const [warmup, opening] = sheet;
		const closing = sheet[sheet.length - 1];
		expect(warmup.script).toContain('#青春为家乡代言#');
		for (const p of products) expect(warmup.script).toContain(p.name);
		expect(opening.script).toContain('青春为家乡代言');
		expect(opening.script).toContain('恩施州');
		expect(opening.script).toContain('购物车');
		expect(closing.script).toContain('邮寄方式');
		expect(closing.script).toContain('售后服务');
		expect(closing.script).toContain('青春为家乡代言');
	});

	it('writes no Advertising-Law words of its own', () => {
		const sheet = standardRunSheet({ products: makeProducts(8), plannedDurationMin: 180, newId: makeIds() });
		for (const s of sheet) {
			expect(findAdLawWords(s.title), s.title).toEqual([]);
			expect(findAdLawWords(s.script), s.title).toEqual([]);
		}
	});

	it('reminds about fresh products at the closing', () => {
		const products = [...makeProducts(4), makeProduct({ id: 9, name: '秭归脐橙', category: 'fruit_veg', shelfLifeDays: 20 })];
		const sheet = standardRunSheet({ products, plannedDurationMin: 120, newId: makeIds() });
		expect(sheet[sheet.length - 1].script).toContain('「秭归脐橙」保质期较短');
	});
});

describe('run-sheet editing', () => {
	it('makes a valid new segment of every kind', () => {
		for (const kind of SEGMENT_KINDS) {
			const s = newSegment(kind, makeIds(kind));
			expect(s.kind).toBe(kind);
			expect(s.id).toBe(`${kind}1`);
			expect(segmentInput.parse(s)).toEqual(s);
		}
		expect(newSegment('warmup', makeIds()).durationSec).toBe(15 * 60);
		expect(newSegment('opening', makeIds()).durationSec).toBe(5 * 60);
		expect(newSegment('closing', makeIds()).script).toContain('售后服务');
	});

	it('duplicates with new ids and shares nothing', () => {
		const original = makeSegment({
			id: 'a',
			kind: 'flash_sale',
			speakers: ['李青'],
			linkNumbers: { douyin: 3 },
			flashSale: { priceFen: 990, quantity: 100, windowSec: 60, offsetSec: 0, rules: '每人限购1件' },
			cues: [
				{ id: 'c1', offsetSec: 0, text: '开抢', forHost: true },
				{ id: 'c2', offsetSec: 60, text: '结束', forHost: false }
			]
		});
		const copy = duplicateSegment(original, makeIds('n'));
		expect(copy.id).toBe('n1');
		expect(copy.cues.map((c) => c.id)).toEqual(['n2', 'n3']);
		expect({ ...copy, id: 'a', cues: original.cues }).toEqual(original);
		copy.speakers.push('王华');
		copy.linkNumbers.kuaishou = 4;
		copy.flashSale!.quantity = 5;
		copy.cues[0].text = '改';
		expect(original.speakers).toEqual(['李青']);
		expect(original.linkNumbers).toEqual({ douyin: 3 });
		expect(original.flashSale!.quantity).toBe(100);
		expect(original.cues[0].text).toBe('开抢');
	});

	it('moves a segment to a new index without touching the input', () => {
		const list = ['a', 'b', 'c', 'd'];
		expect(moveSegment(list, 0, 2)).toEqual(['b', 'c', 'a', 'd']);
		expect(moveSegment(list, 3, 0)).toEqual(['d', 'a', 'b', 'c']);
		expect(moveSegment(list, 1, 1)).toEqual(list);
		expect(moveSegment(list, -1, 2)).toEqual(list);
		expect(moveSegment(list, 0, 4)).toEqual(list);
		expect(list).toEqual(['a', 'b', 'c', 'd']);
		expect(moveSegment(list, 1, 1)).not.toBe(list);
	});
});

describe('slot defaults', () => {
	it('names product and flash-sale slots after their product', () => {
		expect(slotTitle('product', '恩施玉露')).toBe('产品讲解｜恩施玉露');
		expect(slotTitle('flash_sale', '恩施玉露')).toBe('秒杀｜恩施玉露');
		expect(slotTitle('product')).toBe('产品讲解');
		expect(slotTitle('flash_sale')).toBe(newSegment('flash_sale', makeIds()).title);
		expect(productSlot(makeProduct({ name: '恩施玉露' }), defaultMinutes('product'), makeIds())).toMatchObject({ title: '产品讲解｜恩施玉露', durationSec: 12 * 60 });
	});

	it('retitles a default title when the product changes, and keeps a written one', () => {
		expect(titleForProduct({ kind: 'product', title: '产品讲解' }, null, '恩施玉露')).toBe('产品讲解｜恩施玉露');
		expect(titleForProduct({ kind: 'flash_sale', title: '秒杀｜恩施玉露' }, '恩施玉露', '秭归脐橙')).toBe('秒杀｜秭归脐橙');
		expect(titleForProduct({ kind: 'product', title: '产品讲解｜别的' }, '恩施玉露', '秭归脐橙')).toBe('产品讲解｜别的');
		expect(titleForProduct({ kind: 'product', title: '家乡好茶' }, '恩施玉露', '秭归脐橙')).toBe('家乡好茶');
		expect(titleForProduct({ kind: 'product', title: '产品讲解｜恩施玉露' }, '恩施玉露', null)).toBe('产品讲解｜恩施玉露');
	});

	it('starts flash-sale terms from the price and at most 100 units', () => {
		expect(defaultFlashSale(1990, 500)).toEqual({ priceFen: 1990, quantity: 100, windowSec: 120, offsetSec: 60, rules: '' });
		expect(defaultFlashSale(1990, 30).quantity).toBe(30);
		expect(defaultFlashSale(1990, null).quantity).toBe(100);
		expect(defaultFlashSale(1990, 0).quantity).toBe(100);
	});
});
