/**
 * The live-state reducer: one accepted command → the next state. Pure: `now` (epoch ms, server
 * clock) is a parameter, the input state is never mutated, and a refusal changes nothing.
 */
import type { EpochMs, Segment } from '../model';
import { planAnchor } from '../schedule';
import { checkCommandTime } from './clock';
import { parseLiveCommand, type LiveCommand } from './commands';
import { refuse, type LiveRefusal } from './errors';
import {
	MAX_MESSAGES,
	currentSegmentIndex,
	flashSaleOpen,
	initialLiveState,
	isRunning,
	type LiveSheet,
	type LiveState
} from './state';

export type LiveResult = { ok: true; state: LiveState } | LiveRefusal;

/**
 * Apply one command at `now` (epoch ms, server clock). Returns the next state with `version` + 1
 * and `updatedAt` = now, or a refusal `{ ok: false, code, message }`; the input is never mutated.
 * The command is validated again here, so a payload that slipped past the schema is refused with
 * `INVALID_COMMAND` before anything else (even before the version check). A command stamped with
 * `issuedAt` is refused `COMMAND_EXPIRED` when `now` is more than COMMAND_EXPIRY_MS later (or
 * `COMMAND_FROM_FUTURE` when the stamp is too far ahead), before the version check.
 */
export function applyCommand(state: LiveState, command: LiveCommand, sheet: LiveSheet, now: EpochMs): LiveResult {
	const parsed = parseLiveCommand(command);
	if (!parsed.success) return refuse('INVALID_COMMAND', 'The command is not valid.');
	const cmd = parsed.data;
	const late = checkCommandTime(cmd.issuedAt, now);
	if (late) return late;
	if (cmd.expectedVersion !== undefined && cmd.expectedVersion !== state.version) {
		return refuse('STALE_VERSION', `The show has changed (version ${state.version}); reload and try again.`);
	}
	const result = reduce(state, cmd, sheet, now);
	if ('ok' in result) return result;
	return { ok: true, state: { ...result, version: state.version + 1, updatedAt: now } };
}

type Outcome = LiveState | LiveRefusal;

function reduce(state: LiveState, cmd: LiveCommand, sheet: LiveSheet, now: EpochMs): Outcome {
	switch (cmd.type) {
		case 'start':
			return start(state, cmd.mode, sheet, now);
		case 'pause':
			if (state.status !== 'live') return refuse('NOT_LIVE', 'The show is not running live.');
			return { ...state, status: 'paused', pausedAt: now };
		case 'resume':
			if (state.status !== 'paused') return refuse('NOT_PAUSED', 'The show is not paused.');
			return { ...state, ...foldPause(state, now), status: 'live' };
		case 'next':
		case 'previous': {
			if (!isRunning(state)) return notRunning();
			const index = currentSegmentIndex(state, sheet);
			if (index < 0) return segmentRemoved();
			if (cmd.type === 'next' && index === sheet.segments.length - 1) {
				return refuse('AT_LAST_SEGMENT', 'This is the last segment; end the show instead.');
			}
			if (cmd.type === 'previous' && index === 0) return refuse('AT_FIRST_SEGMENT', 'This is the first segment.');
			return enterSegment(state, sheet.segments[cmd.type === 'next' ? index + 1 : index - 1], now);
		}
		case 'goto': {
			if (!isRunning(state)) return notRunning();
			const target = sheet.segments.find((s) => s.id === cmd.segmentId);
			if (!target) return unknownSegment();
			if (target.id === state.segmentId) return refuse('SAME_SEGMENT', 'That segment is already on air.');
			return enterSegment(state, target, now);
		}
		case 'add-time': {
			if (!isRunning(state)) return notRunning();
			const index = currentSegmentIndex(state, sheet);
			if (index < 0) return segmentRemoved();
			const adjustMs = state.adjustMs + cmd.deltaMs;
			if (sheet.segments[index].durationSec * 1000 + adjustMs < 0) {
				return refuse('DURATION_BELOW_ZERO', 'The segment cannot be shorter than zero.');
			}
			return { ...state, adjustMs };
		}
		case 'flash-sale-start': {
			if (!isRunning(state)) return notRunning();
			const segmentId = cmd.segmentId ?? state.segmentId;
			const segment = sheet.segments.find((s) => s.id === segmentId);
			if (!segment) return cmd.segmentId === undefined ? segmentRemoved() : unknownSegment();
			const plan = segment.flashSale;
			if (!plan) return refuse('NO_FLASH_SALE', 'That segment has no flash sale planned.');
			if (flashSaleOpen(state.flashSale, now)) return refuse('FLASH_SALE_RUNNING', 'A flash sale is already running.');
			return {
				...state,
				flashSale: {
					segmentId: segment.id,
					startedAt: now,
					endsAt: now + plan.windowSec * 1000,
					priceFen: plan.priceFen,
					quantity: plan.quantity
				}
			};
		}
		case 'flash-sale-stop':
			if (!isRunning(state)) return notRunning();
			if (!flashSaleOpen(state.flashSale, now)) return refuse('FLASH_SALE_NOT_RUNNING', 'No flash sale is running.');
			// Kept with its new end, so the sale shows as run and its end is announced.
			return { ...state, flashSale: { ...state.flashSale, endsAt: now } };
		case 'set-stock':
			if (state.status === 'ended') return showEnded();
			if (!sheet.segments.some((s) => s.productId === cmd.productId)) {
				return refuse('UNKNOWN_PRODUCT', 'That product is not on the run-sheet.');
			}
			return { ...state, stock: { ...state.stock, [String(cmd.productId)]: cmd.stock } };
		case 'cue-done': {
			if (state.status === 'ended') return showEnded();
			if (!sheet.segments.some((s) => s.cues.some((c) => c.id === cmd.cueId))) {
				return refuse('UNKNOWN_CUE', 'That cue is not on the run-sheet.');
			}
			// Setting, not toggling: two producers ticking the same cue agree.
			const others = state.cuesDone.filter((id) => id !== cmd.cueId);
			return { ...state, cuesDone: cmd.done ? [...others, cmd.cueId] : others };
		}
		case 'message': {
			if (state.status === 'ended') return showEnded();
			// Versions never repeat, so neither do ids derived from them.
			const message = { id: `m${state.version + 1}`, text: cmd.text, sentAt: now, ackedAt: null };
			return { ...state, messages: [...state.messages, message].slice(-MAX_MESSAGES) };
		}
		case 'message-ack': {
			const message = state.messages.find((m) => m.id === cmd.messageId);
			if (!message) return refuse('UNKNOWN_MESSAGE', 'That message is unknown or too old.');
			if (message.ackedAt !== null) return refuse('ALREADY_ACKED', 'That message was already acknowledged.');
			return {
				...state,
				messages: state.messages.map((m) => (m.id === cmd.messageId ? { ...m, ackedAt: now } : m))
			};
		}
		case 'end': {
			if (!isRunning(state)) return notRunning();
			const flashSale = state.flashSale && { ...state.flashSale, endsAt: Math.min(state.flashSale.endsAt, now) };
			return { ...state, ...foldPause(state, now), status: 'ended', endedAt: now, flashSale };
		}
		case 'reset':
			if (state.mode !== 'rehearsal') return refuse('NOT_REHEARSAL', 'Only a rehearsal can be reset.');
			return initialLiveState();
		default:
			return refuse('INVALID_COMMAND', 'The command is not valid.');
	}
}

