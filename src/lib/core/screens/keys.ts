/**
 * The producer console's keyboard: which key does what, and when a key press is the producer
 * typing rather than driving the show. Pure: the page hands in the key event's fields and what the
 * focused element is.
 */
import type { LiveStatus } from '../live';

/** What a key asks for; `advance` is resolved against the show's state by `resolveAdvance`. */
export type ProducerKeyAction = 'advance' | 'toggle-pause' | 'previous' | 'next' | 'add-minute' | 'take-minute';

/** The fields of a KeyboardEvent the mapping reads. */
export interface KeyPress {
	key: string;
	code?: string;
	ctrlKey?: boolean;
	metaKey?: boolean;
	altKey?: boolean;
	repeat?: boolean;
}

/** The keys shown on screen, in the order the legend lists them (labels are the same in both languages). */
export const PRODUCER_KEYS: readonly { action: ProducerKeyAction; keys: readonly string[] }[] = [
	{ action: 'advance', keys: ['Space'] },
	{ action: 'toggle-pause', keys: ['P'] },
	{ action: 'previous', keys: ['←'] },
	{ action: 'next', keys: ['→'] },
	{ action: 'take-minute', keys: ['−'] },
	{ action: 'add-minute', keys: ['+'] }
];

const BY_KEY: Record<string, ProducerKeyAction> = {
	' ': 'advance',
	Spacebar: 'advance',
	p: 'toggle-pause',
	P: 'toggle-pause',
	ArrowLeft: 'previous',
	ArrowRight: 'next',
	'+': 'add-minute',
	'=': 'add-minute',
	Add: 'add-minute',
	'-': 'take-minute',
	_: 'take-minute',
	'−': 'take-minute',
	Subtract: 'take-minute'
};

// Physical keys, for layouts and input methods that report another `key` (a Chinese IME says 'Process').
const BY_CODE: Record<string, ProducerKeyAction> = {
	Space: 'advance',
	KeyP: 'toggle-pause',
	ArrowLeft: 'previous',
	ArrowRight: 'next',
	NumpadAdd: 'add-minute',
	Equal: 'add-minute',
	NumpadSubtract: 'take-minute',
	Minus: 'take-minute'
};

/**
 * The console action of a key press, or null. Shortcuts with Ctrl, ⌘ or Alt are the browser's,
 * and a held key does not repeat a command (one press, one action).
 */
export function producerKeyAction(press: KeyPress): ProducerKeyAction | null {
	if (press.ctrlKey || press.metaKey || press.altKey || press.repeat) return null;
	return BY_KEY[press.key] ?? (press.code ? BY_CODE[press.code] : undefined) ?? null;
}

/** What the focused element is, as far as typing goes. */
export interface FocusTarget {
	tagName?: string;
	/** For inputs: `text`, `number`, `checkbox`… */
	type?: string;
	isContentEditable?: boolean;
}

// Inputs whose keys are not text: space on a focused checkbox still drives the show.
const NON_TEXT_INPUTS = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file', 'image']);

/** True when keys typed now go into a text field (message box, stock, time), so shortcuts stay off. */
export function isTypingTarget(target: FocusTarget | null | undefined): boolean {
	if (!target) return false;
	if (target.isContentEditable) return true;
	const tag = (target.tagName ?? '').toUpperCase();
	if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
	if (tag === 'INPUT') return !NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase());
	return false;
}

/** What the space bar (start/next) does in a state. */
export type AdvanceStep = 'ask-start' | 'next' | 'ask-end' | 'none';

/**
 * Space: ready → ask how to start (rehearsal or live); running → next segment; on the last segment
 * → ask to end the run; ended → nothing.
 */
export function resolveAdvance(status: LiveStatus, segmentIndex: number, segmentCount: number): AdvanceStep {
	if (status === 'ready') return segmentCount > 0 ? 'ask-start' : 'none';
	if (status === 'ended') return 'none';
	if (segmentIndex >= 0 && segmentIndex >= segmentCount - 1) return 'ask-end';
	return 'next';
}
