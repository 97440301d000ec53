/**
 * Measurements for `npm run bench`, never part of a normal run: only when the process is started
 * with SHOWCALL_DIAGNOSTICS=1 *and* an IPC channel (as the benchmark spawns it). The figures go
 * back over that channel on request; nothing is exposed over HTTP or the socket.
 *
 * IPC messages: { type: 'diagnostics:reset' } clears the samples; { type: 'diagnostics:read' } is
 * answered with { type: 'diagnostics', fanoutMs: number[], rssBytes, heapUsedBytes }.
 */
import type { LiveDiagnostics } from './services/live.runtime';

const MAX_SAMPLES = 200_000;

export function benchDiagnostics(env: Record<string, string | undefined> = process.env): LiveDiagnostics | null {
	if (env.SHOWCALL_DIAGNOSTICS !== '1' || typeof process.send !== 'function') return null;
	let fanoutMs: number[] = [];
	process.on('message', (message: unknown) => {
		const type = (message as { type?: string } | null)?.type;
		if (type === 'diagnostics:reset') fanoutMs = [];
		if (type === 'diagnostics:read') {
			const memory = process.memoryUsage();
			process.send?.({ type: 'diagnostics', fanoutMs, rssBytes: memory.rss, heapUsedBytes: memory.heapUsed });
		}
	});
	// The channel must not keep a closing server alive.
	process.channel?.unref();
	return {
		fanout(ms) {
			if (fanoutMs.length < MAX_SAMPLES) fanoutMs.push(ms);
		}
	};
}
