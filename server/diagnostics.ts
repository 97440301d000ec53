/**
 * Measurements for `npm run bench`, never part of a normal run: only when the process is started
 * with SHOWCALL_DIAGNOSTICS=1 *and* an IPC channel (as the benchmark spawns it). The figures go
 * back over that channel on request; nothing is exposed over HTTP or the socket.
 *
 * IPC messages: { type: 'diagnostics:reset' } clears the samples; { type: 'diagnostics:read' } is
 * answered with { type: 'diagnostics', fanoutMs: number[], commitMs: number[], publishMs: number[], rssBytes, heapUsedBytes, eventLoopDelayMs }
 * (`commitMs`: each accepted command's SQLite commit; `publishMs`: its broadcast alone, after the commit and the ack)
 * (the event loop's delay since the last read: p50, p99, max). `{ type: 'diagnostics:read', gc: true }`
 * collects garbage first when the process runs with --expose-gc (the soak's heap trend).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { LiveDiagnostics } from './live/live.runtime';

const MAX_SAMPLES = 200_000;
const LOOP_RESOLUTION_MS = 10;

export function benchDiagnostics(env: Record<string, string | undefined> = process.env): LiveDiagnostics | null {
	if (env.SHOWCALL_DIAGNOSTICS !== '1' || typeof process.send !== 'function') return null;
	let fanoutMs: number[] = [];
	let commitMs: number[] = [];
	let publishMs: number[] = [];
	const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
	loop.enable();
	process.on('message', (message: unknown) => {
		const request = message as { type?: string; gc?: boolean } | null;
		if (request?.type === 'diagnostics:reset') {
			fanoutMs = [];
			commitMs = [];
			publishMs = [];
		}
		if (request?.type === 'diagnostics:read') {
			// The monitor's samples are the intervals of a 10 ms timer: the delay is what exceeds it.
			const ms = (ns: number) => Math.max(0, Math.round((ns - LOOP_RESOLUTION_MS * 1e6) / 1e4) / 100);
			const eventLoopDelayMs = { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) };
			const gc = (globalThis as { gc?: () => void }).gc;
			if (request.gc && gc) gc();
			const memory = process.memoryUsage();
			// The pause of the GC just forced is the benchmark's, not the server's: let the monitor see it, then forget it.
			setTimeout(() => loop.reset(), request.gc && gc ? 30 : 0);
			process.send?.({ type: 'diagnostics', fanoutMs, commitMs, publishMs, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, eventLoopDelayMs });
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
