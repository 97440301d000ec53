/**
 * server/jit.ts: once the server listens, V8 optimises a function after fewer calls than at start-up.
 * Counted in a child process (V8's own flag, `--allow-natives-syntax` to read a function's state):
 * the calls a small function takes until V8 marks it for its optimising compiler, with Node's
 * default budget and after optimiseSoonerFromNowOn(). A Node whose V8 ignored a flag set at run time
 * would count the same twice.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../scripts/server-bundle.mjs';

const ROOT = new URL('../..', import.meta.url).pathname;

/** Calls until V8 marks `f` for optimisation (or has optimised it), in a fresh process with the server's flags. */
function callsToOptimise(sooner: boolean): number {
	const script = `
		${sooner ? "const { optimiseSoonerFromNowOn } = await import('./server/jit.ts'); optimiseSoonerFromNowOn();" : ''}
		function f(a, b) { const o = { a, b, s: a + ':' + b }; return o.s.length + (o.a > o.b ? 1 : 0); }
		// %GetOptimizationStatus bits: optimised (4), marked for optimisation (8), marked for concurrent optimisation (9), optimising (10).
		const marked = (1 << 4) | (1 << 8) | (1 << 9) | (1 << 10);
		let n = 0;
		for (; n < 1e6; n++) { f(n, n + 1); if (%GetOptimizationStatus(f) & marked) break; }
		process.stdout.write(String(n));`;
	const run = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, '--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
	expect(run.status, run.stderr).toBe(0);
	return Number(run.stdout);
}

describe('V8 optimises sooner once the server serves', () => {
	it('marks a function for the optimising compiler after markedly fewer calls', () => {
		const before = callsToOptimise(false);
		const after = callsToOptimise(true);
		expect(before).toBeGreaterThan(0);
		expect(before).toBeLessThan(1e6);
		expect(after).toBeLessThan(before * 0.75);
	});
});
