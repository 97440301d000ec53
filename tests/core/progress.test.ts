import { describe, expect, it } from 'vitest';
import { nominationStanding } from '../../src/lib/core/planning';
import { campaignProgress } from '../../src/lib/core/progress';
import { UNIT_CODES } from '../../src/lib/core/units';
import { DAY, makeShow, START } from './factories';

describe('campaign progress', () => {
	const now = START;
	const show = (id: number, unitCode: string, kind: 'demo' | 'city', status: 'draft' | 'ended' | 'approved', days: number, extra = {}) =>
		makeShow({ id, unitCode, kind, status, startsAt: now + days * DAY, reportedAt: now + days * DAY - 5 * DAY, posterPublishedAt: now + days * DAY - 5 * DAY, ...extra });

	it('counts shows held against the targets, per city and for the provincial demos', () => {
		const shows = [
			show(1, 'hubei', 'demo', 'ended', -20),
			show(2, 'hubei', 'demo', 'approved', -10), // held: it has a finished live run
			show(3, 'hubei', 'demo', 'draft', 10),
			show(4, 'wuhan', 'city', 'ended', -5),
			show(5, 'wuhan', 'city', 'ended', -3),
			show(6, 'enshi', 'city', 'ended', -3),
			show(7, 'enshi', 'city', 'draft', 7)
		];
		const products = [
			...Array.from({ length: 6 }, () => ({ unitCode: 'wuhan', status: 'candidate' as const })),
			{ unitCode: 'wuhan', status: 'archived' as const },
			...Array.from({ length: 9 }, (_, i) => ({ unitCode: 'enshi', status: i < 3 ? ('selected' as const) : ('candidate' as const) })),
			{ unitCode: 'yichang', status: 'selected' as const }
		];
		const trainings = [
			{ unitCode: 'hubei', startsAt: now - 30 * DAY },
			{ unitCode: 'wuhan', startsAt: now - 2 * DAY },
			{ unitCode: 'enshi', startsAt: now + 2 * DAY }
		];
		const p = campaignProgress({ shows, heldShowIds: new Set([2]), products, trainings, unitCodes: UNIT_CODES, now });
		expect(p.demo).toEqual({ held: 2, upcoming: 1, target: 15 });
		expect(p.library).toEqual({ selected: 4, nominated: 16, target: 50 });
		expect(p.training).toEqual({ provincial: 1, citiesCovered: 1, cities: 17 });
		expect(p.cities).toEqual({ showsOnTarget: 1, productsOnTarget: 1, count: 17 });
		const wuhan = p.units.find((u) => u.unitCode === 'wuhan')!;
		expect(wuhan).toEqual({ unitCode: 'wuhan', kind: 'city', shows: { held: 2, upcoming: 0 }, products: { nominated: 6, selected: 0, status: 'within' }, training: { held: 1, planned: 0 }, onTrack: true });
		const enshi = p.units.find((u) => u.unitCode === 'enshi')!;
		expect(enshi).toMatchObject({ shows: { held: 1, upcoming: 1 }, products: { nominated: 9, status: 'above' }, training: { held: 0, planned: 1 }, onTrack: false });
		expect(p.units.find((u) => u.unitCode === 'yichang')!.products.status).toBe('below');
		expect(p.units).toHaveLength(18);
	});

	it('flags shows not reported in time and posters overdue, only for shows not yet held', () => {
		const shows = [
			show(1, 'wuhan', 'city', 'draft', 2, { reportedAt: null, posterPublishedAt: null }),
			show(2, 'enshi', 'city', 'approved', 1, { posterPublishedAt: null }),
			show(3, 'yichang', 'city', 'draft', 10, { reportedAt: null, posterPublishedAt: null }),
			show(4, 'hubei', 'demo', 'ended', -5, { reportedAt: null })
		];
		const p = campaignProgress({ shows, heldShowIds: new Set(), products: [], trainings: [], unitCodes: UNIT_CODES, now });
		expect(p.attention.map((a) => [a.showId, a.issues.map((i) => i.code)])).toEqual([
			[2, ['POSTER_LATE']],
			[1, ['REPORT_LATE', 'POSTER_LATE']]
		]);
		expect(p.attention[1].issues[0]).toEqual({ code: 'REPORT_LATE', deadline: now + 2 * DAY - 3 * DAY, doneAt: null });
	});

	it('limits everything to the units in scope', () => {
		const shows = [show(1, 'hubei', 'demo', 'ended', -3), show(2, 'wuhan', 'city', 'ended', -3)];
		const p = campaignProgress({ shows, heldShowIds: new Set(), products: [{ unitCode: 'enshi', status: 'selected' }], trainings: [], unitCodes: ['wuhan'], now });
		expect(p.units.map((u) => u.unitCode)).toEqual(['wuhan']);
		expect(p.demo.held).toBe(0);
		expect(p.library.nominated).toBe(0);
	});

	it('grades nominations against 5–8', () => {
		expect([0, 4, 5, 8, 9].map(nominationStanding)).toEqual(['below', 'below', 'within', 'within', 'above']);
	});
});
