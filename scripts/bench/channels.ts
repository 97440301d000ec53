/**
 * What the benchmark's processes and threads say to each other, and how each end reads it: every
 * message from another process, thread or socket is parsed on receipt, and one that does not parse
 * throws an error naming its channel (the benchmark is a measuring tool: a wrong message is a bug).
 * Here rather than beside each end because the ends cannot be imported without starting (screens.ts
 * is the worker's entry, the floors listen on import), and both ends of a channel read one schema.
 * The diagnostics IPC is server/diagnostics.ts's (the server's end of it is there).
 *
 *   screens request / answer / workerData  run.ts ↔ the screens' worker thread (screens.ts)
 *   floor handshake, cmd                   a floor screen, a floor driver → the socket.io floor (floor-server.ts)
 *   floor snapshot                         the socket.io floor → its screens
 *   ws-floor cmd                           a ws floor driver → the ws floor (ws-floor-server.ts)
 *   ws-floor ack / push                    the ws floor → its drivers and screens
 *   wall socket: wall, shows               Showcall → wall.ts's wall (the contract's wallUpdateSchema)
 *
 * The floors' pushes reach every screen of a show inside the measured window, one handler call per
 * screen per command, one after another on the screens' thread: they are read by a hand-written
 * check (`readFloorSnapshot`, `readWsFloorPush`), not zod. Per frame of 50-130 bytes (the mix's
 * pushes), median of 6 interleaved runs of 200,000, load 1.2-1.3: a ws push's JSON.parse alone
 * 462-467 ns, with the check 473-475, with a zod object 622-649; a socket.io snapshot (decoded
 * already) 8 ns, 10-11 with the check, 80-88 with zod. zod would add ~8 µs to the last of 50
 * screens; the check adds ~0.5 µs. The once-per-command messages (a floor's cmd, an ack) use zod.
 */
import { z } from 'zod';
import { onDiagnosticsRequest, parseMessage, type Diagnostics } from '../../server/diagnostics';
import { SHOW_MIX, type MixKind } from './mix';

export { parseMessage };

const count = z.number().int().nonnegative();
const ms = z.number().nonnegative();

// The screens' worker thread (screens.ts, driven by screens-client.ts).

export const targetSchema = z.enum(['showcall', 'floor', 'ws-floor']);
export type Target = z.infer<typeof targetSchema>;
const mixKindSchema = z.enum(SHOW_MIX.map((m) => m.kind) as [MixKind, ...MixKind[]]);

/**
 * Every show gets the commands of the mix in turn (scripts/bench/mix.ts), warm-up and measured
 * alike, on every target. A floor's payload for a command is the size of Showcall's latest push of
 * the same kind in this thread (on show 0): Showcall is warmed up and measured first.
 */
export const screensRequestSchema = z.discriminatedUnion('type', [
	z.strictObject({
		type: z.literal('connect'),
		target: targetSchema,
		url: z.url(),
		// A show's other fields (run.ts passes its BenchShows) are left out.
		shows: z.array(z.object({ producerToken: z.string().min(1), hostToken: z.string().min(1) })).min(1),
		screensPerShow: z.number().int().positive()
	}),
	/**
	 * `commands` for each target, in blocks of `blockSize` (scripts/bench/schedule.ts), `gapMs` after
	 * every command whatever its target. `profile`: a file to write this thread's CPU profile of the
	 * measured commands to (all the targets').
	 */
	z.strictObject({
		type: z.literal('measure'),
		targets: z.array(targetSchema).min(1),
		commands: z.number().int().positive(),
		blockSize: z.number().int().positive(),
		gapMs: ms,
		profile: z.string().min(1).optional()
	}),
	/** Commands back to back, not counted, over every show in turn (one show: from extra drivers of it): the JIT settles, as in a server that has run a while. */
	z.strictObject({ type: z.literal('warmup'), target: targetSchema, commands: count }),
	/** Every show first ends its cycle of the mix (back on its opening, live; not counted), then the screens idle. */
	z.strictObject({ type: z.literal('idle'), target: targetSchema, seconds: z.number().positive() }),
	z.strictObject({ type: z.literal('soak'), seconds: z.number().positive(), intervalMs: z.number().positive() }),
	/** Closes a target's screens; every target's without one. */
	z.strictObject({ type: z.literal('close'), target: targetSchema.optional() })
]);
export type ScreensRequest = z.infer<typeof screensRequestSchema>;

/**
 * `commandLatenciesMs`: per command, in the order sent, each screen's latency (sent → that screen
 * has it; the last screen's is when every screen has it). `payloadBytesByType`: per kind of the mix,
 * the mean of what a screen received per measured command (Showcall's: a patch, on show 0's first
 * screen; a floor's: the payload it was sent); `payloadBytes`: the mean of those per-kind means (NaN
 * with none); `snapshotBytes`: the full snapshot a Showcall screen rebuilds (0 for a floor: it has none).
 */
export const measuredSchema = z.strictObject({
	target: targetSchema,
	commandLatenciesMs: z.array(z.array(ms)),
	/** The kind of each command of `commandLatenciesMs`. */
	commandKinds: z.array(mixKindSchema),
	payloadBytesByType: z.partialRecord(mixKindSchema, count),
	payloadBytes: z.union([count, z.nan()]),
	snapshotBytes: count
});
export type Measured = z.infer<typeof measuredSchema>;

