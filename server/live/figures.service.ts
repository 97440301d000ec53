/**
 * The audience figures during a show (issue 14): one command path for the socket and the HTTP API,
 * like the live runtime's —
 *
 *   authorise (producer or recorder) → parse (the contract; a typed line with core's parser) →
 *   stamp with the server's time, the run and the segment on air → commit with its log line →
 *   acknowledge → push to the show's producer, recorder and coordinator screens (hosts: only the
 *   figure the producer chose to show them).
 *
 * And the read side others build on (the monitoring wall, the after-show report): `list`,
 * `latest`, `lastEnteredAt`. It never imports socket.io: the gateway implements `FiguresPublisher`.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';
import { zodFieldIssues } from '../../src/lib/contract/fields';
import {
	figureAddInput,
	figureCorrectInput,
	figureDeleteInput,
	figureSettingsSchema,
	type FigureCheckpoint,
	type FigureSettings
} from '../../src/lib/contract/figures';
import type { FigureAck, FigureRefusal, FigureSettingsAck, FiguresView, HostFigure } from '../../src/lib/contract/figures-live';
import type { ScreenRole } from '../../src/lib/contract/live';
import { parseFigureLine } from '../../src/lib/core/figures/line';
import { FIGURE_METRICS, type FigureMetric, type Figures } from '../../src/lib/core/figures/metrics';
import { authorizeFigures } from '../../src/lib/core/live/roles';
import type { Platform } from '../../src/lib/core/model';
import type { FigureRepository } from './figures.repository';
import type { LiveRuntime } from './live.runtime';

/** How figures reach the screens; the socket gateway implements it. */
export interface FiguresPublisher {
	/** A checkpoint added, corrected or deleted: to the show's producer, recorder and coordinator screens. */
	checkpoint(showId: number, checkpoint: FigureCheckpoint): void;
	/** The show's settings changed: to the same screens. */
	settings(showId: number, settings: FigureSettings): void;
	/** The one figure hosts see (null: none): to the show's host screens. */
	hostFigure(showId: number, figure: HostFigure | null): void;
}

/** Per platform, each metric's newest value in the run and when it was taken (epoch ms). */
export interface LatestFigures {
	platform: Platform;
	/** The newest checkpoint's instant. */
	at: number;
	figures: Figures;
	metricAt: Partial<Record<FigureMetric, number>>;
}

export interface FiguresServiceDeps {
	figures: FigureRepository;
	live: LiveRuntime;
	clock: () => number;
	log?: FastifyBaseLogger;
}

type Refused = FigureRefusal;
const refusal = (code: FigureRefusal['code'], message: string, extra: Partial<FigureRefusal> = {}): Refused => ({ ok: false, code, message, ...extra });

function invalid(error: z.ZodError): Refused {
	const fields = zodFieldIssues(error);
	const first = fields[0];
	return refusal('INVALID_COMMAND', `The figures are not valid${first ? `: ${first.path ? `${first.path}: ` : ''}${first.message}` : ''}.`, { fields });
}

export class FiguresService {
	readonly #deps: FiguresServiceDeps;
	#publisher: FiguresPublisher | null = null;

	constructor(deps: FiguresServiceDeps) {
		this.#deps = deps;
	}

	/** The gateway registers itself here; without one (HTTP-only tests) nothing is pushed. */
	setPublisher(publisher: FiguresPublisher | null) {
		this.#publisher = publisher;
	}

	// -------------------------------------------------------------------------------------------
	// Reading

