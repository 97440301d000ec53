import { describe, expect, it } from 'vitest';
import { printedRunSheet } from '../../src/lib/core/runsheet-print';
import { plannedSchedule, scheduleTotals } from '../../src/lib/core/schedule';
import { makeProduct, makeProducts, makeSegment, makeShow, MIN, START } from './factories';

describe('printedRunSheet', () => {
	const products = makeProducts(5);

	it('gives every segment, in order, the planned times the editor shows and the editor’s totals', () => {
		const show = makeShow({}, products);
		const sheet = printedRunSheet(show, products);
		expect(sheet.segments.map((s) => s.segment.id)).toEqual(show.segments.map((s) => s.id));
		expect(sheet.segments.map((s) => s.position)).toEqual(show.segments.map((_, i) => i + 1));
		expect(sheet.segments.map((s) => s.slot)).toEqual(plannedSchedule(show.startsAt, show.segments));
		expect(sheet.segments[1].slot.startAt).toBe(START);
		expect(sheet.totals).toEqual(scheduleTotals(show.startsAt, show.segments, show.plannedDurationMin));
		expect(sheet.totals.diffSec).toBe(0);
	});

	it('prints a slot’s product with the slot’s price over the library’s, the daily price to strike, and link numbers in the show’s platform order', () => {
		const tea = makeProduct({ id: 7, dailyPriceFen: 4900, livePriceFen: 3900, couponRule: '满99减10', stock: 500, spec: '250g/罐' });
		const slot = makeSegment({ id: 'tea', kind: 'product', productId: 7, livePriceFen: 3500, couponRule: '', stock: 200, linkNumbers: { kuaishou: 4, douyin: 3, taobao: 9 } });
		const show = makeShow({
			segments: [slot],
			platforms: [
				{ platform: 'douyin', roomUrl: 'https://live.douyin.com/1', accountName: '青春湖北', followers: 1, provincial: true },
				{ platform: 'kuaishou', roomUrl: 'https://live.kuaishou.com/1', accountName: '青春湖北', followers: 1, provincial: true },
				{ platform: 'douyin', roomUrl: 'https://live.douyin.com/2', accountName: '青春恩施', followers: 1, provincial: false }
			]
		});
		const [row] = printedRunSheet(show, [tea]).segments;
		expect(row.product).toMatchObject({ id: 7, spec: '250g/罐', dailyPriceFen: 4900, livePriceFen: 3500, couponRule: '满99减10', plannedStock: 200 });
		// Taobao is not one of the show's platforms; Douyin appears once.
		expect(row.product?.links).toEqual([
			{ platform: 'douyin', number: 3 },
			{ platform: 'kuaishou', number: 4 }
		]);
		expect(row.missingProductId).toBeNull();
	});

	it('leaves the daily price unstruck when it is not above the live price, and names a product the list lacks by id', () => {
		const cheap = makeProduct({ id: 2, dailyPriceFen: 1000, livePriceFen: 1000 });
		const show = makeShow({ segments: [makeSegment({ id: 'a', productId: 2 }), makeSegment({ id: 'b', productId: 99 }), makeSegment({ id: 'c' })] });
		const rows = printedRunSheet(show, [cheap]).segments;
		expect(rows[0].product?.dailyPriceFen).toBeNull();
		expect([rows[1].product, rows[1].missingProductId]).toEqual([null, 99]);
		expect([rows[2].product, rows[2].missingProductId]).toEqual([null, null]);
	});

	it('puts cues in time order on the clock, and the flash sale’s window after the segment’s planned start', () => {
		const sale = { priceFen: 1990, quantity: 200, windowSec: 120, offsetSec: 60, rules: '每人限购2份' };
		const show = makeShow({
			segments: [
				makeSegment({ id: 'open', kind: 'opening', durationSec: 300 }),
				makeSegment({
					id: 'flash',
					kind: 'flash_sale',
					durationSec: 300,
					flashSale: sale,
					cues: [
						{ id: 'c1', offsetSec: 60, text: '放库存 200', forHost: false },
						{ id: 'c2', offsetSec: 30, text: '改价 19.9', forHost: false },
						{ id: 'c3', offsetSec: 60, text: '秒杀开始', forHost: true }
					]
				})
			]
		});
		const row = printedRunSheet(show, []).segments[1];
		expect(row.slot.startAt).toBe(START + 5 * MIN);
		expect(row.cues.map((c) => [c.cue.id, c.at])).toEqual([
			['c2', START + 5 * MIN + 30_000],
			['c1', START + 6 * MIN],
			['c3', START + 6 * MIN]
		]);
		expect(row.flashSale).toEqual({ sale, startAt: START + 6 * MIN, endAt: START + 8 * MIN });
		expect(printedRunSheet(show, []).segments[0].flashSale).toBeNull();
	});
});
