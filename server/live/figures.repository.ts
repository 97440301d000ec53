/**
 * The audience figures' tables: checkpoints, their append-only log and each show's settings. An
 * addition, correction or deletion writes the checkpoint and its log line in one transaction, so
 * what was acknowledged is what a restart reads back. Every JSON column is parsed with the
 * contract's schemas on the way out (db/rows.ts): an unreadable checkpoint is logged and left out.
 */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { figureCheckpointSchema, figuresSchema, readFigureSettings, type FigureCheckpoint, type FigureSettings } from '../../src/lib/contract/figures';
import type { Figures, FigureSource } from '../../src/lib/core/figures/metrics';
import type { Platform } from '../../src/lib/core/model';
import type { Db } from '../db/client';
import { figureCheckpoints, figureLog, figureSettings } from '../db/schema';
import { readJson, silentRowLog, type RowLog } from '../db/rows';

type CheckpointRow = typeof figureCheckpoints.$inferSelect;

export interface NewCheckpoint {
	showId: number;
	runId: number;
	platform: Platform;
	at: number;
	segmentId: string | null;
	source: FigureSource;
	figures: Figures;
	actor: string;
	/** When it was written (the server's clock), epoch ms. */
	now: number;
}

/** One line of a checkpoint's history. */
export interface FigureLogEntry {
	checkpointId: number;
	action: 'add' | 'correct' | 'delete';
	version: number;
	before: Figures | null;
	after: Figures | null;
	actor: string;
	at: number;
}

export class FigureRepository {
	constructor(
		private readonly db: Db,
		private readonly log: RowLog = silentRowLog
	) {}

