/**
 * The commands `npm run bench` sends a show, in turn: a show's mix, the same cycle for every show
 * and every run. The show starts on its opening (run.ts starts it and moves it there), enters the
 * first product slot (a new segment index, a merged `actualStarts`, the server's alerts re-armed),
 * gets 30 s more, is paused and resumed, gives the 30 s back and returns to its opening: after a
 * whole cycle it is where it began, live, never at its last segment. The floors' payload for each
 * command is the size of Showcall's push of the same kind (`floorPayloadBytes`).
 */
import type { LiveCommandInput } from '../../src/lib/core/live';

export const SHOW_MIX = [
	{ kind: 'next', command: { type: 'next' } },
	{ kind: 'add-time +30 s', command: { type: 'add-time', deltaMs: 30_000 } },
	{ kind: 'pause', command: { type: 'pause' } },
	{ kind: 'resume', command: { type: 'resume' } },
	{ kind: 'add-time -30 s', command: { type: 'add-time', deltaMs: -30_000 } },
	{ kind: 'previous', command: { type: 'previous' } }
] as const satisfies readonly { kind: string; command: LiveCommandInput }[];

export type MixKind = (typeof SHOW_MIX)[number]['kind'];
export type MixEntry = (typeof SHOW_MIX)[number];

/** The `turn`-th command (from 0) a show gets. */
export function mixAt(turn: number): MixEntry {
	if (!Number.isInteger(turn) || turn < 0) throw new Error(`a show's turn is a whole number, 0 or more (got ${turn})`);
	return SHOW_MIX[turn % SHOW_MIX.length];
}

/**
 * The commands a scenario measures on each target: the least multiple of `shows` × the mix's length
 * not below `asked`, so that every show gets whole cycles and every kind is measured as often as the
 * others (200 asked: 204 on one show; 300 on 50 shows, where 200 gave each show only the mix's first four).
 */
export function wholeCycles(asked: number, shows: number): number {
	if (!(asked > 0) || !Number.isInteger(shows) || shows < 1) throw new Error(`whole cycles of ${asked} commands over ${shows} shows`);
	const cycle = shows * SHOW_MIX.length;
	return Math.ceil(asked / cycle) * cycle;
}

/** Commands a show that has had `turns` still needs to end its cycle (back on its opening, live). */
export function turnsToCycleEnd(turns: number): number {
	return (SHOW_MIX.length - (turns % SHOW_MIX.length)) % SHOW_MIX.length;
}

/**
 * The floors' payload for a command of `kind`: the size of Showcall's latest push of that kind;
 * before Showcall has pushed one (no warm-up), its latest push of any kind (`latest`; 0 before any).
 */
export function floorPayloadBytes(pushBytes: ReadonlyMap<MixKind, number>, kind: MixKind, latest: number): number {
	return pushBytes.get(kind) ?? latest;
}

/** `values` (one per command, in the order sent) grouped by the kind of each command (`kinds`, the same order), in the mix's order. */
export function groupByKind<T>(kinds: readonly MixKind[], values: readonly T[]): [MixKind, T[]][] {
	if (kinds.length !== values.length) throw new Error(`${kinds.length} kinds for ${values.length} commands`);
	return SHOW_MIX.map(({ kind }): [MixKind, T[]] => [kind, values.filter((_, i) => kinds[i] === kind)]).filter(([, own]) => own.length > 0);
}

/**
 * Per kind, the mean size of the payloads `samples` lists (rounded to the byte), in the mix's
 * order; `mean`: the mean of those per-kind means (each kind of the cycle once, whatever the number
 * of commands of each kind measured); NaN with no samples.
 */
export function bytesByKind(samples: readonly { kind: MixKind; bytes: number }[]): { byKind: Partial<Record<MixKind, number>>; mean: number } {
	const byKind: Partial<Record<MixKind, number>> = {};
	const means: number[] = [];
	for (const { kind } of SHOW_MIX) {
		const own = samples.filter((s) => s.kind === kind);
		if (own.length === 0) continue;
		const mean = own.reduce((sum, s) => sum + s.bytes, 0) / own.length;
		byKind[kind] = Math.round(mean);
		means.push(mean);
	}
	return { byKind, mean: means.length ? Math.round(means.reduce((a, b) => a + b, 0) / means.length) : NaN };
}