export const screensAnswerSchema = z.discriminatedUnion('type', [
	z.strictObject({ type: z.literal('connected'), connectMs: ms }),
	z.strictObject({ type: z.literal('measured'), targets: z.array(measuredSchema) }),
	z.strictObject({ type: z.literal('warmed') }),
	z.strictObject({ type: z.literal('idled'), bytesPerScreenPerMin: z.number().nonnegative(), windowBytesPerScreen: z.number().nonnegative(), syncBytesPerScreen: z.number().nonnegative(), clockIntervalMs: ms }),
	z.strictObject({
		type: z.literal('soaked'),
		latenciesMs: z.array(ms),
		sent: count,
		refused: count,
		refusedCodes: z.record(z.string(), count),
		skipped: count,
		late: count
	}),
	z.strictObject({ type: z.literal('closed') }),
	z.strictObject({ type: z.literal('error'), message: z.string() })
]);
export type ScreensAnswer = z.infer<typeof screensAnswerSchema>;

/** `niceness` (0–19, Linux; 0 is not niced): see ScreensWorker. */
export const screensWorkerDataSchema = z.strictObject({ niceness: z.number().int().min(0).max(19) });

export const readScreensRequest = (message: unknown): ScreensRequest => parseMessage('screens request (main thread → screens worker)', screensRequestSchema, message);
export const readScreensAnswer = (message: unknown): ScreensAnswer => parseMessage('screens answer (screens worker → main thread)', screensAnswerSchema, message);
export const readScreensWorkerData = (data: unknown) => parseMessage('screens workerData', screensWorkerDataSchema, data);

// The floors' wires.

/** A socket.io floor screen's or driver's `handshake.auth`: the room of its show. */
export const floorHandshakeSchema = z.object({ room: z.string().min(1) });
export const readFloorHandshake = (auth: unknown) => parseMessage('socket.io floor handshake', floorHandshakeSchema, auth);

/** A driver's command to the socket.io floor (`cmd`, acknowledged): broadcast a payload of `bytes` characters numbered `seq`. */
export const floorCmdSchema = z.strictObject({ seq: z.number().int().positive(), bytes: count });
export const readFloorCmd = (message: unknown) => parseMessage('socket.io floor cmd', floorCmdSchema, message);

/** A driver's command to the ws floor, `{"cmd":seq,"bytes":n}` as text. */
export const wsFloorCmdSchema = z.strictObject({ cmd: z.number().int().positive(), bytes: count });
export const readWsFloorCmd = (text: string) => parseMessage('ws-floor cmd', wsFloorCmdSchema, parseJson('ws-floor cmd', text));

/** What a ws floor driver hears: the ack of its command, `{"ack":seq}`, or (it is in the room) a push. */
export const wsFloorAckSchema = z.strictObject({ ack: z.number().int().positive() });

function parseJson(channel: string, text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		throw new Error(`${channel}: malformed message: not JSON: ${JSON.stringify(text.slice(0, 80))}`);
	}
}

/** A push's `version`: a whole number, 1 or more, beside a string `pad`; or an error naming `channel` (hand-written: see above). */
function pushVersion(channel: string, payload: unknown, shown: () => string): number {
	if (typeof payload === 'object' && payload !== null && 'version' in payload && 'pad' in payload) {
		const { version, pad } = payload;
		if (typeof version === 'number' && Number.isSafeInteger(version) && version >= 1 && typeof pad === 'string') return version;
	}
	throw new Error(`${channel}: malformed message: not {"version":n,"pad":"…"} (n a whole number, 1 or more): ${shown().slice(0, 80)}`);
}

/** The version of the socket.io floor's `snapshot` push, `{ version, pad }`. Per screen per command. */
export const readFloorSnapshot = (payload: unknown): number => pushVersion('socket.io floor snapshot', payload, () => JSON.stringify(payload) ?? String(payload));

/** The version of the ws floor's push, `{"version":seq,"pad":"…"}` as text. Per screen per command. */
export const readWsFloorPush = (text: string): number => pushVersion('ws-floor push', parseJson('ws-floor push', text), () => text);

/** What a ws floor driver heard: its ack (`{ ack }`) or a push (`{ version }`). */
export function readWsFloorDriverMessage(text: string): { ack: number } | { version: number } {
	const message = parseJson('ws-floor ack', text);
	if (typeof message === 'object' && message !== null && 'ack' in message) return parseMessage('ws-floor ack', wsFloorAckSchema, message);
	return { version: pushVersion('ws-floor ack or push', message, () => text) };
}

/**
 * A benchmark floor's side of the channel: `diagnostics:read` answers its own broadcast times
 * (`fanoutMs`, which it keeps filling) and its memory; `diagnostics:reset` empties them.
 */
export function serveFloorDiagnostics(fanoutMs: number[]): void {
	onDiagnosticsRequest((request) => {
		if (request.type === 'diagnostics:read') process.send?.({ type: 'diagnostics', fanoutMs, rssBytes: process.memoryUsage().rss } satisfies Diagnostics);
		if (request.type === 'diagnostics:reset') fanoutMs.length = 0;
	});
}
