/**
 * What is read back from the database as JSON is parsed with the contract's schemas at the
 * repository boundary: a corrupted row in any JSON column is logged (table, column, row id) and
 * left out or repaired, and the rest is still served. And the restart lockout: alerts read back
 * from the event log for a welcome keep their `kind`.
 */
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ImportPreviewRepository } from '../../server/paperwork/import.repository';
import { liveAlertEventSchema, liveSnapshotSchema } from '../../src/lib/contract/live';
import { segmentInput, type Segment } from '../../src/lib/core/model';
import { anotherShow, closeScreens, screen } from './live-support';
import { listen, makeApp, makeClock, signIn, type TestClock } from './support';

const SEC = 1000;
const MIN = 60 * SEC;

const shortSheet = (): Segment[] =>
	[
		{ id: 'warm', kind: 'warmup', title: '预热', durationSec: 300, cues: [{ id: 'pin', offsetSec: 60, text: '置顶公告', forHost: true }] },
		{ id: 'open', kind: 'opening', title: '开场', durationSec: 180 },
		{ id: 'close', kind: 'closing', title: '结束', durationSec: 180 }
	].map((s) => segmentInput.parse(s));

interface LogLine {
	level: number;
	msg: string;
	table?: string;
	column?: string;
	rowId?: string | number;
}

/** An app whose pino logger writes into `lines`. */
async function loggedApp(options: { clock: TestClock; databasePath?: string }, lines: LogLine[] = []) {
	const app = await makeApp({ ...options, logger: { level: 'warn', stream: { write: (line: string) => void lines.push(JSON.parse(line)) } } });
	return { app, lines };
}

const sql = (app: FastifyInstance, text: string, ...params: unknown[]) => app.deps.db.$client.prepare(text).run(...params);

let clock: TestClock;
let dir: string;
const apps: FastifyInstance[] = [];

