/**
 * When V8 optimises the server's code. V8 compiles a function with its optimising compiler once the
 * function has spent its "interrupt budget" of bytecode (Node 20: 132 KB) a few times. A command runs
 * most of its code once (the HTTP request, Fastify's hooks, the runtime's path), so that code is
 * still unoptimised after thousands of commands: `bench:route`'s control route took 0.20 ms p50 after
 * 200 commands and 0.14 ms after 4,000, and the compiler's jobs went on through the measured ones
 * (docs/reliability.md, "Speed, seventh round"). A smaller budget from the start
 * (`--interrupt-budget`) was declined: starting, which runs everything once, took a third longer. So
 * the smaller budget is set once the server listens: start-up is as before, and the commands'
 * code is optimised within the first few hundred.
 */
import { setFlagsFromString } from 'node:v8';

/** The budget once the server serves, bytes of bytecode (V8's default in Node 20 is 132 KB). */
export const SERVING_INTERRUPT_BUDGET = 16 * 1024;

/**
 * Lowers V8's interrupt budget from now on. The flag is read each time a function's budget is
 * renewed, so it applies to functions as they next run out of theirs.
 */
export function optimiseSoonerFromNowOn() {
	setFlagsFromString(`--interrupt-budget=${SERVING_INTERRUPT_BUDGET}`);
}