	/** The run whose figures the show's screens see: the current (or last) run, else the last with figures. */
	#runOf(showId: number): number | null {
		return this.#deps.live.onAir(showId)?.runId ?? this.#deps.figures.lastRunWithFigures(showId);
	}

	/** A run's checkpoints (default: the current or last run), deleted ones included, newest first. */
	list(showId: number, runId?: number): FigureCheckpoint[] {
		const run = runId ?? this.#runOf(showId);
		return run === null ? [] : this.#deps.figures.list(showId, run);
	}

	/** Per show (of `showIds`), per platform, the newest figures of its current run; a show without figures is absent. */
	latest(showIds: readonly number[]): Map<number, LatestFigures[]> {
		const runs = new Map<number, number>();
		for (const showId of showIds) {
			const run = this.#runOf(showId);
			if (run !== null) runs.set(run, showId);
		}
		const result = new Map<number, LatestFigures[]>();
		for (const c of this.#deps.figures.listRuns([...runs.keys()])) {
			const perShow = result.get(c.showId) ?? [];
			result.set(c.showId, perShow);
			let entry = perShow.find((e) => e.platform === c.platform);
			if (!entry) perShow.push((entry = { platform: c.platform, at: c.at, figures: {}, metricAt: {} }));
			// Newest first: the first value seen of each metric is its newest.
			for (const metric of FIGURE_METRICS) {
				const value = c.figures[metric];
				if (value !== undefined && entry.figures[metric] === undefined) {
					entry.figures[metric] = value;
					entry.metricAt[metric] = c.at;
				}
			}
		}
		return result;
	}

	/** When a figure was last taken in the show's current run (deleted ones aside), epoch ms; null when none. */
	lastEnteredAt(showId: number): number | null {
		return lastAt(this.list(showId));
	}

	settings(showId: number): FigureSettings {
		return this.#deps.figures.settings(showId);
	}

	/** The figure hosts see, with its newest value in the run; null when the producer shows none. */
	hostFigure(showId: number, checkpoints = this.list(showId), settings = this.settings(showId)): HostFigure | null {
		const chosen = settings.showToHost;
		if (!chosen) return null;
		const newest = checkpoints.find((c) => !c.deleted && c.platform === chosen.platform && c.figures[chosen.metric] !== undefined);
		return { ...chosen, value: newest?.figures[chosen.metric] ?? null, at: newest?.at ?? null };
	}

	/** What a screen of `role` sees; a host's copy holds only its one figure. null when the show does not exist. */
	view(showId: number, role: ScreenRole): FiguresView | null {
		if (this.#deps.live.onAir(showId) === undefined) return null;
		const runId = this.#runOf(showId);
		const checkpoints = runId === null ? [] : this.#deps.figures.list(showId, runId);
		const settings = this.settings(showId);
		const hostFigure = this.hostFigure(showId, checkpoints, settings);
		if (role === 'host') return { showId, runId, checkpoints: [], settings, lastEnteredAt: null, hostFigure };
		return { showId, runId, checkpoints, settings, lastEnteredAt: lastAt(checkpoints), hostFigure };
	}

	// -------------------------------------------------------------------------------------------
	// The one command path: add, correct, delete, settings. `ack` is called after the commit and
	// before anything is pushed; the result is also returned.

	add(showId: number, role: ScreenRole, actor: string, input: unknown, ack?: (r: FigureAck) => void): FigureAck {
		return this.#answer(ack, () => {
			const forbidden = authorizeFigures(role, 'write');
			if (forbidden) return forbidden;
			const parsed = figureAddInput.safeParse(input);
			if (!parsed.success) return invalid(parsed.error);
			const { platform } = parsed.data;
			let figures: Figures;
			if ('line' in parsed.data) {
				const line = parseFigureLine(parsed.data.line);
				if (!line.ok) return refusal(line.code, line.message, { start: line.start, end: line.end });
				figures = line.figures;
			} else figures = parsed.data.figures;
			const onAir = this.#deps.live.onAir(showId);
			if (onAir === undefined) return refusal('NOT_FOUND', 'The show no longer exists.');
			if (onAir === null) return refusal('NOT_RUNNING', 'The show has not started; figures belong to a run (the show or a rehearsal).');
			const platforms = this.#deps.live.sheet(showId, 'producer')?.platforms.map((p) => p.platform) ?? [];
			if (!platforms.includes(platform)) return refusal('UNKNOWN_PLATFORM', `The show is not on ${platform}; its platforms: ${platforms.join(', ') || 'none'}.`);
			const now = this.#deps.clock();
			const checkpoint = this.#deps.figures.add({ showId, runId: onAir.runId, platform, at: now, segmentId: onAir.segmentId, source: 'manual', figures, actor, now });
			return { ok: true, checkpoint };
		}, (checkpoint) => this.#pushed(showId, checkpoint));
	}

	correct(showId: number, role: ScreenRole, actor: string, input: unknown, ack?: (r: FigureAck) => void): FigureAck {
		return this.#answer(ack, () => {
			const forbidden = authorizeFigures(role, 'write');
			if (forbidden) return forbidden;
			const parsed = figureCorrectInput.safeParse(input);
			if (!parsed.success) return invalid(parsed.error);
			return this.#change(showId, parsed.data.id, parsed.data.figures, parsed.data.expectedVersion, actor);
		}, (checkpoint) => this.#pushed(showId, checkpoint));
	}

	delete(showId: number, role: ScreenRole, actor: string, input: unknown, ack?: (r: FigureAck) => void): FigureAck {
		return this.#answer(ack, () => {
			const forbidden = authorizeFigures(role, 'write');
			if (forbidden) return forbidden;
			const parsed = figureDeleteInput.safeParse(input);
			if (!parsed.success) return invalid(parsed.error);
			return this.#change(showId, parsed.data.id, null, parsed.data.expectedVersion, actor);
		}, (checkpoint) => this.#pushed(showId, checkpoint));
	}

	saveSettings(showId: number, role: ScreenRole, actor: string, input: unknown, ack?: (r: FigureSettingsAck) => void): FigureSettingsAck {
		const result = ((): FigureSettingsAck => {
			const forbidden = authorizeFigures(role, 'settings');
			if (forbidden) return forbidden;
			const parsed = figureSettingsSchema.safeParse(input);
			if (!parsed.success) return invalid(parsed.error);
			const settings = parsed.data;
			const sheet = this.#deps.live.sheet(showId, 'producer');
			if (!sheet) return refusal('NOT_FOUND', 'The show no longer exists.');
			const platforms = sheet.platforms.map((p) => p.platform);
			if (settings.showToHost && !platforms.includes(settings.showToHost.platform)) {
				return refusal('UNKNOWN_PLATFORM', `The show is not on ${settings.showToHost.platform}; its platforms: ${platforms.join(', ') || 'none'}.`);
			}
			try {
				this.#deps.figures.saveSettings(showId, settings, actor, this.#deps.clock());
			} catch (err) {
				this.#deps.log?.error({ err, showId }, 'figure settings could not be saved');
				return refusal('INTERNAL', 'The settings could not be saved; nothing changed.');
			}
			return { ok: true, settings };
		})();
		ack?.(result);
		if (result.ok) {
			this.#publisher?.settings(showId, result.settings);
			this.#publisher?.hostFigure(showId, this.hostFigure(showId, this.list(showId), result.settings));
		}
		return result;
	}

	#change(showId: number, id: number, figures: Figures | null, expectedVersion: number | undefined, actor: string): FigureAck {
		const changed = this.#deps.figures.change(showId, id, figures, expectedVersion, actor, this.#deps.clock());
		if (changed === undefined) return refusal('NOT_FOUND', `No checkpoint ${id} in this show (or it was deleted).`);
		if (changed === 'stale') {
			const current = this.#deps.figures.get(showId, id);
			return refusal('STALE_VERSION', `The checkpoint has changed (version ${current?.version ?? '?'}); reload and try again.`);
		}
		return { ok: true, checkpoint: changed };
	}

	/** Runs a write: a thrown database error becomes INTERNAL (nothing committed); acknowledges, then pushes. */
	#answer(ack: ((r: FigureAck) => void) | undefined, run: () => FigureAck, after: (c: FigureCheckpoint) => void): FigureAck {
		let result: FigureAck;
		try {
			result = run();
		} catch (err) {
			this.#deps.log?.error({ err }, 'figures could not be saved');
			result = refusal('INTERNAL', 'The figures could not be saved; nothing changed.');
		}
		ack?.(result);
		if (result.ok) after(result.checkpoint);
		return result;
	}

	#pushed(showId: number, checkpoint: FigureCheckpoint) {
		if (!this.#publisher) return;
		this.#publisher.checkpoint(showId, checkpoint);
		const settings = this.settings(showId);
		if (settings.showToHost?.platform === checkpoint.platform && checkpoint.runId === this.#runOf(showId)) this.#publisher.hostFigure(showId, this.hostFigure(showId, this.list(showId, checkpoint.runId), settings));
	}
}

function lastAt(checkpoints: readonly FigureCheckpoint[]): number | null {
	let last: number | null = null;
	for (const c of checkpoints) if (!c.deleted && (last === null || c.at > last)) last = c.at;
	return last;
}