	#read(row: CheckpointRow): FigureCheckpoint | undefined {
		return readJson(
			this.log,
			figureCheckpointSchema,
			{ id: row.id, showId: row.showId, runId: row.runId, platform: row.platform, at: row.at, segmentId: row.segmentId, source: row.source, figures: row.figures, version: row.version, createdBy: row.createdBy, updatedAt: row.updatedAt, updatedBy: row.updatedBy, deleted: row.deleted },
			{ table: 'figure_checkpoints', column: 'figures', id: row.id }
		);
	}

	/** Adds a checkpoint and its log line in one transaction. */
	add(c: NewCheckpoint): FigureCheckpoint {
		return this.db.transaction((tx) => {
			const row = tx
				.insert(figureCheckpoints)
				.values({ showId: c.showId, runId: c.runId, platform: c.platform, at: c.at, segmentId: c.segmentId, source: c.source, figures: c.figures, createdAt: c.now, createdBy: c.actor, updatedAt: c.now, updatedBy: c.actor })
				.returning()
				.get();
			tx.insert(figureLog).values({ checkpointId: row.id, showId: c.showId, action: 'add', version: 1, before: null, after: c.figures, actor: c.actor, at: c.now }).run();
			return this.#read(row)!;
		});
	}

	/**
	 * Replaces the figures (`figures`) or marks the checkpoint deleted (null), raising its version,
	 * only if it is still at `expectedVersion` (any when undefined) and not deleted. Answers the
	 * checkpoint as committed, 'stale', or undefined when the show has no such checkpoint.
	 */
	change(showId: number, id: number, figures: Figures | null, expectedVersion: number | undefined, actor: string, now: number): FigureCheckpoint | 'stale' | undefined {
		return this.db.transaction((tx) => {
			const current = tx
				.select()
				.from(figureCheckpoints)
				.where(and(eq(figureCheckpoints.id, id), eq(figureCheckpoints.showId, showId)))
				.get();
			if (!current || current.deleted) return undefined;
			if (expectedVersion !== undefined && current.version !== expectedVersion) return 'stale';
			const row = tx
				.update(figureCheckpoints)
				.set(figures === null ? { deleted: true, version: sql`${figureCheckpoints.version} + 1`, updatedAt: now, updatedBy: actor } : { figures, version: sql`${figureCheckpoints.version} + 1`, updatedAt: now, updatedBy: actor })
				.where(and(eq(figureCheckpoints.id, id), eq(figureCheckpoints.version, current.version)))
				.returning()
				.get();
			if (!row) return 'stale';
			const before = readJson(this.log, figuresSchema, current.figures, { table: 'figure_checkpoints', column: 'figures', id }) ?? null;
			tx.insert(figureLog)
				.values({ checkpointId: id, showId, action: figures === null ? 'delete' : 'correct', version: row.version, before, after: figures, actor, at: now })
				.run();
			return this.#read(row);
		});
	}

	/**
	 * A platform export stored after the show: in one transaction, the run's earlier imported
	 * checkpoints of `platform` are removed (with their log lines) and `checkpoints` added, each with
	 * an `add` line. Typed checkpoints are left alone.
	 */
	replaceImported(showId: number, runId: number, platform: Platform, checkpoints: readonly Pick<NewCheckpoint, 'at' | 'segmentId' | 'figures'>[], actor: string, now: number): { stored: number; replaced: number } {
		return this.db.transaction((tx) => {
			const earlier = and(eq(figureCheckpoints.showId, showId), eq(figureCheckpoints.runId, runId), eq(figureCheckpoints.platform, platform), eq(figureCheckpoints.source, 'import'));
			const replaced = tx.delete(figureCheckpoints).where(earlier).run().changes;
			for (let i = 0; i < checkpoints.length; i += 500) {
				const rows = tx
					.insert(figureCheckpoints)
					.values(checkpoints.slice(i, i + 500).map((c) => ({ showId, runId, platform, at: c.at, segmentId: c.segmentId, source: 'import' as const, figures: c.figures, createdAt: now, createdBy: actor, updatedAt: now, updatedBy: actor })))
					.returning({ id: figureCheckpoints.id, figures: figureCheckpoints.figures })
					.all();
				tx.insert(figureLog)
					.values(rows.map((r) => ({ checkpointId: r.id, showId, action: 'add' as const, version: 1, before: null, after: r.figures, actor, at: now })))
					.run();
			}
			return { stored: checkpoints.length, replaced };
		});
	}

	get(showId: number, id: number): FigureCheckpoint | undefined {
		const row = this.db
			.select()
			.from(figureCheckpoints)
			.where(and(eq(figureCheckpoints.id, id), eq(figureCheckpoints.showId, showId)))
			.get();
		return row && this.#read(row);
	}

	/** A run's checkpoints, deleted ones included, newest first (by `at`, then by id). */
	list(showId: number, runId: number): FigureCheckpoint[] {
		return this.db
			.select()
			.from(figureCheckpoints)
			.where(and(eq(figureCheckpoints.showId, showId), eq(figureCheckpoints.runId, runId)))
			.orderBy(desc(figureCheckpoints.at), desc(figureCheckpoints.id))
			.all()
			.map((row) => this.#read(row))
			.filter((c): c is FigureCheckpoint => c !== undefined);
	}

	/** The run of the show's newest checkpoint, if any. */
	lastRunWithFigures(showId: number): number | null {
		const row = this.db
			.select({ runId: figureCheckpoints.runId })
			.from(figureCheckpoints)
			.where(eq(figureCheckpoints.showId, showId))
			.orderBy(desc(figureCheckpoints.id))
			.limit(1)
			.get();
		return row?.runId ?? null;
	}

	/** Checkpoints not deleted of the given runs, newest first. */
	listRuns(runIds: readonly number[]): FigureCheckpoint[] {
		if (runIds.length === 0) return [];
		return this.db
			.select()
			.from(figureCheckpoints)
			.where(and(inArray(figureCheckpoints.runId, [...runIds]), eq(figureCheckpoints.deleted, false)))
			.orderBy(desc(figureCheckpoints.at), desc(figureCheckpoints.id))
			.all()
			.map((row) => this.#read(row))
			.filter((c): c is FigureCheckpoint => c !== undefined);
	}

	/** A checkpoint's history, oldest first. */
	history(showId: number, checkpointId: number): FigureLogEntry[] {
		return this.db
			.select()
			.from(figureLog)
			.where(and(eq(figureLog.showId, showId), eq(figureLog.checkpointId, checkpointId)))
			.orderBy(figureLog.id)
			.all()
			.map((row) => ({
				checkpointId: row.checkpointId,
				action: row.action,
				version: row.version,
				before: readJson(this.log, figuresSchema.nullable(), row.before, { table: 'figure_log', column: 'before', id: row.id }) ?? null,
				after: readJson(this.log, figuresSchema.nullable(), row.after, { table: 'figure_log', column: 'after', id: row.id }) ?? null,
				actor: row.actor,
				at: row.at
			}));
	}

	/** The show's settings; the defaults when none were saved (or they do not parse). */
	settings(showId: number): FigureSettings {
		const row = this.db.select({ settings: figureSettings.settings }).from(figureSettings).where(eq(figureSettings.showId, showId)).get();
		return readFigureSettings(row?.settings);
	}

	saveSettings(showId: number, settings: FigureSettings, actor: string, now: number) {
		this.db
			.insert(figureSettings)
			.values({ showId, settings, updatedAt: now, updatedBy: actor })
			.onConflictDoUpdate({ target: figureSettings.showId, set: { settings, updatedAt: now, updatedBy: actor } })
			.run();
	}
}
