/** Live-screen texts built from data in the UI language: alerts, schedule standing, times. */
import type { LiveAlertEvent } from '$lib/contract/live';
import { formatDuration, formatShanghai } from '$lib/core/format';
import { countdownShowsDate, type Standing } from '$lib/core/screens';
import { i18n, type MessageKey } from '$lib/i18n';

/** An alert as one sentence. */
export function alertText(alert: LiveAlertEvent): string {
	const data = alert.data ?? {};
	return i18n.t(`live.alert.${alert.kind}` as MessageKey, {
		text: String(data.text ?? ''),
		min: Math.round(Number(data.driftMs ?? 0) / 60_000),
		device: String(data.deviceName || i18n.t('live.watch.unnamed'))
	});
}

/** '落后 2:10' / '2:10 behind' / '按计划进行'. */
export function standingText(standing: Standing): string {
	if (standing.kind === 'on_time') return i18n.t('screens.standing.on_time');
	return i18n.t(`screens.standing.${standing.kind}`, { t: formatDuration(standing.ms) });
}

/**
 * The label over the countdown before the start (`untilStartMs` null: not known yet): past the
 * start; a day or more ahead, when the countdown shows the date, what starts then; otherwise what it
 * counts to. `warmup`: the run opens with a warm-up before the announced start (`warmupAt`), which
 * is then what the countdown counts to.
 */
export function readyLabel(untilStartMs: number | null, warmup: boolean): string {
	const until = untilStartMs ?? 0;
	if (until < 0) return i18n.t('screens.pastStart');
	if (countdownShowsDate(until)) return i18n.t(warmup ? 'screens.warmupOn' : 'screens.startsOn');
	return i18n.t(warmup ? 'screens.untilWarmup' : 'screens.untilStart');
}

/** A time of day in Asia/Shanghai, 'HH:mm'. */
export function clockTime(ms: number): string {
	return formatShanghai(ms, 'time', i18n.locale);
}

/** A time of day with seconds, 'HH:mm:ss' (alerts, messages). */
export function clockTimeSec(ms: number): string {
	return formatShanghai(ms, 'timeSec', i18n.locale);
}
