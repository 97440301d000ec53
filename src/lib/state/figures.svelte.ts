/**
 * A run's audience figures on a producer, recorder or host screen: the checkpoints (newest first),
 * the show's settings, the host's one figure, and the writes (add a typed line, correct, delete,
 * settings) over the screen's live connection. Loaded on every (re)connection and when a new run
 * starts; kept in step by the server's `figure`, `figureSettings` and `hostFigure` pushes, so every
 * panel shows the same list.
 */
import type { FigureCheckpoint, FigureSettings } from '../contract/figures';
import { DEFAULT_FIGURE_SETTINGS } from '../contract/figures';
import type { FigureAck, FigureSettingsAck, HostFigure } from '../contract/figures-live';
import type { Figures } from '../core/figures/metrics';
import type { Platform } from '../core/model';
import { figureReminderDue } from '../core/screens/figures';
import type { LiveShowState } from './live-show.svelte';

export class FiguresState {
	#checkpoints = $state.raw<readonly FigureCheckpoint[]>([]);
	#settings = $state.raw<FigureSettings>(DEFAULT_FIGURE_SETTINGS);
	#hostFigure = $state.raw<HostFigure | null>(null);
	#loaded = $state(false);
	#runStartedAt: number | null = null;

	constructor(readonly live: LiveShowState) {}

	/** Every checkpoint of the run, deleted ones included, newest first. */
	get checkpoints() {
		return this.#checkpoints;
	}
	get settings() {
		return this.#settings;
	}
	get hostFigure() {
		return this.#hostFigure;
	}
	get loaded() {
		return this.#loaded;
	}
	/** The newest instant of a checkpoint not deleted, epoch ms (server clock). */
	get lastEnteredAt(): number | null {
		let last: number | null = null;
		for (const c of this.#checkpoints) if (!c.deleted && (last === null || c.at > last)) last = c.at;
		return last;
	}
	/** ms without a figure once past the reminder interval during a run; null otherwise. */
	get reminderDue(): number | null {
		const s = this.live.snapshot;
		return figureReminderDue({
			running: s?.status === 'live' || s?.status === 'paused',
			startedAt: s?.startedAt ?? null,
			lastEnteredAt: this.lastEnteredAt,
			reminderMin: this.#settings.reminderMin,
			now: this.live.now
		});
	}

	/** Listens to the connection; answers the function that stops. */
	start(): () => void {
		const c = this.live.connection;
		const offs = [
			c.on('welcome', () => void this.load()),
			c.on('figure', (checkpoint) => {
				if (this.#checkpoints.length && this.#checkpoints[0].runId !== checkpoint.runId && checkpoint.runId < this.#checkpoints[0].runId) return;
				const rest = this.#checkpoints.filter((x) => x.id !== checkpoint.id && x.runId === checkpoint.runId);
				this.#checkpoints = [...rest, checkpoint].sort((a, b) => b.at - a.at || b.id - a.id);
			}),
			c.on('figureSettings', (settings) => (this.#settings = settings)),
			c.on('hostFigure', (figure) => (this.#hostFigure = figure)),
			// A new run starts with no figures: read them again.
			c.on('snapshot', (s) => {
				if (s.startedAt !== this.#runStartedAt) {
					const first = this.#runStartedAt === null;
					this.#runStartedAt = s.startedAt;
					if (!first) void this.load();
				}
			})
		];
		return () => offs.forEach((off) => off());
	}

	async load() {
		const view = await this.live.connection.figures();
		if (!view) return;
		this.#checkpoints = view.checkpoints;
		this.#settings = view.settings;
		this.#hostFigure = view.hostFigure;
		this.#loaded = true;
	}

	/** Adds the line as typed for one platform; the server parses it again and stamps it. */
	add(platform: Platform, line: string): Promise<FigureAck> {
		return this.live.connection.writeFigures('add', { platform, line });
	}

	correct(checkpoint: FigureCheckpoint, figures: Figures): Promise<FigureAck> {
		return this.live.connection.writeFigures('correct', { id: checkpoint.id, figures, expectedVersion: checkpoint.version });
	}

	remove(checkpoint: FigureCheckpoint): Promise<FigureAck> {
		return this.live.connection.writeFigures('delete', { id: checkpoint.id, expectedVersion: checkpoint.version });
	}

	saveSettings(settings: FigureSettings): Promise<FigureSettingsAck> {
		return this.live.connection.saveFigureSettings(settings);
	}
}
