/**
 * The after-show report, computed from a run's event log: every segment's planned and actual start
 * and length, overruns, total drift, the flash sales that ran, messages, alerts, pauses and stock
 * updates, with the sales figures the coordinator entered. Pure: the log, the run-sheet and `now`
 * (for a run still in progress) are parameters.
 *
 * The log is the one the live engine writes: command events carry the state they produced
 * (`LiveState`), alert events their data. The report reads the states as they were, so it stays
 * right when the run-sheet is edited after the show.
 */
import type { AlertKind } from './live/alerts';
import type { LiveState } from './live/state';
import type { EpochMs, Product, Segment, SegmentKind } from './model';
import { plannedSchedule } from './schedule';

/** A segment counts as overrun when it ran at least this much longer than planned, ms. */
export const OVERRUN_TOLERANCE_MS = 30_000;

export interface LogRun {
	id: number;
	mode: 'live' | 'rehearsal';
	startedAt: EpochMs;
	endedAt: EpochMs | null;
}

export interface LogEvent {
	id: number;
	kind: 'command' | 'alert';
	type: string;
	version: number | null;
	payload: Record<string, unknown>;
	/** The live state the command produced; null for alerts. */
	state: LiveState | null;
	actor: string;
	at: EpochMs;
}

export interface SalesFigures {
	productId: number;
	orders: number;
	units: number;
	gmvFen: number;
}

export type SegmentOutcome = 'done' | 'on_air' | 'skipped' | 'removed';

export interface SegmentReport {
	segmentId: string;
	/** 1-based position in the run-sheet; null when the segment was removed after it ran. */
	position: number | null;
	kind: SegmentKind | null;
	title: string;
	productId: number | null;
	plannedStartAt: EpochMs | null;
	plannedEndAt: EpochMs | null;
	plannedDurationMs: number | null;
	/** First time the segment went on air. */
	actualStartAt: EpochMs | null;
	/** Last time it left the air (null while on air or never run). */
	actualEndAt: EpochMs | null;
	/** Wall time on air over every visit, pauses included, ms. */
	actualDurationMs: number;
	/** Time the segment's clock stood paused, ms. */
	pausedMs: number;
	/** Time added (+) or taken (-) by the producer, ms. */
	adjustMs: number;
	/** How often it went on air (a producer may go back). */
	visits: number;
	/** actualStartAt - plannedStartAt, ms; positive = late. */
	startDelayMs: number | null;
	/** actualDurationMs - plannedDurationMs, ms; positive = longer than planned. */
	overrunMs: number | null;
	/** overrunMs ≥ OVERRUN_TOLERANCE_MS. */
	overrun: boolean;
	outcome: SegmentOutcome;
}

export interface FlashSaleReport {
	segmentId: string;
	title: string;
	productId: number | null;
	/** On the planned schedule (segment's planned start + the sale's offset). */
	plannedAt: EpochMs | null;
	/** Planned offset into the segment, ms. */
	plannedOffsetMs: number | null;
	actualAt: EpochMs | null;
	/** Actual offset into the segment's visit, ms. */
	actualOffsetMs: number | null;
	/** actualAt - plannedAt, ms; positive = later than planned. */
	delayMs: number | null;
	plannedWindowMs: number | null;
	/** How long the sale stayed open, ms. */
	actualWindowMs: number | null;
	stoppedEarly: boolean;
	priceFen: number | null;
	quantity: number | null;
	actor: string | null;
}

export interface MessageReport {
	id: string;
	text: string;
	sentAt: EpochMs;
	sentBy: string;
	ackedAt: EpochMs | null;
	ackedBy: string | null;
}

export interface AlertReport {
	type: string;
	at: EpochMs;
	segmentId: string | null;
	data: Record<string, unknown>;
}

export interface PauseReport {
	segmentId: string | null;
	at: EpochMs;
	/** Null while still paused. */
	resumedAt: EpochMs | null;
	durationMs: number;
}

