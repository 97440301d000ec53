import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { TrainingSession, TrainingSessionInput } from '../../src/lib/core/progress';
import type { Db } from '../db/client';
import { trainingSessions } from '../db/schema';

/** Host-training sessions (网络主播训练营). */
export class TrainingRepository {
	constructor(private readonly db: Db) {}

	list(filter: { unitCodes?: readonly string[] } = {}): TrainingSession[] {
		const where: SQL[] = [];
		if (filter.unitCodes) where.push(inArray(trainingSessions.unitCode, [...filter.unitCodes]));
		return this.db
			.select()
			.from(trainingSessions)
			.where(and(...where))
			.orderBy(asc(trainingSessions.startsAt), asc(trainingSessions.id))
			.all();
	}

	get(id: number): TrainingSession | undefined {
		return this.db.select().from(trainingSessions).where(eq(trainingSessions.id, id)).get();
	}

	create(input: TrainingSessionInput, now: number): TrainingSession {
		return this.db
			.insert(trainingSessions)
			.values({ ...input, createdAt: now, updatedAt: now })
			.returning()
			.get();
	}

	/** Saves over `version`; undefined when the session changed (or vanished) since. */
	update(id: number, version: number, input: TrainingSessionInput, now: number): TrainingSession | undefined {
		return this.db
			.update(trainingSessions)
			.set({ ...input, version: version + 1, updatedAt: now })
			.where(and(eq(trainingSessions.id, id), eq(trainingSessions.version, version)))
			.returning()
			.get();
	}

	delete(id: number): boolean {
		return this.db.delete(trainingSessions).where(eq(trainingSessions.id, id)).run().changes > 0;
	}
}
