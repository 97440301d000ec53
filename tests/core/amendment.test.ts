import { describe, expect, it } from 'vitest';
import { AMENDED_PARTS, amendment, contentChanges, isUnderReview, SHOW_CONTENT_FIELDS } from '../../src/lib/core/amendment';
import { SHOW_STATUSES } from '../../src/lib/core/model';
import { makeShow } from './factories';

const show = makeShow();
const product = show.segments.findIndex((s) => s.productId !== null);
const withSegment = (i: number, change: object) => show.segments.map((s, j) => (j === i ? { ...s, ...change } : s));

describe('contentChanges', () => {
	it('finds nothing when the same content comes back, whatever the order of object keys', () => {
		const reordered = {
			...show,
			platforms: show.platforms.map((p) => Object.fromEntries(Object.entries(p).reverse()) as typeof p),
			commission: { note: '', listingFee: false, charged: false },
			segments: show.segments.map((s) => Object.fromEntries(Object.entries(s).reverse()) as typeof s)
		};
		expect(contentChanges(show, reordered)).toEqual([]);
		expect(contentChanges(show, {})).toEqual([]);
	});

	it('counts every show field', () => {
		for (const field of SHOW_CONTENT_FIELDS) {
			const value = typeof show[field] === 'number' ? (show[field] as number) + 1 : typeof show[field] === 'string' ? `${show[field]}x` : [99];
			expect(contentChanges(show, { [field]: field === 'commission' ? { ...show.commission, note: 'x' } : value }), field).toEqual([field]);
		}
	});

	it('names the run-sheet, what is sold and what is said', () => {
		expect(contentChanges(show, { segments: withSegment(product, { livePriceFen: 1 }) })).toEqual(['products']);
		expect(contentChanges(show, { segments: withSegment(product, { flashSale: { priceFen: 100, quantity: 10, windowSec: 60, offsetSec: 0, rules: '' } }) })).toEqual(['products']);
		expect(contentChanges(show, { segments: withSegment(0, { script: '大家好' }) })).toEqual(['script']);
		expect(contentChanges(show, { segments: withSegment(0, { speakers: ['嘉宾'] }) })).toEqual(['script']);
		expect(contentChanges(show, { segments: withSegment(0, { title: '新环节' }) })).toEqual(['runSheet']);
		expect(contentChanges(show, { segments: [show.segments[1], show.segments[0], ...show.segments.slice(2)] })).toEqual(['runSheet']);
		// A product segment removed: the run-sheet, what is sold and (its script) what is said.
		expect(show.segments[product].script).not.toBe('');
		expect(contentChanges(show, { segments: show.segments.filter((_, i) => i !== product) })).toEqual(['runSheet', 'products', 'script']);
		expect(contentChanges(show, { title: 'x', segments: withSegment(product, { stock: 3 }) })).toEqual(['title', 'products']);
	});

	it('leaves producer-side details out: notes, cues, link numbers, segment lengths', () => {
		const producer = show.segments.map((s) => ({
			...s,
			notes: '备货',
			durationSec: s.durationSec + 30,
			linkNumbers: { douyin: 2 },
			cues: [{ id: `${s.id}-cue`, offsetSec: 10, text: '上链接', forHost: true }]
		}));
		expect(contentChanges(show, { segments: producer })).toEqual([]);
	});
});

describe('amendment', () => {
	it('only concerns reported and approved shows, and only content changes', () => {
		expect(SHOW_STATUSES.filter(isUnderReview)).toEqual(['reported', 'approved']);
		for (const status of ['draft', 'live', 'ended'] as const) expect(amendment({ status, amendment: null }, ['title'], 'a', 1)).toBeUndefined();
		expect(amendment({ status: 'approved', amendment: null }, [], 'a', 1)).toBeUndefined();
	});

	it('sends an approved show back to reported and remembers it was approved; merges later changes in the listed order', () => {
		const first = amendment({ status: 'approved', amendment: null }, ['products'], '武汉团委', 100);
		expect(first).toEqual({ status: 'reported', approvedAt: null, approvedBy: null, amendment: { at: 100, by: '武汉团委', parts: ['products'], from: 'approved' } });
		const second = amendment({ status: 'reported', amendment: first!.amendment }, ['title', 'products'], '团省委', 200);
		expect(second?.amendment).toEqual({ at: 200, by: '团省委', parts: ['title', 'products'], from: 'approved' });
		expect(amendment({ status: 'reported', amendment: null }, ['script'], 'x', 1)?.amendment.from).toBe('reported');
		expect(AMENDED_PARTS.indexOf('title')).toBeLessThan(AMENDED_PARTS.indexOf('products'));
	});
});
