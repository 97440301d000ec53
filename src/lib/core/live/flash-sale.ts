/**
 * What the screens say about the flash sale planned in the segment on air, from the live state
 * only: whether it is still to come, running or over, which alerts still hold, and which of the
 * segment's cues its start has settled. A sale that runs or has ended is never "about to start".
 */
import type { EpochMs, Segment } from '../model';
import type { AlertKind } from './alerts';
import { isRunning, type LiveState } from './state';

export type PlannedSaleStage = 'none' | 'upcoming' | 'running' | 'ended';

type SaleState = Pick<LiveState, 'status' | 'segmentId' | 'segmentStartedAt' | 'flashSale'>;
type HoldState = SaleState & Pick<LiveState, 'startedAt'>;

/**
 * Where the sale planned in `segment` (the segment on air) stands at `now`: 'none' without a plan
 * or off air; 'running' while a sale of this segment is open; 'ended' once one started since the
 * segment went on air has closed (by its time or stopped early); 'upcoming' otherwise (a segment
 * put on air again plans its sale afresh).
 */
export function plannedSaleStage(state: SaleState, segment: Pick<Segment, 'id' | 'flashSale'> | null, now: EpochMs): PlannedSaleStage {
	if (!segment?.flashSale || !isRunning(state) || state.segmentId !== segment.id || state.segmentStartedAt === null) return 'none';
	const sale = state.flashSale;
	if (!sale || sale.segmentId !== segment.id) return 'upcoming';
	if (sale.endsAt > now) return 'running';
	return sale.startedAt >= state.segmentStartedAt ? 'ended' : 'upcoming';
}

/**
 * Ids of the cues the sale's start has settled once it ran: those timed at the sale's planned start
 * ("秒杀开始", "放库存"). Screens count them as done, so no "00:30 后：秒杀开始" while or after it runs.
 */
export function saleSettledCueIds(segment: Pick<Segment, 'cues' | 'flashSale'> | null, stage: PlannedSaleStage): string[] {
	const plan = segment?.flashSale;
	if (!plan || (stage !== 'running' && stage !== 'ended')) return [];
	return segment.cues.filter((c) => c.offsetSec === plan.offsetSec).map((c) => c.id);
}

/** Alerts about the segment they name: its clock (its end, a cue) and its sale's end. */
const SEGMENT_KINDS: ReadonlySet<AlertKind> = new Set(['segment_ending_2m', 'segment_ending_30s', 'segment_overtime', 'cue_due', 'flash_sale_ended']);

/**
 * Whether an alert that fired still describes the live state at `now`, so a screen may keep showing
 * it (the producer's strip shows the newest that holds; the host's banner, for 10 s at most):
 * nothing once the run is over (or before it); a flash-sale lead-in (秒杀 60 秒后开始) only while
 * that sale is still to start in the segment on air; an alert on a segment's own clock (its end, a
 * cue) and a sale's end only while that segment is on air; 预热开始 only while the run is on the
 * segment it opened with. The others (announced start, show end, behind schedule, a host offline)
 * hold while the run goes on.
 */
export function alertHolds(
	alert: { kind: AlertKind; segmentId?: string },
	state: HoldState,
	segment: Pick<Segment, 'id' | 'flashSale'> | null,
	now: EpochMs
): boolean {
	if (!isRunning(state)) return false;
	if (alert.kind === 'flash_sale_soon_60s' || alert.kind === 'flash_sale_soon_10s') {
		return segment !== null && segment.id === alert.segmentId && plannedSaleStage(state, segment, now) === 'upcoming';
	}
	if (SEGMENT_KINDS.has(alert.kind)) return state.segmentId === alert.segmentId;
	// A segment change (next, previous, a jump, back to the first one too) restarts the segment's clock.
	if (alert.kind === 'warmup_opened') return state.segmentStartedAt === state.startedAt;
	return true;
}
