/**
 * Time as the live screens show and take it: countdowns in mm:ss (overtime as +mm:ss) and the
 * producer's "add any amount" field.
 */

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A countdown (ms, negative = overtime) as the screens show it: '02:00', '00:05', '+00:07',
 * '1:02:03' from an hour up. Fractional seconds round up, so '00:01' shows until the last
 * millisecond and overtime reads '+00:01' once a whole second is over.
 */
export function formatCountdown(ms: number): string {
	const total = Math.ceil(ms / 1000);
	const abs = Math.abs(total);
	const h = Math.floor(abs / 3600);
	const m = Math.floor((abs % 3600) / 60);
	const s = abs % 60;
	const body = h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${pad2(m)}:${pad2(s)}`;
	return total < 0 ? `+${body}` : body;
}

/** Before the start, a day or more ahead: the screens show the date and time it starts rather than hundreds of hours. */
export function countdownShowsDate(untilStartMs: number): boolean {
	return untilStartMs >= 24 * 3600_000;
}

/** A signed duration for deltas and over/under: '+1:30', '−0:45', '0:00' (whole seconds, truncated). */
export function formatSigned(ms: number): string {
	const total = Math.trunc(ms / 1000);
	const abs = Math.abs(total);
	const h = Math.floor(abs / 3600);
	const m = Math.floor((abs % 3600) / 60);
	const s = abs % 60;
	const body = h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${m}:${pad2(s)}`;
	return total > 0 ? `+${body}` : total < 0 ? `−${body}` : body;
}

const FULLWIDTH = /[０-９＋－：]/g;

/**
 * A time adjustment typed by the producer, in ms (sign kept), or null when it is not one.
 * A bare number is minutes (`2`, `-1.5`); otherwise `1:30` (m:ss), `90s`, `90秒`, `2m`, `2分`,
 * `2分钟`, `1m30s`, `1分30秒`. A leading + or − sets the sign; full-width digits are fine. Zero is
 * not an adjustment.
 */
export function parseAdjustment(input: string): number | null {
	let s = input
		.replace(FULLWIDTH, (c) => ({ '＋': '+', '－': '-', '：': ':' })[c] ?? String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.replace(/[−–—]/g, '-')
		.replace(/\s+/g, '')
		.toLowerCase();
	if (!s) return null;
	let sign = 1;
	if (s[0] === '+' || s[0] === '-') {
		sign = s[0] === '-' ? -1 : 1;
		s = s.slice(1);
	}
	let ms: number | null = null;
	let m: RegExpExecArray | null;
	if ((m = /^(\d+(?:\.\d+)?)$/.exec(s))) ms = Number(m[1]) * 60_000;
	else if ((m = /^(\d+):([0-5]\d)$/.exec(s))) ms = (Number(m[1]) * 60 + Number(m[2])) * 1000;
	else if ((m = /^(?:(\d+(?:\.\d+)?)(?:m|min|分钟|分))?(?:(\d+)(?:s|sec|秒))?$/.exec(s)) && (m[1] || m[2])) {
		ms = Number(m[1] ?? 0) * 60_000 + Number(m[2] ?? 0) * 1000;
	}
	if (ms === null || !Number.isFinite(ms)) return null;
	ms = Math.round(ms / 1000) * 1000;
	return ms === 0 ? null : sign * ms;
}
