import { describe, expect, it } from 'vitest';
import {
	fenToYuanString,
	formatDuration,
	formatFen,
	formatShanghai,
	parseShanghaiLocal,
	parseYuan,
	SHANGHAI_FIXED_OFFSET_FROM,
	shanghaiParts,
	shanghaiPartsByTimeZone,
	toShanghaiLocalInput
} from '../../src/lib/core/format';

describe('money', () => {
	it('formats fen as yuan with two decimals', () => {
		expect(formatFen(3990)).toBe('¥39.90');
		expect(formatFen(0)).toBe('¥0.00');
		expect(formatFen(5)).toBe('¥0.05');
		expect(formatFen(129900)).toBe('¥1299.00');
		expect(formatFen(-100)).toBe('-¥1.00');
		expect(fenToYuanString(3990)).toBe('39.90');
		expect(fenToYuanString(7)).toBe('0.07');
	});

	it('parses the ways people write prices', () => {
		expect(parseYuan(39.9)).toBe(3990);
		expect(parseYuan('39.9')).toBe(3990);
		expect(parseYuan('¥39.9')).toBe(3990);
		expect(parseYuan('￥39.90')).toBe(3990);
		expect(parseYuan('39.90元')).toBe(3990);
		expect(parseYuan(' 39 元 ')).toBe(3900);
		expect(parseYuan('1,299.00')).toBe(129900);
		expect(parseYuan('1,234,567')).toBe(123456700);
		expect(parseYuan('３９．９')).toBe(3990);
		expect(parseYuan('0')).toBe(0);
		expect(parseYuan(0)).toBe(0);
		expect(parseYuan('.5')).toBe(50);
	});

	it('does not suffer float rounding', () => {
		expect(parseYuan(19.99)).toBe(1999);
		expect(parseYuan('19.99')).toBe(1999);
		expect(parseYuan(0.29)).toBe(29);
		expect(parseYuan(1.15)).toBe(115);
		expect(parseYuan(4.35)).toBe(435);
	});

	it('refuses negatives, extra decimals and garbage', () => {
		for (const bad of ['-1', -1, '39.999', 39.999, '', '   ', '¥', '元', 'abc', '12a', '1,29.00', '1.2.3', '39 .9', NaN, Infinity, '1e3', '¥-5']) {
			expect(parseYuan(bad as string | number), String(bad)).toBeNull();
		}
	});

	it('round-trips every integer fen from 0 to 100000', () => {
		for (let fen = 0; fen <= 100_000; fen++) {
			if (parseYuan(formatFen(fen)) !== fen || parseYuan(fenToYuanString(fen)) !== fen) {
				expect.fail(`fen ${fen} → ${formatFen(fen)} does not parse back`);
			}
			// As a number too, the way a spreadsheet cell holds it.
			if (parseYuan(fen / 100) !== fen) expect.fail(`number ${fen / 100} does not parse to ${fen}`);
		}
		expect(parseYuan(formatFen(100_000))).toBe(100_000);
	});
});

