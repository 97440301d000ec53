/**
 * Alerts implied by the live state. The runtime service arms one timer at `nextAlertAt` and, when
 * it fires (and after every accepted command), emits `alertsBetween(last check, now]`, firing each
 * alert key at most once.
 *
 * Keys are deterministic and distinct per occurrence. Alerts on the segment's clock (segment end,
 * cues, flash-sale lead-ins) are keyed by segment id, segment start and their instant on that clock,
 * so a pause postpones them without renaming them (no second fire after resume) while add-time
 * renames the segment-end ones (the 2-min warning re-arms at its new time). Wall-clock alerts are
 * keyed by their instant.
 *
 * Because the state keeps only the pause total, an alert that fell before the last pause is listed
 * at its old segment-clock instant shifted by the whole total: its `at` is exact only from the last
 * resume on. That is why de-duplication is by key.
 */
import type { EpochMs } from '../model';
import type { LiveSheet, LiveState } from './state';
import { plannedRunEndAt, segmentClock, WARNING_REMAINING_MS, DANGER_REMAINING_MS } from './timing';

export const ALERT_KINDS = [
	'warmup_opened',
	'announced_start',
	'segment_ending_2m',
	'segment_ending_30s',
	'segment_overtime',
	'flash_sale_soon_60s',
	'flash_sale_soon_10s',
	'flash_sale_ended',
	'cue_due',
	'show_end_10m',
	'behind_schedule',
	'host_offline'
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
/**
 * Kinds raised by the runtime from what it sees rather than from the live state: `host_offline`
 * (a host screen left and did not come back within a grace period). `liveAlerts` never lists them.
 */
export const PRESENCE_ALERT_KINDS = ['host_offline'] as const satisfies readonly AlertKind[];

export interface Alert {
	/** Stable per occurrence: the service fires each key once. */
	key: string;
	kind: AlertKind;
	/** When it is due, epoch ms (server clock). */
	at: EpochMs;
	segmentId?: string;
	cueId?: string;
	data?: Record<string, number | string>;
}

/** Lead times of the flash-sale warnings, ms before the planned sale start. */
export const FLASH_SALE_SOON_MS = { flash_sale_soon_60s: 60_000, flash_sale_soon_10s: 10_000 } as const;
/** Time left in the show at which `show_end_10m` fires, ms. */
export const SHOW_END_WARNING_MS = 10 * 60_000;
/** Drift (behind schedule) at which `behind_schedule` fires, ms. */
export const BEHIND_SCHEDULE_MS = 5 * 60_000;

/**
 * Every alert the current state implies, past or future, sorted by `at` then `key`. Nothing while
 * ready or ended. While paused the segment's clock stands still, so its alerts (segment end, cues,
 * flash-sale lead-ins, show end) are left out until it resumes; wall-clock ones (announced start,
 * flash-sale end, behind schedule) stay.
 */
export function liveAlerts(state: LiveState, sheet: LiveSheet): Alert[] {
	if ((state.status !== 'live' && state.status !== 'paused') || state.startedAt === null) return [];
	const run = state.startedAt;
	const alerts: Alert[] = [{ key: `warmup_opened:${run}`, kind: 'warmup_opened', at: run }];
	if (state.plannedStartAt !== null) {
		alerts.push({ key: `announced_start:${run}:${state.plannedStartAt}`, kind: 'announced_start', at: state.plannedStartAt });
	}
	const sale = state.flashSale;
	if (sale) {
		alerts.push({
			key: `flash_sale_ended:${sale.segmentId}:${sale.startedAt}:${sale.endsAt}`,
			kind: 'flash_sale_ended',
			at: sale.endsAt,
			segmentId: sale.segmentId,
			data: { priceFen: sale.priceFen, quantity: sale.quantity }
		});
	}

	const clock = segmentClock(state, sheet);
	if (!clock || !clock.segment || state.segmentStartedAt === null) return sorted(alerts);
	const segment = clock.segment;
	const occurrence = `${segment.id}:${state.segmentStartedAt}`;
	// Alerts that a command made due at once are dated by that command.
	const madeDueAt = state.updatedAt ?? state.segmentStartedAt;

	const plannedEnd = plannedRunEndAt(state, sheet);
	if (plannedEnd !== null) {
		// Projected end is max(t, segment end) + rest while live, t + frozen remaining + rest while paused.
		const frozenRemainingMs = clock.frozenAt === null ? null : Math.max(0, clock.lengthMs - (clock.frozenAt - clock.zeroAt));
		const projectedEnd = (t: EpochMs) =>
			frozenRemainingMs === null ? Math.max(t, clock.zeroAt + clock.lengthMs) + clock.restMs : t + frozenRemainingMs + clock.restMs;
		// Drift only grows from here on (1 ms per ms once the segment is over time or paused).
		const slopeFrom = clock.frozenAt ?? clock.zeroAt + clock.lengthMs;
		const behindAlready = projectedEnd(slopeFrom) - plannedEnd >= BEHIND_SCHEDULE_MS;
		const crossing = behindAlready ? -Infinity : plannedEnd + BEHIND_SCHEDULE_MS - (projectedEnd(slopeFrom) - slopeFrom);
		const at = Math.max(crossing, madeDueAt);
		alerts.push({
			key: `behind_schedule:${occurrence}`,
			kind: 'behind_schedule',
			at,
			segmentId: segment.id,
			data: { driftMs: projectedEnd(at) - plannedEnd }
		});
	}

	if (state.status !== 'live') return sorted(alerts);
	const onClock = (ms: number) => clock.zeroAt + ms;
	const segmentEnd = (kind: AlertKind, leadMs: number) => {
		const ms = clock.lengthMs - leadMs;
		// A segment shorter than the lead time starts inside the warning: nothing to announce.
		if (ms < 0) return;
		alerts.push({ key: `${kind}:${occurrence}:${ms}`, kind, at: onClock(ms), segmentId: segment.id });
	};
	segmentEnd('segment_ending_2m', WARNING_REMAINING_MS);
	segmentEnd('segment_ending_30s', DANGER_REMAINING_MS);
	segmentEnd('segment_overtime', 0);

	const plan = segment.flashSale;
	const saleStarted = sale !== null && sale.segmentId === segment.id && sale.startedAt >= state.segmentStartedAt;
	if (plan && !saleStarted) {
		for (const kind of ['flash_sale_soon_60s', 'flash_sale_soon_10s'] as const) {
			const ms = plan.offsetSec * 1000 - FLASH_SALE_SOON_MS[kind];
			if (ms < 0) continue;
			alerts.push({
				key: `${kind}:${occurrence}:${ms}`,
				kind,
				at: onClock(ms),
				segmentId: segment.id,
				data: { priceFen: plan.priceFen, quantity: plan.quantity }
			});
		}
	}

	for (const cue of segment.cues) {
		if (state.cuesDone.includes(cue.id)) continue;
		const ms = cue.offsetSec * 1000;
		alerts.push({
			key: `cue_due:${occurrence}:${cue.id}:${ms}`,
			kind: 'cue_due',
			at: onClock(ms),
			segmentId: segment.id,
			cueId: cue.id,
			data: { text: cue.text }
		});
	}

	// Time left in the show is max(segment end - t, 0) + rest: it reaches 10 min inside this
	// segment only if the rest is shorter. Once per run, so the last segments do not repeat it.
	if (clock.restMs <= SHOW_END_WARNING_MS) {
		const projectedEndAt = onClock(clock.lengthMs) + clock.restMs;
		alerts.push({
			key: `show_end_10m:${run}`,
			kind: 'show_end_10m',
			at: Math.max(projectedEndAt - SHOW_END_WARNING_MS, madeDueAt),
			data: { projectedEndAt }
		});
	}
	return sorted(alerts);
}

/** Alerts due in the half-open interval (fromExclusive, toInclusive], epoch ms, sorted by `at`. */
export function alertsBetween(state: LiveState, sheet: LiveSheet, fromExclusive: EpochMs, toInclusive: EpochMs): Alert[] {
	return liveAlerts(state, sheet).filter((a) => a.at > fromExclusive && a.at <= toInclusive);
}

/** The first instant strictly after `after` (epoch ms) at which an alert is due, or null if none. */
export function nextAlertAt(state: LiveState, sheet: LiveSheet, after: EpochMs): EpochMs | null {
	let next: EpochMs | null = null;
	for (const alert of liveAlerts(state, sheet)) {
		if (alert.at > after && (next === null || alert.at < next)) next = alert.at;
	}
	return next;
}

function sorted(alerts: Alert[]): Alert[] {
	return alerts.sort((a, b) => a.at - b.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
