/**
 * The producer console's keyboard: which key does what, and when a key press is the producer
 * typing rather than driving the show. Pure: the page hands in the key event's fields and what the
 * focused element is.
 */
import type { LiveStatus } from '../live';
import { MESSAGE_PRESETS } from './messages';

/** What a key asks for; `advance` is resolved against the show's state by `resolveAdvance`. */
export type ProducerKeyAction =
	| 'advance'
	| 'toggle-pause'
	| 'previous'
	| 'next'
	| 'add-minute'
	| 'take-minute'
	| 'jump'
	| 'flash-sale'
	| 'stock-up'
	| 'stock-down'
	| 'focus-message'
	| 'send-preset'
	| 'figures'
	| 'help';

/** The fields of a KeyboardEvent the mapping reads. */
export interface KeyPress {
	key: string;
	code?: string;
	ctrlKey?: boolean;
	metaKey?: boolean;
	altKey?: boolean;
	shiftKey?: boolean;
	repeat?: boolean;
}

/**
 * The keys shown on screen (legend and the ? overlay), in the order they are listed; labels are
 * the same in both languages. `1–6` stands for the presets' numbers (1 is the first preset).
 */
export const PRODUCER_KEYS: readonly { action: ProducerKeyAction; keys: readonly string[] }[] = [
	{ action: 'advance', keys: ['Space'] },
	{ action: 'toggle-pause', keys: ['P'] },
	{ action: 'previous', keys: ['←'] },
	{ action: 'next', keys: ['→'] },
	{ action: 'take-minute', keys: ['−'] },
	{ action: 'add-minute', keys: ['+'] },
	{ action: 'jump', keys: ['J'] },
	{ action: 'flash-sale', keys: ['F'] },
	{ action: 'stock-down', keys: ['↓'] },
	{ action: 'stock-up', keys: ['↑'] },
	{ action: 'focus-message', keys: ['M'] },
	{ action: 'send-preset', keys: [`1–${MESSAGE_PRESETS.length}`] },
	{ action: 'figures', keys: ['D'] },
	{ action: 'help', keys: ['?'] }
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
	Subtract: 'take-minute',
	j: 'jump',
	J: 'jump',
	f: 'flash-sale',
	F: 'flash-sale',
	ArrowUp: 'stock-up',
	ArrowDown: 'stock-down',
	m: 'focus-message',
	M: 'focus-message',
	d: 'figures',
	D: 'figures',
	'?': 'help',
	'？': 'help'
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
	Minus: 'take-minute',
	KeyJ: 'jump',
	KeyF: 'flash-sale',
	ArrowUp: 'stock-up',
	ArrowDown: 'stock-down',
	KeyM: 'focus-message',
	KeyD: 'figures'
};

/** The preset a number key sends (1-based), or null: 1–9 on the main row or the keypad. */
export function presetNumber(press: KeyPress): number | null {
	const digit = /^[1-9]$/.test(press.key) ? press.key : /^(?:Digit|Numpad)([1-9])$/.exec(press.code ?? '')?.[1];
	return digit ? Number(digit) : null;
}

/**
 * The console action of a key press, or null. Shortcuts with Ctrl, ⌘ or Alt are the browser's,
 * and a held key does not repeat a command (one press, one action).
 */
export function producerKeyAction(press: KeyPress): ProducerKeyAction | null {
	if (press.ctrlKey || press.metaKey || press.altKey || press.repeat) return null;
	const action = BY_KEY[press.key] ?? (press.code ? BY_CODE[press.code] : undefined);
	if (action) return action;
	if (press.code === 'Slash' && press.shiftKey) return 'help';
	return presetNumber(press) !== null ? 'send-preset' : null;
}

/** What the focused element is, as far as typing goes. */
export interface FocusTarget {
	tagName?: string;
	/** For inputs: `text`, `number`, `checkbox`… */
	type?: string;
	isContentEditable?: boolean;
}

// Inputs whose keys are not text: they are controls, like buttons.
const NON_TEXT_INPUTS = new Set(['button', 'submit', 'reset', 'checkbox', 'radio', 'color', 'file', 'image']);
const CONTROL_TAGS = new Set(['BUTTON', 'A', 'SUMMARY']);

/** True when keys typed now go into a text field (message box, stock, time), so shortcuts stay off. */
export function isTypingTarget(target: FocusTarget | null | undefined): boolean {
	return focusKind(target) === 'text';
}

/** Where the keyboard is: in a text field (every key is typing), on a control (Space and Enter press it), or on the console. */
export type FocusKind = 'text' | 'control' | 'console';

export function focusKind(target: FocusTarget | null | undefined): FocusKind {
	if (!target) return 'console';
	if (target.isContentEditable) return 'text';
	const tag = (target.tagName ?? '').toUpperCase();
	// A select and a range take the arrows as well: typing, as far as the console goes.
	if (tag === 'TEXTAREA' || tag === 'SELECT') return 'text';
	if (tag === 'INPUT') return NON_TEXT_INPUTS.has((target.type ?? 'text').toLowerCase()) ? 'control' : 'text';
	return CONTROL_TAGS.has(tag) ? 'control' : 'console';
}

/** What the console does with a key press: run an action, return to the console (Esc), or let it be. */
export type ConsoleKeyDecision = { kind: 'action'; action: ProducerKeyAction; preset?: number } | { kind: 'escape' } | { kind: 'pass' };

/**
 * The one rule for every key on the console, so a key never does two things:
 * - Esc always returns to the console (leaves a field, closes the key overlay or a question);
 * - in a text field every other key is typing;
 * - on a focused control (button, checkbox, link) Space and Enter press that control;
 * - while a question or the key overlay is open only `?` (to close the overlay) is the console's;
 * - otherwise a console key runs its action.
 */
export function decideConsoleKey(press: KeyPress, context: { focus: FocusKind; dialog?: boolean; help?: boolean }): ConsoleKeyDecision {
	if (press.key === 'Escape' || press.key === 'Esc') return { kind: 'escape' };
	if (context.focus === 'text') return { kind: 'pass' };
	const isSpaceOrEnter = press.key === ' ' || press.key === 'Spacebar' || press.key === 'Enter' || press.code === 'Space' || press.code === 'Enter' || press.code === 'NumpadEnter';
	if (context.focus === 'control' && isSpaceOrEnter) return { kind: 'pass' };
	const action = producerKeyAction(press);
	if (!action) return { kind: 'pass' };
	if (context.dialog) return { kind: 'pass' };
	if (context.help && action !== 'help') return { kind: 'pass' };
	if (action === 'send-preset') return { kind: 'action', action, preset: presetNumber(press)! };
	return { kind: 'action', action };
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