beforeEach(() => {
	clock = makeClock();
	dir = mkdtempSync(join(tmpdir(), 'showcall-rows-'));
});
afterEach(async () => {
	closeScreens();
	for (const app of apps.splice(0)) await app.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('restart after an alert', () => {
	it("the welcome's recent alerts keep their kind, and a fresh producer screen is welcomed", async () => {
		const path = join(dir, 'showcall.db');
		const first = await makeApp({ clock, databasePath: path });
		const show = anotherShow(first, { startsAt: clock() + 5 * MIN, segments: shortSheet });
		expect(first.deps.services.live.execute(show.showId, 'producer', 'test', { type: 'start', mode: 'live' })).toMatchObject({ ok: true });
		clock.advance(90 * SEC); // warm-up opened, cue due
		await first.close();

		const second = await makeApp({ clock, databasePath: path });
		apps.push(second);
		const welcome = second.deps.services.live.welcome(show.showId, 'producer', 'fresh')!;
		expect(welcome.recentAlerts.map((a) => a.kind).slice(0, 2)).toEqual(['warmup_opened', 'cue_due']);
		for (const alert of welcome.recentAlerts) expect(liveAlertEventSchema.parse(alert)).toEqual(alert);

		// Over a real socket, as a reloaded console gets it.
		const producer = await screen(await listen(second), { token: show.producerToken });
		expect(producer.status).toBe('online');
		expect(producer.alerts.map((a) => a.kind)).toEqual(welcome.recentAlerts.map((a) => a.kind));
	});
});

describe('a corrupted row in a JSON column', () => {
	it('is logged with its table, column and id, and the rest is still served', async () => {
		const { app, lines } = await loggedApp({ clock, databasePath: join(dir, 'showcall.db') });
		apps.push(app);
		const show = anotherShow(app, { startsAt: clock() + 5 * MIN, segments: shortSheet });
		for (const command of [{ type: 'start', mode: 'live' }, { type: 'message', text: '注意时间' }, { type: 'next' }] as const) {
			expect(app.deps.services.live.execute(show.showId, 'producer', 'test', command)).toMatchObject({ ok: true });
		}
		clock.advance(90 * SEC);
		const before = app.deps.services.live.snapshot(show.showId)!;
		const runId = app.deps.repos.live.load(show.showId)!.runId!;
		const [product, other] = app.deps.repos.products.list({ status: 'all' });
		const person = app.deps.repos.people.list()[0];
		const alerts = app.deps.repos.live.recentAlerts(show.showId, runId, 0, 20);
		expect(alerts.length).toBeGreaterThanOrEqual(2);
		const commands = app.deps.repos.live.events(show.showId).filter((e) => e.kind === 'command');

		sql(app, 'UPDATE products SET catalogues = ? WHERE id = ?', 'not json [', product.id);
		sql(app, 'UPDATE people SET platforms = ? WHERE id = ?', '{"platform":1}', person.id);
		sql(app, 'UPDATE shows SET platforms = ?, commission = ?, host_ids = ?, guest_ids = ? WHERE id = ?', '"douyin"', '[]', 'oops', '[-1]', show.showId);
		sql(app, "UPDATE segments SET cues = ?, link_numbers = ?, speakers = ?, flash_sale = ? WHERE id = 'warm'", '[{"bad":true}]', '{not json', '7', '{"priceFen":-1}');
		sql(app, 'UPDATE live_events SET payload = ? WHERE id = (SELECT min(id) FROM live_events WHERE show_id = ? AND kind = ?)', '{"at":"soon"}', show.showId, 'alert');
		sql(app, 'UPDATE live_events SET state = ? WHERE id = ?', '{"status":"flying"}', commands[1].id);
		// The newest command's state: the show's live state.
		const newest = commands.at(-1)!;
		sql(app, 'UPDATE live_events SET state = ? WHERE id = ?', 'garbage', newest.id);

		// Products, people, the show and its run-sheet: repaired to the empty value, served.
		const products = app.deps.repos.products.list({ status: 'all' });
		expect(products.find((p) => p.id === product.id)?.catalogues).toEqual([]);
		expect(products.find((p) => p.id === other.id)?.catalogues).toEqual(other.catalogues);
		expect(app.deps.repos.people.list().find((p) => p.id === person.id)?.platforms).toEqual([]);
		const stored = app.deps.repos.shows.get(show.showId)!;
		expect(stored.platforms).toEqual([]);
		expect(stored.commission).toEqual({ charged: false, listingFee: false, note: '' });
		expect(stored.segments.map((s) => s.id)).toEqual(['warm', 'open', 'close']);
		expect(stored).toMatchObject({ hostIds: [], guestIds: [] });
		expect(stored.segments[0]).toMatchObject({ cues: [], linkNumbers: {}, speakers: [], flashSale: null });
		// Queries that look inside JSON columns skip text that is not JSON instead of failing.
		expect(app.deps.repos.shows.showsCasting(person.id)).not.toContain(show.showId);
		expect(app.deps.repos.products.list({ status: 'all', catalogue: 'jingchu' }).map((p) => p.id)).not.toContain(product.id);
		const cookie = await signIn(app);
		for (const url of ['/api/products?status=all', '/api/people', `/api/shows/${show.showId}`]) {
			expect((await app.inject({ method: 'GET', url, headers: { cookie } })).statusCode, url).toBe(200);
		}

		// The live state is rebuilt from the newest command before it whose state parses, at the same
		// version (the next command does not collide); the screens are served.
		const { app: restarted } = await loggedApp({ clock, databasePath: join(dir, 'showcall.db') }, lines);
		apps.push(restarted);
		const snapshot = restarted.deps.services.live.snapshot(show.showId)!;
		const previous = commands.at(-2)!.state!;
		expect(previous.segmentId).not.toBe(before.segmentId);
		expect(liveSnapshotSchema.parse(snapshot)).toMatchObject({ version: before.version, status: 'live', segmentId: previous.segmentId });
		// The corrupted alert is left out of the welcome; the others keep their kind.
		const welcome = restarted.deps.services.live.welcome(show.showId, 'producer', 'fresh')!;
		expect(welcome.recentAlerts.map((a) => a.key)).toEqual(alerts.slice(1).map((a) => a.key));
		// The run's log without the corrupted command state and alert; the report is still served.
		expect(app.deps.repos.live.runEvents(runId).map((e) => e.id)).not.toContain(commands[1].id);
		expect(app.deps.repos.live.runEvents(runId).map((e) => e.id)).not.toContain(newest.id);
		expect(app.deps.repos.live.runEvents(runId)).toHaveLength(commands.length + alerts.length - 3);
		expect((await app.inject({ method: 'GET', url: `/api/shows/${show.showId}/report`, headers: { cookie } })).statusCode).toBe(200);
		expect(app.deps.services.live.execute(show.showId, 'producer', 'test', { type: 'next' })).toMatchObject({ ok: true });

		const logged = lines.filter((l) => l.table).map((l) => [l.table, l.column ?? null, l.rowId]);
		expect(logged).toEqual(
			expect.arrayContaining([
				['products', 'catalogues', product.id],
				['people', 'platforms', person.id],
				['shows', 'platforms', show.showId],
				['shows', 'commission', show.showId],
				['shows', 'host_ids', show.showId],
				['shows', 'guest_ids', show.showId],
				['segments', 'cues', 'warm'],
				['segments', 'link_numbers', 'warm'],
				['segments', 'speakers', 'warm'],
				['segments', 'flash_sale', 'warm'],
				['live_events', 'payload', expect.any(Number)],
				['live_events', 'state', commands[1].id],
				['live_events', 'state', newest.id]
			])
		);
		for (const line of lines.filter((l) => l.table)) expect(line.level).toBe(40);
	});

	it('an import preview that does not parse is logged and treated as gone', async () => {
		const { app, lines } = await loggedApp({ clock });
		apps.push(app);
		const previews = new ImportPreviewRepository(app.deps.db, app.log);
		const accountId = app.deps.repos.accounts.list()[0].id;
		const id = 'abcdefghijklmnop';
		previews.create({ id, accountId, kind: 'products', fileName: 'x.xlsx', preview: { rows: 'broken' }, createdAt: clock(), expiresAt: clock() + MIN });
		expect(previews.find(id, accountId, clock())).toBeUndefined();
		expect(lines.filter((l) => l.table === 'import_previews').map((l) => [l.column, l.rowId])).toEqual([['preview', 'abcdef…']]);
	});
});
