/**
 * A fresh benchmark database: the first-start seed (the demo show) and copies of the demo show up
 * to the number of shows a scenario needs, each with its own link tokens.
 */
import { randomBytes } from 'node:crypto';
import { createDeps } from '../../server/app';
import { openDatabase } from '../../server/db/client';
import { newToken } from '../../server/services/links.service';
import { newSegmentId, newSlug } from '../../server/services/ids';
import { seed } from '../../server/services/seed.service';

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
		const demo = deps.shows.get(demoShowId!)!;
		const { id: _id, slug: _slug, status: _status, version: _version, segments, createdAt: _c, updatedAt: _u, ...rest } = demo;
		const { reportedAt: _r, reportedBy: _rb, approvedAt: _a, approvedBy: _ab, posterPublishedAt: _p, ...input } = rest;
		const ids = [demo.id];
		for (let i = 1; i < showCount; i++) {
			const sheet = segments.map((s) => ({ ...s, id: newSegmentId(), cues: s.cues.map((c) => ({ ...c, id: newSegmentId() })) }));
			const show = deps.shows.create({ ...input, title: `${input.title} · ${i + 1}`, slug: newSlug(), producerToken: newToken(), hostToken: newToken() }, sheet, Date.now());
			ids.push(show.id);
		}
		return ids.map((showId) => ({ showId, ...deps.shows.tokensOf(showId)! }));
	} finally {
		db.$client.close();
	}
}
