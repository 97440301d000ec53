/**
 * Commands a producer (or a host, for `message-ack`) sends to a running show, with the zod schema
 * adapters use to validate untrusted input (socket events, HTTP control calls).
 */
import { z } from 'zod';
import { MAX_STOCK, segmentInput } from '../model';
import { LIVE_MODES } from './state';

export const LIVE_COMMAND_TYPES = [
	'start',
	'pause',
	'resume',
	'next',
	'previous',
	'goto',
	'add-time',
	'flash-sale-start',
	'flash-sale-stop',
	'set-stock',
	'cue-done',
	'message',
	'message-ack',
	'end',
	'reset'
] as const;
export type LiveCommandType = (typeof LIVE_COMMAND_TYPES)[number];

/**
 * Commands that move the show (change where it is): screens send them with the version they saw,
 * so two producers pressing "next" together advance one segment, and the producer console sends
 * one at a time. The others (stock, cues, messages, acks) set values whatever the version.
 */
export const LIVE_MOVE_COMMANDS = [
	'start',
	'pause',
	'resume',
	'next',
	'previous',
	'goto',
	'add-time',
	'flash-sale-start',
	'flash-sale-stop',
	'end',
	'reset'
] as const satisfies readonly LiveCommandType[];

const MOVES: ReadonlySet<LiveCommandType> = new Set(LIVE_MOVE_COMMANDS);

/** True for a command in LIVE_MOVE_COMMANDS. */
export function isLiveMoveCommand(type: LiveCommandType): boolean {
	return MOVES.has(type);
}

/** Largest time a single add-time may add or take, ms (3 h). */
export const MAX_ADD_TIME_MS = 3 * 3600_000;
/** Longest producer message, characters (after trimming). */
export const MAX_MESSAGE_LENGTH = 500;

const expectedVersion = z.number().int().min(0).optional();
/** When the sender issued it, on the server's clock (epoch ms): see `checkCommandTime`. */
const issuedAt = z.number().int().min(0).max(8.64e15).optional();
/**
 * A command's own id, made by its sender (8–64 of A–Z a–z 0–9 _ -): logged with it, so a screen
 * whose ack was lost (a restart between the commit and the ack) can ask whether it took effect
 * (`commands:outcome`). Not a deduplication key: a command is never sent twice.
 */
export const COMMAND_ID = /^[A-Za-z0-9_-]{8,64}$/;
const commandId = z.string().regex(COMMAND_ID).optional();
const segmentId = segmentInput.shape.id;

/** One strict object per command type; every command may carry the version its sender saw, when it was issued and its id. */
const command = <T extends LiveCommandType, S extends z.ZodRawShape>(type: T, shape: S) =>
	z.strictObject({ type: z.literal(type), expectedVersion, issuedAt, commandId, ...shape });

export const liveCommand = z.discriminatedUnion('type', [
	command('start', { mode: z.enum(LIVE_MODES) }),
	command('pause', {}),
	command('resume', {}),
	command('next', {}),
	command('previous', {}),
	command('goto', { segmentId }),
	command('add-time', {
		/** ms; positive adds time to the current segment, negative takes it away. */
		deltaMs: z
			.number()
			.int()
			.min(-MAX_ADD_TIME_MS)
			.max(MAX_ADD_TIME_MS)
			.refine((ms) => ms !== 0, { message: 'Must not be zero' })
	}),
	command('flash-sale-start', { segmentId: segmentId.optional() }),
	command('flash-sale-stop', {}),
	command('set-stock', {
		productId: z.number().int().positive(),
		stock: z.number().int().min(0).max(MAX_STOCK)
	}),
	command('cue-done', { cueId: z.string().min(1).max(40), done: z.boolean() }),
	command('message', { text: z.string().trim().min(1).max(MAX_MESSAGE_LENGTH) }),
	command('message-ack', { messageId: z.string().min(1).max(40) }),
	command('end', {}),
	command('reset', {})
]);

