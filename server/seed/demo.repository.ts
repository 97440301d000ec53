import { eq } from 'drizzle-orm';
import type { ShowStatus } from '../../src/lib/core/model';
import type { Db } from '../db/client';
import { shows } from '../db/schema';

/** What the demo seed sets directly: where a demo show stands in its life (报备, approval, poster). */
export class DemoRepository {
	constructor(private readonly db: Db) {}

	setShowLifecycle(
		showId: number,
		values: { status: ShowStatus; reportedAt?: number | null; reportedBy?: string | null; approvedAt?: number | null; approvedBy?: string | null; posterPublishedAt?: number | null }
	) {
		this.db.update(shows).set(values).where(eq(shows.id, showId)).run();
	}
}
