/** Times the demo seed places things at, in Asia/Shanghai wall-clock terms. */
import { shanghaiMidnight } from '../../src/lib/core/calendar';
import { shanghaiParts } from '../../src/lib/core/format';

export const DAY = 24 * 60 * 60 * 1000;

/** `hour:minute` Asia/Shanghai, `days` days after `now`'s Shanghai date (negative: before). */
export function shanghaiAt(now: number, days: number, hour: number, minute = 0): number {
	const p = shanghaiParts(now);
	return shanghaiMidnight(p.year, p.month, p.day + days) + (hour * 60 + minute) * 60_000;
}