/** A validated command (message text already trimmed). */
export type LiveCommand = z.output<typeof liveCommand>;
/** A command as a client sends it. */
export type LiveCommandInput = z.input<typeof liveCommand>;

// The list and the union must name the same types.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameTypes: Same<LiveCommand['type'], LiveCommandType> = true;
void sameTypes;

type Fields = Record<string, unknown>;
const isInt = (v: unknown, min: number, max: number): v is number => Number.isSafeInteger(v) && (v as number) >= min && (v as number) <= max;
const isId = (v: unknown): v is string => typeof v === 'string' && v.length >= 1 && v.length <= 40;
const SEGMENT_ID = /^[A-Za-z0-9_-]{1,40}$/;
const isSegmentId = (v: unknown): v is string => typeof v === 'string' && SEGMENT_ID.test(v);
const isCommandId = (v: unknown): v is string => typeof v === 'string' && COMMAND_ID.test(v);

/**
 * The fields of each command but `message` (whose text is trimmed first), checked by hand exactly
 * as `liveCommand` checks them: a field a command does not list makes the fast path give up.
 */
const FAST: Partial<Record<LiveCommandType, Record<string, (v: unknown) => boolean>>> = {
	start: { mode: (v) => (LIVE_MODES as readonly unknown[]).includes(v) },
	pause: {},
	resume: {},
	next: {},
	previous: {},
	goto: { segmentId: isSegmentId },
	'add-time': { deltaMs: (v) => isInt(v, -MAX_ADD_TIME_MS, MAX_ADD_TIME_MS) && v !== 0 },
	'flash-sale-start': { segmentId: (v) => v === undefined || isSegmentId(v) },
	'flash-sale-stop': {},
	'set-stock': { productId: (v) => isInt(v, 1, Number.MAX_SAFE_INTEGER), stock: (v) => isInt(v, 0, MAX_STOCK) },
	'cue-done': { cueId: isId, done: (v) => typeof v === 'boolean' },
	'message-ack': { messageId: isId },
	end: {},
	reset: {}
};

/**
 * `liveCommand.safeParse(input)`, the common shapes checked by hand first: a command every field
 * of which is valid is answered without zod (a first zod parse on a cold path costs microseconds
 * per command); anything else — every refusal — is zod's own answer, with its issues and messages.
 * The data is what zod gives: a new object, the fields in the schema's order (type,
 * expectedVersion, issuedAt, commandId, then the command's own), absent optional fields left out.
 */
export function parseLiveCommand(input: unknown): ReturnType<typeof liveCommand.safeParse> {
	const fast = typeof input === 'object' && input !== null && Object.getPrototypeOf(input) === Object.prototype ? fastCommand(input as Fields) : null;
	return fast ? { success: true, data: fast } : liveCommand.safeParse(input);
}

function fastCommand(input: Fields): LiveCommand | null {
	const type = input.type;
	const fields = typeof type === 'string' && Object.hasOwn(FAST, type) ? FAST[type as LiveCommandType] : undefined;
	if (!fields) return null;
	const out: Fields = { type };
	const { expectedVersion, issuedAt, commandId } = input;
	if (expectedVersion !== undefined) {
		if (!isInt(expectedVersion, 0, Number.MAX_SAFE_INTEGER)) return null;
		out.expectedVersion = expectedVersion;
	}
	if (issuedAt !== undefined) {
		if (!isInt(issuedAt, 0, 8.64e15)) return null;
		out.issuedAt = issuedAt;
	}
	if (commandId !== undefined) {
		if (!isCommandId(commandId)) return null;
		out.commandId = commandId;
	}
	for (const key in fields) {
		const value = input[key];
		if (!fields[key](value)) return null;
		if (value !== undefined) out[key] = value;
	}
	// Unknown fields are refused (strict objects), and a field given as undefined is zod's to judge.
	const keys = Object.keys(input);
	return keys.length === Object.keys(out).length && keys.every((k) => Object.hasOwn(out, k)) ? (out as LiveCommand) : null;
}
