import { describe, expect, it } from 'vitest';
import { addMonths, monthGrid, monthKey, monthOf, monthRange, parseMonthKey } from '../../src/lib/core/calendar';
import { durationText, nominationStanding, parseDurationText, planningIssues, unitMayUse, type PlanningContext } from '../../src/lib/core/planning';
import { DAY, START } from './factories';

const ctx = (overrides: Partial<PlanningContext> = {}): PlanningContext => ({
	now: START - 10 * DAY,
	products: new Map([
		[1, { unitCode: 'enshi' }],
		[2, { unitCode: 'wuhan' }]
	]),
	people: new Map([
		[10, { unitCode: 'enshi' }],
		[11, { unitCode: 'wuhan' }]
	]),
	...overrides
});
const draft = { unitCode: 'enshi', startsAt: START, hostIds: [10], guestIds: [] as number[] };
const codes = (issues: { path: string; code: string }[]) => issues.map((i) => `${i.path}:${i.code}`);

describe('planningIssues', () => {
	it('refuses a start before now, at the millisecond; a saved past start may stay', () => {
		expect(planningIssues({ ...draft, startsAt: START }, ctx({ now: START }))).toEqual([]);
		expect(codes(planningIssues({ ...draft, startsAt: START - 1 }, ctx({ now: START })))).toEqual(['startsAt:start_in_past']);
		expect(planningIssues({ ...draft, startsAt: START - 1 }, ctx({ now: START, savedStartsAt: START - 1 }))).toEqual([]);
		expect(codes(planningIssues({ ...draft, startsAt: START - 2 }, ctx({ now: START, savedStartsAt: START - 1 })))).toEqual(['startsAt:start_in_past']);
	});

	it('a city show uses its own unit’s products and people; a province show any unit’s', () => {
		const segments = [
			{ id: 'a', productId: 1 },
			{ id: 'b', productId: 2 },
			{ id: 'c', productId: null },
			{ id: 'd', productId: 3 }
		];
		expect(codes(planningIssues({ ...draft, hostIds: [10, 11, 12], segments }, ctx()))).toEqual([
			'hostIds.1:person_other_unit',
			'hostIds.2:unknown_person',
			'segments.1.productId:product_other_unit',
			'segments.3.productId:unknown_product'
		]);
		expect(codes(planningIssues({ ...draft, unitCode: 'hubei', hostIds: [10, 11], segments: segments.slice(0, 3) }, ctx()))).toEqual([]);
		expect(unitMayUse('hubei', 'wuhan')).toBe(true);
		expect(unitMayUse('wuhan', 'hubei')).toBe(false);
	});

	it('refuses the same person twice, or as host and guest', () => {
		expect(codes(planningIssues({ ...draft, hostIds: [10], guestIds: [10] }, ctx()))).toEqual(['guestIds.0:duplicate_person']);
	});

	it('checks the products a new show starts with, and segment ids used elsewhere', () => {
		expect(codes(planningIssues({ ...draft, productIds: [1, 9] }, ctx()))).toEqual(['productIds.1:unknown_product']);
		expect(codes(planningIssues({ ...draft, segments: [{ id: 'x', productId: null }] }, ctx({ idsTakenElsewhere: new Set(['x']) })))).toEqual(['segments.0.id:duplicate_id']);
	});
});

describe('typed durations', () => {
	it.each([
		['12', 720],
		['12.5', 750],
		[' 12 分钟', 720],
		['12分', 720],
		['12min', 720],
		['１２：３０', 750],
		['12:30', 750],
		['0:45', 45],
		['1:05:00', 3900],
		['0', 0],
		['90:00', 5400]
	])('%s → %i s', (text, sec) => expect(parseDurationText(text)).toBe(sec));

	it.each(['', 'abc', '-5', '12:60', '1:60:00', '12:3', '1.234'])('refuses %j', (text) => expect(parseDurationText(text)).toBeNull());

	it('prints what it parses back', () => {
		for (const sec of [0, 45, 750, 3900, 5400]) expect(parseDurationText(durationText(sec))).toBe(sec);
		expect(durationText(3900)).toBe('1:05:00');
	});
});

describe('nominations against 5–8', () => {
	it('is below at 4, within at 5 and 8, above at 9', () => {
		expect([4, 5, 8, 9].map(nominationStanding)).toEqual(['below', 'within', 'within', 'above']);
	});
});

describe('month calendar in Asia/Shanghai', () => {
	it('covers December 2026 in Monday-first weeks, with Shanghai midnights', () => {
		const ym = { year: 2026, month: 12 };
		const weeks = monthGrid(ym);
		expect(weeks).toHaveLength(5);
		// 1 December 2026 is a Tuesday: the grid starts on Monday 30 November.
		expect(weeks[0][0]).toMatchObject({ date: '2026-11-30', inMonth: false, weekday: 1 });
		expect(weeks[0][1]).toMatchObject({ date: '2026-12-01', inMonth: true, startAt: Date.UTC(2026, 10, 30, 16) });
		expect(weeks[4][6]).toMatchObject({ date: '2027-01-03', inMonth: false, weekday: 0 });
		// START (19:00 Shanghai on 12 December) falls on the 12th.
		const day = weeks.flat().find((d) => d.startAt <= START && START < d.endAt);
		expect(day?.date).toBe('2026-12-12');
		expect(monthRange(ym)).toEqual({ from: Date.UTC(2026, 10, 30, 16), to: Date.UTC(2026, 11, 31, 16) });
	});

	it('finds the Shanghai month of an instant near midnight, steps months, reads keys', () => {
		// 31 Dec 2026 16:30 UTC is 1 Jan 2027 00:30 in Shanghai.
		expect(monthOf(Date.UTC(2026, 11, 31, 16, 30))).toEqual({ year: 2027, month: 1 });
		// 2026-11-30 17:00 UTC is already December 1st in Shanghai.
		expect(monthKey(monthOf(Date.UTC(2026, 10, 30, 17)))).toBe('2026-12');
		expect(addMonths({ year: 2026, month: 12 }, 1)).toEqual({ year: 2027, month: 1 });
		expect(addMonths({ year: 2026, month: 1 }, -1)).toEqual({ year: 2025, month: 12 });
		expect(monthKey({ year: 2026, month: 3 })).toBe('2026-03');
		expect(parseMonthKey('2026-03')).toEqual({ year: 2026, month: 3 });
		expect(parseMonthKey('2026-13')).toBeNull();
		expect(parseMonthKey('2026-00')).toBeNull();
		expect(parseMonthKey(null)).toBeNull();
		// February 2027 starts on a Monday and has 4 weeks exactly.
		expect(monthGrid({ year: 2027, month: 2 })).toHaveLength(4);
	});
});