export interface StockUpdate {
	productId: number;
	stock: number;
	at: EpochMs;
	actor: string;
}

export interface SalesRow extends SalesFigures {
	name: string;
	/** On the run-sheet (false for figures of a product removed since). */
	onRunSheet: boolean;
	/** Figures entered for it (false: none yet). */
	entered: boolean;
}

export interface ReportSummary {
	/** The announced start of this run (for a rehearsal, its own). */
	announcedStartAt: EpochMs;
	/** When the opening actually went on air (the first segment when there is no opening). */
	actualOpeningAt: EpochMs | null;
	/** actualOpeningAt - announcedStartAt, ms. */
	openingDelayMs: number | null;
	plannedStartAt: EpochMs | null;
	plannedEndAt: EpochMs | null;
	actualStartAt: EpochMs | null;
	actualEndAt: EpochMs | null;
	plannedDurationMs: number;
	/** From the first segment's start to the end (or `now` while running), ms. */
	actualDurationMs: number | null;
	/** actualEndAt - plannedEndAt, ms; positive = ran long. Null until the run ends. */
	driftMs: number | null;
	segmentsPlanned: number;
	segmentsRun: number;
	segmentsSkipped: number;
	overruns: number;
	pauses: number;
	pausedMs: number;
	/** Sum of time added (positive) and taken (negative), ms. */
	adjustMs: number;
	commands: number;
	messages: number;
	alerts: number;
	flashSalesPlanned: number;
	flashSalesRun: number;
}

export interface ShowReport {
	run: (LogRun & { inProgress: boolean }) | null;
	summary: ReportSummary;
	segments: SegmentReport[];
	flashSales: FlashSaleReport[];
	messages: MessageReport[];
	alerts: AlertReport[];
	alertCounts: Record<string, number>;
	pauses: PauseReport[];
	stockUpdates: StockUpdate[];
	sales: { rows: SalesRow[]; totals: { orders: number; units: number; gmvFen: number } };
}

export interface ReportInput {
	show: { startsAt: EpochMs; segments: readonly Segment[] };
	/** The run to report on; null when the show has not run (the report then shows the plan). */
	run: LogRun | null;
	/** The run's events, any order. */
	events: readonly LogEvent[];
	products: readonly Pick<Product, 'id' | 'name'>[];
	sales: readonly SalesFigures[];
	/** Epoch ms; closes a visit still on air. */
	now: EpochMs;
}

