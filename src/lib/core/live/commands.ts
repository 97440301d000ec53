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
const segmentId = segmentInput.shape.id;

/** One strict object per command type; every command may carry the version its sender saw and when it was issued. */
const command = <T extends LiveCommandType, S extends z.ZodRawShape>(type: T, shape: S) =>
	z.strictObject({ type: z.literal(type), expectedVersion, issuedAt, ...shape });

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