function start(state: LiveState, mode: 'live' | 'rehearsal', sheet: LiveSheet, now: EpochMs): Outcome {
	if (state.status !== 'ready') {
		if (state.status === 'ended' && state.mode === 'live') return refuse('SHOW_ENDED', 'The show has ended.');
		return refuse('ALREADY_STARTED', state.status === 'ended' ? 'Reset the rehearsal before starting again.' : 'The show has already started.');
	}
	const first = sheet.segments[0];
	if (!first) return refuse('EMPTY_RUNSHEET', 'The run-sheet has no segments.');
	// A rehearsal's plan starts when it does: its warm-up opens now, its "announced start" follows.
	const plannedStartAt = mode === 'live' ? sheet.startsAt : now + (sheet.startsAt - planAnchor(sheet.startsAt, sheet.segments));
	return {
		...state,
		status: 'live',
		mode,
		segmentId: first.id,
		segmentStartedAt: now,
		pausedAt: null,
		pausedMs: 0,
		adjustMs: 0,
		startedAt: now,
		endedAt: null,
		plannedStartAt,
		actualStarts: { [first.id]: now },
		flashSale: null
	};
}

/** Opens `segment` at `now`, running (a move while paused resumes). A running flash sale keeps running. */
function enterSegment(state: LiveState, segment: Segment, now: EpochMs): LiveState {
	return {
		...state,
		status: 'live',
		segmentId: segment.id,
		segmentStartedAt: now,
		pausedAt: null,
		pausedMs: 0,
		adjustMs: 0,
		actualStarts: { ...state.actualStarts, [segment.id]: now }
	};
}

/** Adds a pause in progress to `pausedMs` (a clock that went back counts as no pause). */
function foldPause(state: LiveState, now: EpochMs): Pick<LiveState, 'pausedAt' | 'pausedMs'> {
	if (state.pausedAt === null) return { pausedAt: null, pausedMs: state.pausedMs };
	return { pausedAt: null, pausedMs: state.pausedMs + Math.max(0, now - state.pausedAt) };
}

const notRunning = () => refuse('NOT_RUNNING', 'The show is not running.');
const showEnded = () => refuse('SHOW_ENDED', 'The show has ended.');
const unknownSegment = () => refuse('UNKNOWN_SEGMENT', 'That segment is not on the run-sheet.');
const segmentRemoved = () => refuse('UNKNOWN_SEGMENT', 'The current segment is no longer on the run-sheet; go to a segment instead.');
