/**
 * A fresh benchmark database: the first-start seed (the demo show) and copies of the demo show up
 * to the number of shows a scenario needs, each with its own link tokens.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createDeps } from '../../server/deps';
import { openDatabase } from '../../server/db/client';
import { newToken } from '../../server/planning/links.service';
import { newSegmentId, newSlug } from '../../server/domain/ids';
import { seed } from '../../server/seed/seed.service';
import { duplicateShow } from '../../src/lib/core/duplicate';
import { buildIfStale, launchChromium, startServer, stop } from './process';

export interface BenchShow {
	showId: number;
	producerToken: string;
	hostToken: string;
	recorderToken: string;
}

/** `adminPassword`: the `admin` account's (random unless given: the wall scenario signs in with it). */
export async function prepareDatabase(path: string, showCount: number, adminPassword = randomBytes(12).toString('base64url')): Promise<BenchShow[]> {
	const db = openDatabase(path);
	try {
		const deps = createDeps(db, Date.now, null);
		// The demo show (not the first by date: the campaign's past shows, already ended, come first).
		const { demoShowId } = await seed(deps, adminPassword);
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

/**
 * A browser benchmark's stage: the UI and the server built when stale, a fresh database with the demo
 * show in a folder of its own, the server as `npm start` runs it on loopback, and Chromium. `run`
 * gets the server's address, the show and the browser; all of it is closed and removed after.
 */
export async function withDemoServerAndBrowser<T>(name: string, run: (stage: { base: string; show: BenchShow; browser: Browser }) => Promise<T>): Promise<T> {
	buildIfStale();
	const dir = mkdtempSync(join(tmpdir(), `showcall-${name}-`));
	const [show] = await prepareDatabase(join(dir, `${name}.db`), 1);
	const server = startServer(join(dir, `${name}.db`));
	const browser = await launchChromium();
	try {
		return await run({ base: await server.url, show, browser });
	} finally {
		await browser.close();
		await stop(server.child);
		rmSync(dir, { recursive: true, force: true });
	}
}