describe('Asia/Shanghai time', () => {
	const at = (iso: string) => Date.parse(iso);

	it('formats in Shanghai whatever the runtime time zone', () => {
		const t = at('2026-12-12T11:00:00Z'); // 19:00 in Shanghai, Saturday
		expect(formatShanghai(t, 'datetime', 'zh-CN')).toBe('2026年12月12日 19:00');
		expect(formatShanghai(t, 'date', 'zh-CN')).toBe('2026年12月12日');
		expect(formatShanghai(t, 'time', 'zh-CN')).toBe('19:00');
		expect(formatShanghai(t, 'poster', 'zh-CN')).toBe('12月12日（周六）19:00');
		expect(formatShanghai(t, 'datetime', 'en')).toBe('Dec 12, 2026, 19:00');
		expect(formatShanghai(t, 'date', 'en')).toBe('Dec 12, 2026');
		expect(formatShanghai(t, 'poster', 'en')).toBe('Sat, Dec 12, 19:00');
	});

	it('turns the day at 16:00 UTC, not at UTC midnight', () => {
		const justBefore = at('2026-12-12T15:59:59Z');
		const midnight = at('2026-12-12T16:00:00Z');
		expect(formatShanghai(justBefore, 'poster', 'zh-CN')).toBe('12月12日（周六）23:59');
		expect(formatShanghai(justBefore, 'timeSec', 'zh-CN')).toBe('23:59:59');
		expect(formatShanghai(midnight + 5_999, 'timeSec', 'en')).toBe('00:00:05');
		expect(formatShanghai(midnight, 'poster', 'zh-CN')).toBe('12月13日（周日）00:00');
		expect(formatShanghai(midnight, 'time', 'en')).toBe('00:00');
		expect(shanghaiParts(midnight)).toEqual({ year: 2026, month: 12, day: 13, hour: 0, minute: 0, second: 0, weekday: 0 });
		// New year and a leap day.
		expect(formatShanghai(at('2026-12-31T16:00:00Z'), 'datetime', 'zh-CN')).toBe('2027年1月1日 00:00');
		expect(formatShanghai(at('2026-12-31T15:59:00Z'), 'date', 'en')).toBe('Dec 31, 2026');
		expect(formatShanghai(at('2028-02-28T16:00:00Z'), 'poster', 'zh-CN')).toBe('2月29日（周二）00:00');
		// UTC midnight is 08:00 the same day in Shanghai.
		expect(formatShanghai(at('2026-07-01T00:00:00Z'), 'datetime', 'zh-CN')).toBe('2026年7月1日 08:00');
	});

	it('reads wall-clock fields by the fixed offset exactly as the time zone database does, from 1992 to 2200', () => {
		const end = at('2200-01-01T00:00:00Z');
		// Every day boundary and hour of a few years, then 20,000 instants spread over the range.
		const instants = [SHANGHAI_FIXED_OFFSET_FROM - 1, SHANGHAI_FIXED_OFFSET_FROM, at('1991-09-14T16:00:00Z'), at('2000-02-29T15:59:59.999Z'), at('2038-01-19T03:14:08Z'), end];
		for (let t = at('2026-01-01T00:00:00Z'); t < at('2029-01-01T00:00:00Z'); t += 3600_000) instants.push(t, t - 1);
		let seed = 0x2f6e2b1;
		for (let i = 0; i < 20_000; i++) {
			seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
			instants.push(SHANGHAI_FIXED_OFFSET_FROM + Math.floor((seed / 2 ** 32) * (end - SHANGHAI_FIXED_OFFSET_FROM)));
		}
		for (const t of instants) expect(shanghaiParts(t), new Date(t).toISOString()).toEqual(shanghaiPartsByTimeZone(t));
		// Before 1992 (daylight saving 1986–1991) the database answers: 1991-07-01 12:00 UTC was 21:00 in Shanghai.
		expect(shanghaiParts(at('1991-07-01T12:00:00Z')).hour).toBe(21);
	});

	it('parses datetime-local input as Shanghai wall-clock time and back', () => {
		expect(parseShanghaiLocal('2026-12-12T19:00')).toBe(at('2026-12-12T11:00:00Z'));
		expect(parseShanghaiLocal('2026-12-13T00:00')).toBe(at('2026-12-12T16:00:00Z'));
		expect(parseShanghaiLocal('2026-12-12 07:30:15')).toBe(at('2026-12-11T23:30:15Z'));
		expect(toShanghaiLocalInput(at('2026-12-12T16:00:00Z'))).toBe('2026-12-13T00:00');
		expect(toShanghaiLocalInput(at('2026-12-12T15:59:00Z'))).toBe('2026-12-12T23:59');
		for (const local of ['2026-01-01T00:00', '2026-06-30T23:59', '2028-02-29T12:00', '2026-12-12T19:00']) {
			expect(toShanghaiLocalInput(parseShanghaiLocal(local)!)).toBe(local);
		}
	});

	it('refuses malformed and impossible local times', () => {
		for (const bad of ['', '2026-12-12', '2026-13-01T10:00', '2026-02-30T10:00', '2027-02-29T10:00', '2026-12-12T24:00', '2026-12-12T19:60', '12/12/2026 19:00', '2026-12-12T19:00Z']) {
			expect(parseShanghaiLocal(bad), bad).toBeNull();
		}
	});
});

describe('formatDuration', () => {
	it('shows m:ss under an hour and h:mm:ss above', () => {
		expect(formatDuration(0)).toBe('0:00');
		expect(formatDuration(59_999)).toBe('0:59');
		expect(formatDuration(754_000)).toBe('12:34');
		expect(formatDuration(3_599_000)).toBe('59:59');
		expect(formatDuration(3_600_000)).toBe('1:00:00');
		expect(formatDuration(5_405_000)).toBe('1:30:05');
	});

	it('signs negative durations, + for overtime', () => {
		expect(formatDuration(-65_000)).toBe('-1:05');
		expect(formatDuration(-65_000, { sign: 'overtime' })).toBe('+1:05');
		expect(formatDuration(65_000, { sign: 'overtime' })).toBe('1:05');
		expect(formatDuration(-3_725_000, { sign: 'overtime' })).toBe('+1:02:05');
	});

	it('counts down with ceil: 0:01, then 0:00 for one second, then +0:01', () => {
		const countdown = (ms: number) => formatDuration(ms, { sign: 'overtime', rounding: 'ceil' });
		expect(countdown(1)).toBe('0:01');
		expect(countdown(1000)).toBe('0:01');
		expect(countdown(0)).toBe('0:00');
		expect(countdown(-999)).toBe('0:00');
		expect(countdown(-1000)).toBe('+0:01');
		expect(countdown(119_001)).toBe('2:00');
		expect(formatDuration(119_999)).toBe('1:59');
	});
});
