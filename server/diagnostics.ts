/**
 * Measurements for `npm run bench`, never part of a normal run: only when the process is started
 * with SHOWCALL_DIAGNOSTICS=1 *and* an IPC channel (as the benchmark spawns it). The figures go
 * back over that channel on request; nothing is exposed over HTTP or the socket.
 *
 * IPC messages: { type: 'diagnostics:reset' } clears the samples; { type: 'diagnostics:read' } is
 * answered with { type: 'diagnostics', fanoutMs: number[], commitMs: number[], publishMs: number[], rssBytes, heapUsedBytes, eventLoopDelayMs }
 * (`commitMs`: each accepted command's SQLite commit; `publishMs`: its broadcast alone, after the commit and the ack)
 * (the event loop's delay since the last read: p50, p99, max). `{ type: 'diagnostics:read', gc: true }`
 * collects garbage first when the process runs with --expose-gc (the soak's heap trend). Both ends
 * parse what they receive (`diagnosticsRequestSchema`, `diagnosticsSchema`); messages of other types
 * are not the channel's. A request that does not parse changes nothing and is answered with
 * { type: 'diagnostics:refused', code: 'MALFORMED_REQUEST', message } (`onDiagnosticsRequest`: the
 * process goes on); an answer that does not parse, or a refusal, throws at the benchmark's end,
 * naming the channel.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { z } from 'zod';
import type { LiveDiagnostics } from './live/live.runtime';

/** What the benchmark asks over the IPC channel (the floors of scripts/bench answer the same requests). */
export const diagnosticsRequestSchema = z.discriminatedUnion('type', [
	z.strictObject({ type: z.literal('diagnostics:reset') }),
	z.strictObject({ type: z.literal('diagnostics:read'), gc: z.boolean().optional() })
]);
export type DiagnosticsRequest = z.infer<typeof diagnosticsRequestSchema>;

const sampleMs = z.array(z.number().nonnegative());
/** The answer to `diagnostics:read`: Showcall's carries every field, a floor's `fanoutMs` and `rssBytes` alone. */
export const diagnosticsSchema = z.strictObject({
	type: z.literal('diagnostics'),
	fanoutMs: sampleMs,
	commitMs: sampleMs.optional(),
	/** Each command's broadcast alone (after its commit and ack): what compares with a bare broadcast. */
	publishMs: sampleMs.optional(),
	rssBytes: z.number().int().positive(),
	heapUsedBytes: z.number().int().positive().optional(),
	eventLoopDelayMs: z.strictObject({ p50: z.number().nonnegative(), p99: z.number().nonnegative(), max: z.number().nonnegative() }).optional()
});
export type Diagnostics = z.infer<typeof diagnosticsSchema>;

/** `schema`'s reading of a message on `channel` (the benchmark's IPC, its threads' and sockets'), or an error naming the channel and what is wrong. */
export function parseMessage<S extends z.ZodType>(channel: string, schema: S, message: unknown): z.infer<S> {
	const parsed = schema.safeParse(message);
	if (!parsed.success) throw new Error(`${channel}: malformed message: ${z.prettifyError(parsed.error)}`);
	return parsed.data;
}

/** A message on the channel whose `type` is one of `types` (others are not the channel's: null, ignored), parsed. */
function readTyped<S extends z.ZodType>(side: string, types: readonly string[], schema: S, message: unknown): z.infer<S> | null {
	if (typeof message !== 'object' || message === null || !('type' in message) || typeof message.type !== 'string' || !types.includes(message.type)) return null;
	return parseMessage(`diagnostics IPC (${side})`, schema, message);
}

/** A request the benchmark sent this process; null for a message that is not one (another IPC user's). Throws on one that does not parse. */
export const readDiagnosticsRequest = (message: unknown): DiagnosticsRequest | null =>
	readTyped('request', ['diagnostics:reset', 'diagnostics:read'], diagnosticsRequestSchema, message);

/** A process's answer to a request that did not parse: nothing was done. */
export const diagnosticsRefusalSchema = z.strictObject({ type: z.literal('diagnostics:refused'), code: z.literal('MALFORMED_REQUEST'), message: z.string() });
export type DiagnosticsRefusal = z.infer<typeof diagnosticsRefusalSchema>;

/**
 * Calls `handle` with each diagnostics request that reaches this process over its IPC channel. One
 * that does not parse is answered with a `diagnostics:refused` (the code and what is wrong) instead
 * of throwing in the channel's listener, which would end the process.
 */
export function onDiagnosticsRequest(handle: (request: DiagnosticsRequest) => void): void {
	process.on('message', (message: unknown) => {
		let request: DiagnosticsRequest | null;
		try {
			request = readDiagnosticsRequest(message);
		} catch (err) {
			process.send?.({ type: 'diagnostics:refused', code: 'MALFORMED_REQUEST', message: err instanceof Error ? err.message : String(err) } satisfies DiagnosticsRefusal);
			return;
		}
		if (request) handle(request);
	});
}

/** A process's answer to `diagnostics:read`; null for a message of another type. Throws on one that does not parse, and on a refusal (with its code and message). */
export function readDiagnosticsAnswer(message: unknown): Diagnostics | null {
	const refusal = readTyped('refusal', ['diagnostics:refused'], diagnosticsRefusalSchema, message);
	if (refusal) throw new Error(`diagnostics IPC: the process refused the request: ${refusal.code}: ${refusal.message}`);
	return readTyped('answer', ['diagnostics'], diagnosticsSchema, message);
}

const MAX_SAMPLES = 200_000;
const LOOP_RESOLUTION_MS = 10;

export function benchDiagnostics(env: Record<string, string | undefined> = process.env): LiveDiagnostics | null {
	if (env.SHOWCALL_DIAGNOSTICS !== '1' || typeof process.send !== 'function') return null;
	let fanoutMs: number[] = [];
	let commitMs: number[] = [];
	let publishMs: number[] = [];
	const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
	loop.enable();
	onDiagnosticsRequest((request) => {
		if (request.type === 'diagnostics:reset') {
			fanoutMs = [];
			commitMs = [];
			publishMs = [];
		}
		if (request.type === 'diagnostics:read') {
			// The monitor's samples are the intervals of a 10 ms timer: the delay is what exceeds it.
			const ms = (ns: number) => Math.max(0, Math.round((ns - LOOP_RESOLUTION_MS * 1e6) / 1e4) / 100);
			const eventLoopDelayMs = { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) };
			const gc = (globalThis as { gc?: () => void }).gc;
			if (request.gc && gc) gc();
			const memory = process.memoryUsage();
			// The pause of the GC just forced is the benchmark's, not the server's: let the monitor see it, then forget it.
			setTimeout(() => loop.reset(), request.gc && gc ? 30 : 0);
			process.send?.({ type: 'diagnostics', fanoutMs, commitMs, publishMs, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, eventLoopDelayMs } satisfies Diagnostics);
		}
	});
	// The channel must not keep a closing server alive.
	process.channel?.unref();
	return {
		fanout(ms) {
			if (fanoutMs.length < MAX_SAMPLES) fanoutMs.push(ms);
		},
		command(split) {
			if (commitMs.length < MAX_SAMPLES) commitMs.push(split.commitMs);
			if (publishMs.length < MAX_SAMPLES) publishMs.push(split.publishMs);
		}
	};
}
