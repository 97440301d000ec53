/**
 * A month calendar in Asia/Shanghai: weeks from Monday to Sunday, each day with the instants it
 * spans, so shows can be placed on the day they start whatever the viewer's own time zone. Pure.
 */
import type { EpochMs } from './model';
import { SHANGHAI_OFFSET_MS as OFFSET_MS, shanghaiParts } from './format';

const DAY_MS = 24 * 3600_000;

export interface YearMonth {
	year: number;
	/** 1–12 */
	month: number;
}

export interface CalendarDay {
	/** 'YYYY-MM-DD' (Shanghai date). */
	date: string;
	day: number;
	/** Shanghai midnight that starts the day, epoch ms. */
	startAt: EpochMs;
	/** The next midnight, epoch ms (exclusive). */
	endAt: EpochMs;
	/** False for the days of the neighbouring months that fill the first and last week. */
	inMonth: boolean;
	/** 0 = Sunday … 6 = Saturday */
	weekday: number;
}

/** Shanghai midnight at the start of a date, epoch ms. */
export function shanghaiMidnight(year: number, month: number, day: number): EpochMs {
	return Date.UTC(year, month - 1, day) - OFFSET_MS;
}

/** The Shanghai month an instant falls in. */
export function monthOf(epochMs: EpochMs): YearMonth {
	const p = shanghaiParts(epochMs);
	return { year: p.year, month: p.month };
}

/** The month `n` months after `ym` (negative goes back). */
export function addMonths(ym: YearMonth, n: number): YearMonth {
	const index = ym.year * 12 + (ym.month - 1) + n;
	return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** [from, to) of a Shanghai month, epoch ms. */
export function monthRange(ym: YearMonth): { from: EpochMs; to: EpochMs } {
	const next = addMonths(ym, 1);
	return { from: shanghaiMidnight(ym.year, ym.month, 1), to: shanghaiMidnight(next.year, next.month, 1) };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The weeks (Monday first) that cover a month: 4 to 6 rows of 7 days. */
export function monthGrid(ym: YearMonth): CalendarDay[][] {
	const { from, to } = monthRange(ym);
	const firstWeekday = new Date(from + OFFSET_MS).getUTCDay();
	// Back to the Monday on or before the 1st.
	let at = from - ((firstWeekday + 6) % 7) * DAY_MS;
	const weeks: CalendarDay[][] = [];
	while (at < to) {
		const week: CalendarDay[] = [];
		for (let i = 0; i < 7; i++, at += DAY_MS) {
			const d = new Date(at + OFFSET_MS);
			week.push({
				date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
				day: d.getUTCDate(),
				startAt: at,
				endAt: at + DAY_MS,
				inMonth: at >= from && at < to,
				weekday: d.getUTCDay()
			});
		}
		weeks.push(week);
	}
	return weeks;
}

/** 'YYYY-MM' for a month, as URLs carry it. */
export function monthKey(ym: YearMonth): string {
	return `${ym.year}-${pad(ym.month)}`;
}

/** A 'YYYY-MM' month key (month 01–12), as URLs and the progress query carry it. */
export const MONTH_KEY_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month of a 'YYYY-MM' key, or null. */
export function parseMonthKey(key: string | null | undefined): YearMonth | null {
	const m = MONTH_KEY_PATTERN.exec(key ?? '');
	return m ? { year: Number(m[1]), month: Number(m[2]) } : null;
}
