/**
 * Plays a scripted run of a show through the live runtime — the one command path the socket and
 * the HTTP API use — on a manual clock, so each command and alert is written exactly as during a
 * broadcast, at the instants the script gives. The demo seed replays the campaign's past shows
 * with it; tests drive the app's own runtime with it.
 */
import type { LiveCommandInput } from '../../src/lib/core/live';
import type { LiveWireSnapshot } from '../../src/lib/contract/live';
import { LiveRepository } from './live.repository';
import type { PersonRepository } from '../planning/person.repository';
import type { ProductRepository } from '../planning/product.repository';
import type { ShowRepository } from '../planning/show.repository';
import type { Db } from '../db/client';
import { Bus } from '../domain/bus';
import { LiveRuntime } from './live.runtime';
import { manualClock, type ManualClock } from './manual-clock';

export interface RunStep {
	/** Server time of the command, epoch ms (never before the previous step). */
	at: number;
	command: LiveCommandInput;
	/** Who sent it: 'producer:<device>' (the default 'producer:demo'), 'host:<device>' or 'http'. */
	actor?: string;
}

/**
 * Runs `steps` on `runtime` as `clock` reaches each step's instant (alerts fall due on the way).
 * Throws on a refused command: a script the engine refuses is a bug. Answers the last snapshot.
 */
export function playRun(runtime: LiveRuntime, clock: ManualClock, showId: number, steps: readonly RunStep[]): LiveWireSnapshot {
	let last: LiveWireSnapshot | null = null;
	for (const step of steps) {
		clock.set(step.at);
		const actor = step.actor ?? 'producer:demo';
		const result = runtime.execute(showId, actor.startsWith('host:') ? 'host' : 'producer', actor, step.command);
		if (!result.ok) throw new Error(`step ${step.command.type} at ${new Date(step.at).toISOString()} refused: ${result.code}`);
		last = result.snapshot;
	}
	if (!last) throw new Error('an empty run script');
	return last;
}

/** Replays a run at past instants with a runtime of its own (nothing is broadcast). */
export function replayRun(
	deps: { db: Db; shows: ShowRepository; products: ProductRepository; people: PersonRepository },
	showId: number,
	steps: readonly RunStep[]
): { snapshot: LiveWireSnapshot; runId: number | null } {
	const clock = manualClock(steps[0]?.at ?? 0);
	const live = new LiveRepository(deps.db);
	const runtime = new LiveRuntime({ live, shows: deps.shows, products: deps.products, people: deps.people, bus: new Bus(), clock, timers: clock.timers });
	try {
		return { snapshot: playRun(runtime, clock, showId, steps), runId: live.load(showId)?.runId ?? null };
	} finally {
		runtime.stop();
	}
}
