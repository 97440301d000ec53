/**
 * A fresh benchmark database: the first-start seed (the demo show) and copies of the demo show up
 * to the number of shows a scenario needs, each with its own link tokens.
 */
import { randomBytes } from 'node:crypto';
import { createDeps } from '../../server/deps';
import { openDatabase } from '../../server/db/client';
import { newToken } from '../../server/planning/links.service';
import { newSegmentId, newSlug } from '../../server/domain/ids';
import { seed } from '../../server/seed/seed.service';
import { duplicateShow } from '../../src/lib/core/duplicate';

export interface BenchShow {
	showId: number;
	producerToken: string;
	hostToken: string;
}

export async function prepareDatabase(path: string, showCount: number): Promise<BenchShow[]> {
	const db = openDatabase(path);
	try {
		const deps = createDeps(db, Date.now, null);
		// The demo show (not the first by date: the campaign's past shows, already ended, come first).
		const { demoShowId } = await seed(deps, randomBytes(12).toString('base64url'));
		const demo = deps.repos.shows.get(demoShowId!)!;
		const ids = [demo.id];
		for (let i = 1; i < showCount; i++) {
			const { plan, segments } = duplicateShow(demo, { startsAt: demo.startsAt, title: `${demo.title} · ${i + 1}` }, newSegmentId);
			const show = deps.repos.shows.create({ ...plan, productIds: [], slug: newSlug(), producerToken: newToken(), hostToken: newToken(), recorderToken: newToken() }, segments, Date.now());
			ids.push(show.id);
		}
		return ids.map((showId) => ({ showId, ...deps.repos.shows.tokensOf(showId)! }));
	} finally {
		db.$client.close();
	}
}