/** One stay of a segment on air: from when it entered to when it left (null while still on air). */
export interface OnAirVisit {
	segmentId: string;
	startAt: EpochMs;
	endAt: EpochMs | null;
	/** Time its clock stood paused during this visit, ms (a pause in progress counted up to `now`). */
	pausedMs: number;
	adjustMs: number;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const int = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A run's command events (those carrying the state they produced) in log order: by `at`, then `id`. */
export function runCommands(events: readonly LogEvent[]): LogEvent[] {
	return [...events].sort((a, b) => a.at - b.at || a.id - b.id).filter((e) => e.kind === 'command' && e.state !== null && typeof e.state === 'object');
}

/**
 * Where each segment went on air, in order, from the states the commands produced (`commands` as
 * `runCommands` answers them). A visit still on air at the end of the log has `endAt` null; `now`
 * (epoch ms) counts a pause in progress.
 */
export function onAirVisits(commands: readonly LogEvent[], now: EpochMs): OnAirVisit[] {
	const visits: OnAirVisit[] = [];
	let open: OnAirVisit | null = null;
	let prev: LiveState | null = null;
	for (const event of commands) {
		const s = event.state!;
		const running = (s.status === 'live' || s.status === 'paused') && s.segmentId !== null && s.segmentStartedAt !== null;
		const sameVisit = open !== null && running && s.segmentId === open.segmentId && s.segmentStartedAt === open.startAt;
		if (open && !sameVisit) {
			// The visit ends here: by the end of the run (the state has folded its pause in), or by a move.
			const endedHere = s.status === 'ended' && s.segmentId === open.segmentId && s.segmentStartedAt === open.startAt;
			const endAt: number = endedHere ? (s.endedAt ?? event.at) : (s.segmentStartedAt !== null && running ? s.segmentStartedAt : event.at);
			if (endedHere) {
				open.pausedMs = s.pausedMs;
				open.adjustMs = s.adjustMs;
			} else if (prev) {
				open.pausedMs = prev.pausedMs + (prev.pausedAt !== null ? Math.max(0, endAt - prev.pausedAt) : 0);
				open.adjustMs = prev.adjustMs;
			}
			open.endAt = endAt;
			visits.push(open);
			open = null;
		}
		if (running && !sameVisit) open = { segmentId: s.segmentId!, startAt: s.segmentStartedAt!, endAt: null, pausedMs: 0, adjustMs: 0 };
		if (open && sameVisit) {
			open.pausedMs = s.pausedMs + (s.pausedAt !== null ? Math.max(0, now - s.pausedAt) : 0);
			open.adjustMs = s.adjustMs;
		}
		prev = s;
	}
	if (open) {
		if (prev && open.segmentId === prev.segmentId) {
			open.pausedMs = prev.pausedMs + (prev.pausedAt !== null ? Math.max(0, now - prev.pausedAt) : 0);
			open.adjustMs = prev.adjustMs;
		}
		visits.push(open);
	}
	return visits;
}

/** The after-show report of one run (or of the plan alone when `run` is null). */
export function buildShowReport(input: ReportInput): ShowReport {
	const { show, run, now } = input;
	const events = [...input.events].sort((a, b) => a.at - b.at || a.id - b.id);
	const commands = runCommands(events);
	const alertEvents = events.filter((e) => e.kind === 'alert');
	const lastState = commands.length ? commands[commands.length - 1].state! : null;
	const inProgress = run !== null && run.endedAt === null && lastState?.status !== 'ended';

	// The plan of this run: a rehearsal has its own announced start.
	const announcedStartAt = commands.find((e) => e.state!.plannedStartAt !== null)?.state!.plannedStartAt ?? show.startsAt;
	const slots = plannedSchedule(announcedStartAt, show.segments);
	const slotOf = new Map(slots.map((s) => [s.segmentId, s]));

	const visits = onAirVisits(commands, now);
	const visitsBySegment = new Map<string, OnAirVisit[]>();
	for (const v of visits) visitsBySegment.set(v.segmentId, [...(visitsBySegment.get(v.segmentId) ?? []), v]);

	const segmentReport = (segmentId: string, segment: Segment | null, position: number | null): SegmentReport => {
		const slot = slotOf.get(segmentId) ?? null;
		const own = visitsBySegment.get(segmentId) ?? [];
		const actualStartAt = own.length ? own[0].startAt : null;
		const last = own[own.length - 1];
		const actualEndAt = last ? last.endAt : null;
		const actualDurationMs = own.reduce((sum, v) => sum + Math.max(0, (v.endAt ?? now) - v.startAt), 0);
		const plannedDurationMs = segment ? segment.durationSec * 1000 : null;
		const overrunMs = own.length && plannedDurationMs !== null && (actualEndAt !== null || own.length > 1) ? actualDurationMs - plannedDurationMs : null;
		const onAir = !!last && last.endAt === null;
		const outcome: SegmentOutcome = !segment ? 'removed' : onAir ? 'on_air' : own.length ? 'done' : 'skipped';
		return {
			segmentId,
			position,
			kind: segment?.kind ?? null,
			title: segment?.title ?? segmentId,
			productId: segment?.productId ?? null,
			plannedStartAt: slot?.startAt ?? null,
			plannedEndAt: slot?.endAt ?? null,
			plannedDurationMs,
			actualStartAt,
			actualEndAt,
			actualDurationMs,
			pausedMs: own.reduce((sum, v) => sum + v.pausedMs, 0),
			adjustMs: own.reduce((sum, v) => sum + v.adjustMs, 0),
			visits: own.length,
			startDelayMs: actualStartAt !== null && slot ? actualStartAt - slot.startAt : null,
			overrunMs: onAir ? null : overrunMs,
			overrun: !onAir && overrunMs !== null && overrunMs >= OVERRUN_TOLERANCE_MS,
			outcome
		};
	};

	const segments = show.segments.map((s, i) => segmentReport(s.id, s, i + 1));
	const known = new Set(show.segments.map((s) => s.id));
	for (const id of new Set(visits.map((v) => v.segmentId))) {
		if (!known.has(id)) segments.push(segmentReport(id, null, null));
	}
	// Run order for removed segments: by when they ran.
	segments.sort((a, b) => (a.position ?? Infinity) - (b.position ?? Infinity) || (a.actualStartAt ?? 0) - (b.actualStartAt ?? 0));

	const flashSales = flashSalesOf(commands, show.segments, slotOf, visits);
	const messages = messagesOf(commands);
	const alerts: AlertReport[] = alertEvents.map((e) => {
		const data = (e.payload.data && typeof e.payload.data === 'object' ? (e.payload.data as Record<string, unknown>) : e.payload) ?? {};
		return { type: e.type, at: e.at, segmentId: str(e.payload.segmentId) ?? str(data.segmentId), data };
	});
	const alertCounts: Record<string, number> = {};
	for (const a of alerts) alertCounts[a.type] = (alertCounts[a.type] ?? 0) + 1;
	const pauses = pausesOf(commands, now);
	const stockUpdates: StockUpdate[] = commands
		.filter((e) => e.type === 'set-stock')
		.flatMap((e) => {
			const productId = int(e.payload.productId);
			const stock = int(e.payload.stock);
			return productId !== null && stock !== null ? [{ productId, stock, at: e.at, actor: e.actor }] : [];
		});

	// Summary
	const ran = segments.filter((s) => s.visits > 0);
	const actualStartAt = ran.length ? Math.min(...ran.map((s) => s.actualStartAt!)) : null;
	const endedAt = lastState?.status === 'ended' ? (lastState.endedAt ?? null) : (run?.endedAt ?? null);
	const plannedStartAt = slots.length ? slots[0].startAt : null;
	const plannedEndAt = slots.length ? slots[slots.length - 1].endAt : null;
	const opening = segments.find((s) => s.kind === 'opening' && s.actualStartAt !== null);
	const actualOpeningAt = opening?.actualStartAt ?? actualStartAt;
	const summary: ReportSummary = {
		announcedStartAt,
		actualOpeningAt,
		openingDelayMs: actualOpeningAt !== null ? actualOpeningAt - announcedStartAt : null,
		plannedStartAt,
		plannedEndAt,
		actualStartAt,
		actualEndAt: endedAt,
		plannedDurationMs: plannedStartAt !== null && plannedEndAt !== null ? plannedEndAt - plannedStartAt : 0,
		actualDurationMs: actualStartAt !== null ? (endedAt ?? now) - actualStartAt : null,
		driftMs: endedAt !== null && plannedEndAt !== null ? endedAt - plannedEndAt : null,
		segmentsPlanned: show.segments.length,
		segmentsRun: ran.filter((s) => s.outcome !== 'removed').length,
		segmentsSkipped: run ? segments.filter((s) => s.outcome === 'skipped').length : 0,
		overruns: segments.filter((s) => s.overrun).length,
		pauses: pauses.length,
		pausedMs: pauses.reduce((sum, p) => sum + p.durationMs, 0),
		adjustMs: segments.reduce((sum, s) => sum + s.adjustMs, 0),
		commands: commands.length,
		messages: messages.length,
		alerts: alerts.length,
		flashSalesPlanned: show.segments.filter((s) => s.flashSale !== null).length,
		flashSalesRun: flashSales.filter((f) => f.actualAt !== null).length
	};

	return {
		run: run ? { ...run, inProgress } : null,
		summary,
		segments,
		flashSales,
		messages,
		alerts,
		alertCounts,
		pauses,
		stockUpdates,
		sales: salesOf(show.segments, input.products, input.sales)
	};
}

function flashSalesOf(commands: readonly LogEvent[], sheet: readonly Segment[], slotOf: Map<string, { startAt: number }>, visits: readonly OnAirVisit[]): FlashSaleReport[] {
	// Every sale the states show, by its start; the last state seen holds its final end.
	const runs = new Map<string, { segmentId: string; startedAt: number; endsAt: number; priceFen: number; quantity: number; actor: string | null }>();
	for (const e of commands) {
		const sale = e.state!.flashSale;
		if (!sale) continue;
		const key = `${sale.segmentId}:${sale.startedAt}`;
		const known = runs.get(key);
		runs.set(key, { ...sale, actor: known?.actor ?? (e.type === 'flash-sale-start' ? e.actor : null) });
	}
	const out: FlashSaleReport[] = [];
	const bySegment = new Map(sheet.map((s) => [s.id, s]));
	const reported = new Set<string>();
	for (const sale of [...runs.values()].sort((a, b) => a.startedAt - b.startedAt)) {
		const segment = bySegment.get(sale.segmentId) ?? null;
		const plan = segment?.flashSale ?? null;
		const slot = slotOf.get(sale.segmentId);
		const plannedAt = plan && slot ? slot.startAt + plan.offsetSec * 1000 : null;
		const visit = [...visits].reverse().find((v) => v.segmentId === sale.segmentId && v.startAt <= sale.startedAt);
		const plannedWindowMs = plan ? plan.windowSec * 1000 : null;
		const actualWindowMs = sale.endsAt - sale.startedAt;
		reported.add(sale.segmentId);
		out.push({
			segmentId: sale.segmentId,
			title: segment?.title ?? sale.segmentId,
			productId: segment?.productId ?? null,
			plannedAt,
			plannedOffsetMs: plan ? plan.offsetSec * 1000 : null,
			actualAt: sale.startedAt,
			actualOffsetMs: visit ? sale.startedAt - visit.startAt : null,
			delayMs: plannedAt !== null ? sale.startedAt - plannedAt : null,
			plannedWindowMs,
			actualWindowMs,
			stoppedEarly: plannedWindowMs !== null && actualWindowMs < plannedWindowMs,
			priceFen: sale.priceFen,
			quantity: sale.quantity,
			actor: sale.actor
		});
	}
	// Planned sales that never ran.
	for (const segment of sheet) {
		if (!segment.flashSale || reported.has(segment.id)) continue;
		const slot = slotOf.get(segment.id);
		out.push({
			segmentId: segment.id,
			title: segment.title,
			productId: segment.productId,
			plannedAt: slot ? slot.startAt + segment.flashSale.offsetSec * 1000 : null,
			plannedOffsetMs: segment.flashSale.offsetSec * 1000,
			actualAt: null,
			actualOffsetMs: null,
			delayMs: null,
			plannedWindowMs: segment.flashSale.windowSec * 1000,
			actualWindowMs: null,
			stoppedEarly: false,
			priceFen: segment.flashSale.priceFen,
			quantity: segment.flashSale.quantity,
			actor: null
		});
	}
	return out;
}

function messagesOf(commands: readonly LogEvent[]): MessageReport[] {
	const acks = new Map<string, { at: number; actor: string }>();
	for (const e of commands) {
		const id = e.type === 'message-ack' ? str(e.payload.messageId) : null;
		if (id && !acks.has(id)) acks.set(id, { at: e.at, actor: e.actor });
	}
	return commands
		.filter((e) => e.type === 'message')
		.map((e) => {
			// The reducer names a message after the version its command produced.
			const id = e.state!.messages.find((m) => m.sentAt === e.at && m.id === `m${e.version}`)?.id ?? `m${e.version}`;
			const ack = acks.get(id);
			return { id, text: str(e.payload.text) ?? '', sentAt: e.at, sentBy: e.actor, ackedAt: ack?.at ?? null, ackedBy: ack?.actor ?? null };
		});
}

/** Every pause of the run, in order (`commands` as `runCommands` answers them); one still running lasts until `now`. */
export function pausesOf(commands: readonly LogEvent[], now: EpochMs): PauseReport[] {
	const out: PauseReport[] = [];
	let open: PauseReport | null = null;
	for (const e of commands) {
		const s = e.state!;
		if (!open && s.status === 'paused' && s.pausedAt !== null) {
			open = { segmentId: s.segmentId, at: s.pausedAt, resumedAt: null, durationMs: 0 };
		} else if (open && s.status !== 'paused') {
			// Resumed, moved on (a move resumes) or ended.
			open.resumedAt = e.at;
			open.durationMs = Math.max(0, e.at - open.at);
			out.push(open);
			open = null;
		}
	}
	if (open) out.push({ ...open, durationMs: Math.max(0, now - open.at) });
	return out;
}

function salesOf(sheet: readonly Segment[], products: readonly Pick<Product, 'id' | 'name'>[], sales: readonly SalesFigures[]): ShowReport['sales'] {
	const names = new Map(products.map((p) => [p.id, p.name]));
	const onSheet = [...new Set(sheet.map((s) => s.productId).filter((id): id is number => id !== null))];
	const entered = new Map(sales.map((s) => [s.productId, s]));
	const ids = [...onSheet, ...sales.map((s) => s.productId).filter((id) => !onSheet.includes(id))];
	const rows: SalesRow[] = ids.map((productId) => {
		const figures = entered.get(productId);
		return {
			productId,
			name: names.get(productId) ?? `#${productId}`,
			orders: figures?.orders ?? 0,
			units: figures?.units ?? 0,
			gmvFen: figures?.gmvFen ?? 0,
			onRunSheet: onSheet.includes(productId),
			entered: figures !== undefined
		};
	});
	const totals = rows.reduce((t, r) => ({ orders: t.orders + r.orders, units: t.units + r.units, gmvFen: t.gmvFen + r.gmvFen }), { orders: 0, units: 0, gmvFen: 0 });
	return { rows, totals };
}

/** Names of the live engine's alerts, as the report and its export show them. */
export const ALERT_NAMES: Record<AlertKind, { zh: string; en: string }> = {
	warmup_opened: { zh: '预热开始', en: 'Warm-up opened' },
	announced_start: { zh: '到达预告开播时间', en: 'Announced start reached' },
	segment_ending_2m: { zh: '环节剩余 2 分钟', en: 'Segment ends in 2 min' },
	segment_ending_30s: { zh: '环节剩余 30 秒', en: 'Segment ends in 30 s' },
	segment_overtime: { zh: '环节超时', en: 'Segment over time' },
	flash_sale_soon_60s: { zh: '秒杀 60 秒后开始', en: 'Flash sale in 60 s' },
	flash_sale_soon_10s: { zh: '秒杀 10 秒后开始', en: 'Flash sale in 10 s' },
	flash_sale_ended: { zh: '秒杀结束', en: 'Flash sale ended' },
	cue_due: { zh: '中控动作到点', en: 'Producer cue due' },
	show_end_10m: { zh: '距结束 10 分钟', en: 'Show ends in 10 min' },
	behind_schedule: { zh: '进度落后', en: 'Behind schedule' },
	host_offline: { zh: '主播屏幕离线', en: 'Host screen offline' }
};

/** An alert type's name in a language; the type itself when unknown. */
export function alertName(type: string, locale: 'zh-CN' | 'en'): string {
	const names = (ALERT_NAMES as Record<string, { zh: string; en: string } | undefined>)[type];
	return names ? names[locale === 'zh-CN' ? 'zh' : 'en'] : type;
}
