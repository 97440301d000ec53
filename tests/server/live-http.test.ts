/**
 * The HTTP control API (Stream Deck / Companion): Bearer tokens, every command, refusals with
 * their statuses, the event log, rehearsals and the show's planning status.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIVE_COMMAND_TYPES } from '../../src/lib/core/live';
import { anotherShow, demoShow, type ShowHandle } from './live-support';
import { makeApp, makeClock, signIn, type TestClock } from './support';

let app: FastifyInstance;
let clock: TestClock;
let show: ShowHandle;

beforeEach(async () => {
	clock = makeClock();
	app = await makeApp({ clock });
	show = demoShow(app);
});
afterEach(async () => {
	await app.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const get = (token: string) => app.inject({ method: 'GET', url: '/api/live', headers: bearer(token) });
const post = (token: string, command: string, payload?: unknown) =>
	app.inject({ method: 'POST', url: `/api/live/${command}`, headers: bearer(token), ...(payload === undefined ? {} : { payload: payload as object }) });

/** A valid body for each command against the demo show at the start of its run. */
function bodyFor(type: string, sheet = app.deps.repos.shows.get(show.showId)!) {
	const flash = sheet.segments.find((s) => s.flashSale)!;
	const product = sheet.segments.find((s) => s.productId !== null)!;
	const cue = sheet.segments.flatMap((s) => s.cues)[0];
	switch (type) {
		case 'goto':
			return { segmentId: flash.id };
		case 'add-time':
			return { deltaMs: 30_000 };
		case 'flash-sale-start':
			return { segmentId: flash.id };
		case 'set-stock':
			return { productId: product.productId, stock: 12 };
		case 'cue-done':
			return { cueId: cue.id, done: true };
		case 'message':
			return { text: '3号链接已上' };
		case 'message-ack':
			return { messageId: 'm1' };
		case 'start':
			return { mode: 'live' };
		default:
			return undefined;
	}
}

describe('GET /api/live', () => {
	it('answers 401 UNAUTHENTICATED without a token and 401 INVALID_TOKEN for an unknown one', async () => {
		const none = await app.inject({ method: 'GET', url: '/api/live' });
		expect(none.statusCode).toBe(401);
		expect(none.json().error.code).toBe('UNAUTHENTICATED');
		const basic = await app.inject({ method: 'GET', url: '/api/live', headers: { authorization: 'Basic abc' } });
		expect(basic.json().error.code).toBe('UNAUTHENTICATED');
		const unknown = await get('not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaa');
		expect(unknown.statusCode).toBe(401);
		expect(unknown.json().error.code).toBe('INVALID_TOKEN');
	});

	it('answers the snapshot to a producer and to a host token, with the server clock', async () => {
		for (const token of [show.producerToken, show.hostToken]) {
			const response = await get(token);
			expect(response.statusCode).toBe(200);
			expect(response.headers['cache-control']).toBe('no-store');
			expect(response.json()).toMatchObject({ showId: show.showId, version: 0, status: 'ready', segmentIndex: -1, segmentId: null, serverNow: clock() });
		}
	});

	it('gives the run-sheet with producer notes to producers only', async () => {
		const producer = (await app.inject({ method: 'GET', url: '/api/live/sheet', headers: bearer(show.producerToken) })).json();
		const host = (await app.inject({ method: 'GET', url: '/api/live/sheet', headers: bearer(show.hostToken) })).json();
		expect(producer.segments.some((s: { notes: string }) => s.notes !== '')).toBe(true);
		expect(host.segments.every((s: { notes: string }) => s.notes === '')).toBe(true);
		expect(host.segments.flatMap((s: { cues: { forHost: boolean }[] }) => s.cues).every((c: { forHost: boolean }) => c.forHost)).toBe(true);
		expect(producer.products.length).toBeGreaterThanOrEqual(6);
		expect(host.title).toBe(producer.title);
	});
});

describe('POST /api/live/<command>', () => {
	it('starts the show live with one bodiless call, logs it, and marks the show live', async () => {
		const response = await app.inject({ method: 'POST', url: '/api/live/start', headers: bearer(show.producerToken) });
		expect(response.statusCode).toBe(200);
		const first = app.deps.repos.shows.get(show.showId)!.segments[0];
		expect(response.json()).toMatchObject({ version: 1, status: 'live', mode: 'live', segmentIndex: 0, segmentId: first.id, segmentTitle: first.title, serverNow: clock() });
		expect(app.deps.repos.shows.get(show.showId)!.status).toBe('live');
		expect((await get(show.producerToken)).json().version).toBe(1);
	});

	it('answers the snapshot as UTF-8 JSON whose Content-Length counts its bytes, non-ASCII titles and messages included', async () => {
		await post(show.producerToken, 'start');
		const response = await post(show.producerToken, 'message', { text: '3号链接已上 ✓' });
		expect(response.statusCode).toBe(200);
		expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
		expect(Number(response.headers['content-length'])).toBe(response.rawPayload.length);
		expect(response.rawPayload.equals(Buffer.from(JSON.stringify(response.json()), 'utf8'))).toBe(true);
		expect(response.json().segmentTitle).toBe(app.deps.repos.shows.get(show.showId)!.segments[0].title);
		expect(response.json().messages.at(-1).text).toBe('3号链接已上 ✓');
	});

	it('accepts an empty body labelled JSON (one-button devices)', async () => {
		const response = await app.inject({ method: 'POST', url: '/api/live/start', headers: { ...bearer(show.producerToken), 'content-type': 'application/json' }, payload: '' });
		expect(response.statusCode).toBe(200);
	});

	it('runs every command of the issue and answers the new snapshot each time', async () => {
		const sheet = app.deps.repos.shows.get(show.showId)!;
		const steps: [string, unknown, (s: Record<string, unknown>) => void][] = [
			['start', undefined, (s) => expect(s.status).toBe('live')],
			['message', { text: '  3号链接已上  ' }, (s) => expect(s.messages).toMatchObject([{ id: 'm2', text: '3号链接已上' }])],
			['pause', undefined, (s) => expect(s.status).toBe('paused')],
			['resume', undefined, (s) => expect(s.status).toBe('live')],
			['next', undefined, (s) => expect(s.segmentIndex).toBe(1)],
			['previous', undefined, (s) => expect(s.segmentIndex).toBe(0)],
			['goto', bodyFor('goto', sheet), (s) => expect(s.segmentId).toBe(sheet.segments.find((x) => x.flashSale)!.id)],
			['add-time', { deltaMs: -30_000 }, (s) => expect(s.adjustMs).toBe(-30_000)],
			['add-time', { deltaMs: 60_000 }, (s) => expect(s.adjustMs).toBe(30_000)],
			['flash-sale-start', undefined, (s) => expect(s.flashSale).toMatchObject({ startedAt: clock(), priceFen: 1990, quantity: 200 })],
			['flash-sale-stop', undefined, (s) => expect((s.flashSale as { endsAt: number }).endsAt).toBe(clock())],
			['set-stock', bodyFor('set-stock', sheet), (s) => expect(Object.values(s.stock as object)).toEqual([12])],
			['cue-done', bodyFor('cue-done', sheet), (s) => expect(s.cuesDone).toHaveLength(1)],
			['end', undefined, (s) => expect(s.status).toBe('ended')]
		];
		let version = 0;
		for (const [command, body, check] of steps) {
			clock.advance(1_000);
			const response = await post(show.producerToken, command, body);
			expect(response.statusCode, `${command}: ${response.body}`).toBe(200);
			const snapshot = response.json();
			expect(snapshot.version).toBe(++version);
			check(snapshot);
		}
		expect(app.deps.repos.shows.get(show.showId)!.status).toBe('ended');
		const events = app.deps.services.live.snapshot(show.showId);
		expect(events?.version).toBe(steps.length);
	});

	it('refuses a host token every command but acknowledging a message (403 FORBIDDEN), changing nothing', async () => {
		await post(show.producerToken, 'message', { text: '准备开场' });
		for (const type of LIVE_COMMAND_TYPES.filter((t) => t !== 'message-ack')) {
			const response = await post(show.hostToken, type, bodyFor(type));
			expect(response.statusCode, type).toBe(403);
			expect(response.json().error.code).toBe('FORBIDDEN');
		}
		expect((await get(show.producerToken)).json().version).toBe(1);
		const ack = await post(show.hostToken, 'message-ack', { messageId: 'm1' });
		expect(ack.statusCode).toBe(200);
		expect(ack.json().messages[0].ackedAt).toBe(clock());
		const log = app.deps.db.$client.prepare('SELECT type, actor FROM live_events WHERE show_id = ? ORDER BY id').all(show.showId);
		expect(log).toEqual([
			{ type: 'message', actor: 'http' },
			{ type: 'message-ack', actor: 'http' }
		]);
	});

	it('answers 409 STALE_VERSION for a stale expectedVersion and takes a current one', async () => {
		await post(show.producerToken, 'start');
		const stale = await post(show.producerToken, 'next', { expectedVersion: 0 });
		expect(stale.statusCode).toBe(409);
		expect(stale.json().error.code).toBe('STALE_VERSION');
		const current = await post(show.producerToken, 'next', { expectedVersion: 1 });
		expect(current.statusCode).toBe(200);
		expect(current.json().version).toBe(2);
	});

	it('answers 409 STALE_VERSION when another writer logged the next version first, writes nothing, and goes on from the stored state', async () => {
		const sqlite = app.deps.db.$client;
		await post(show.producerToken, 'start');
		const log = () => sqlite.prepare('SELECT id, type, version, state FROM live_events WHERE show_id = ? ORDER BY id').all(show.showId);
		// Another process (a second server on the same file) took version 2 with its state.
		const ours = app.deps.repos.live.load(show.showId)!;
		const runId = ours.runId;
		const theirs = { ...ours.state, version: 2 };
		sqlite
			.prepare("INSERT INTO live_events (show_id, run_id, kind, type, version, payload, state, actor, at) VALUES (?, ?, 'command', 'add-time', 2, '{}', ?, 'other', 0)")
			.run(show.showId, runId, JSON.stringify(theirs));
		const events = log();

		const refused = await post(show.producerToken, 'next');
		expect(refused.statusCode).toBe(409);
		expect(refused.json().error).toMatchObject({ code: 'STALE_VERSION', message: expect.stringContaining('version 2') });
		expect(log()).toEqual(events);
		expect(app.deps.repos.live.load(show.showId)).toEqual({ showId: show.showId, runId, state: theirs });

		const next = await post(show.producerToken, 'next');
		expect(next.statusCode).toBe(200);
		expect(next.json()).toMatchObject({ version: 3 });
		expect((log().at(-1) as { version: number }).version).toBe(3);
	});

	it('answers 422 COMMAND_EXPIRED for a command issued more than 3 s ago, and changes nothing', async () => {
		await post(show.producerToken, 'start', { issuedAt: clock() });
		const eventsBefore = () => app.deps.db.$client.prepare('SELECT COUNT(*) AS n FROM live_events WHERE show_id = ?').get(show.showId);
		const logged = eventsBefore();
		const before = (await get(show.producerToken)).json();
		const late = await post(show.producerToken, 'next', { issuedAt: clock() - 3_001, expectedVersion: 1 });
		expect(late.statusCode).toBe(422);
		expect(late.json().error).toEqual({ code: 'COMMAND_EXPIRED', message: expect.stringContaining('3.0 s') });
		const ahead = await post(show.producerToken, 'next', { issuedAt: clock() + 60_000 });
		expect(ahead.statusCode).toBe(422);
		expect(ahead.json().error.code).toBe('COMMAND_FROM_FUTURE');
		expect((await get(show.producerToken)).json()).toEqual(before);
		expect(eventsBefore()).toEqual(logged);
		// Within 3 s it runs; without a time (Stream Deck) too; the time is not logged with the command.
		expect((await post(show.producerToken, 'next', { issuedAt: clock() - 3_000 })).statusCode).toBe(200);
		expect((await post(show.producerToken, 'next')).json().version).toBe(3);
		const payloads = app.deps.db.$client.prepare("SELECT payload FROM live_events WHERE show_id = ? AND kind = 'command' ORDER BY id").all(show.showId) as { payload: string }[];
		expect(payloads.map((p) => JSON.parse(p.payload))).toEqual([{ type: 'start', mode: 'live' }, { type: 'next' }, { type: 'next' }]);
	});

	it('answers 400 VALIDATION for an issuedAt that is not a time', async () => {
		const bad = await post(show.producerToken, 'start', { issuedAt: 'now' });
		expect(bad.statusCode).toBe(400);
		expect(bad.json().error.fields).toMatchObject([{ path: 'issuedAt' }]);
	});

	it('answers 422 with the reducer code for a command the state does not allow', async () => {
		const pause = await post(show.producerToken, 'pause');
		expect(pause.statusCode).toBe(422);
		expect(pause.json().error).toEqual({ code: 'NOT_LIVE', message: expect.any(String) });
		await post(show.producerToken, 'start');
		const previous = await post(show.producerToken, 'previous');
		expect(previous.statusCode).toBe(422);
		expect(previous.json().error.code).toBe('AT_FIRST_SEGMENT');
		const goto = await post(show.producerToken, 'goto', { segmentId: 'nope' });
		expect(goto.json().error.code).toBe('UNKNOWN_SEGMENT');
		expect((await get(show.producerToken)).json().version).toBe(1);
	});

	it('answers 400 VALIDATION with field issues for a bad body, 400 INVALID_JSON for broken JSON and 404 for an unknown command', async () => {
		const bad = await post(show.producerToken, 'add-time', { deltaMs: 'soon' });
		expect(bad.statusCode).toBe(400);
		expect(bad.json().error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'deltaMs', code: 'invalid_type', params: { expected: 'number' } }] });
		const extra = await post(show.producerToken, 'next', { force: true });
		expect(extra.json().error.code).toBe('VALIDATION');
		const broken = await app.inject({ method: 'POST', url: '/api/live/next', headers: { ...bearer(show.producerToken), 'content-type': 'application/json' }, payload: '{"expectedVersion":' });
		expect(broken.statusCode).toBe(400);
		expect(broken.json().error.code).toBe('INVALID_JSON');
		const unknown = await post(show.producerToken, 'shutdown');
		expect(unknown.statusCode).toBe(404);
		expect(unknown.json().error.code).toBe('NOT_FOUND');
		expect((await get(show.producerToken)).json().version).toBe(0);
	});

	it('refuses a body that is not an object of fields and a command name over 60 characters before it looks at the token', async () => {
		const raw = (url: string, payload: string, token?: string) =>
			app.inject({ method: 'POST', url, headers: { ...(token ? bearer(token) : {}), 'content-type': 'application/json' }, payload });
		for (const [payload, received] of [['[1]', 'array'], ['"x"', 'string'], ['3', 'number']]) {
			for (const token of [show.producerToken, show.hostToken, undefined]) {
				const refused = await raw('/api/live/add-time', payload, token);
				expect(refused.statusCode).toBe(400);
				expect(refused.json().error).toEqual({
					code: 'VALIDATION',
					message: `Invalid body: Invalid input: expected record, received ${received}`,
					fields: [{ path: '', code: 'invalid_type', message: `Invalid input: expected record, received ${received}`, params: { expected: 'record' } }]
				});
			}
		}
		for (const token of [show.producerToken, 'not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaa']) {
			const long = await raw(`/api/live/${'a'.repeat(61)}`, '{}', token);
			expect(long.statusCode).toBe(400);
			expect(long.json().error).toEqual({
				code: 'VALIDATION',
				message: 'Invalid path parameters: command: Too big: expected string to have <=60 characters',
				fields: [{ path: 'command', code: 'too_big', message: 'Too big: expected string to have <=60 characters', params: { maximum: 60, origin: 'string', inclusive: true } }]
			});
		}
		expect((await raw(`/api/live/${'a'.repeat(60)}`, '', show.producerToken)).statusCode).toBe(404);
		// An own "__proto__" key in the JSON is dropped, as the body schema's copy always dropped it.
		await post(show.producerToken, 'start');
		const proto = await raw('/api/live/add-time', '{"__proto__":{"deltaMs":5},"deltaMs":1000}', show.producerToken);
		expect(proto.statusCode).toBe(200);
		expect(proto.json().adjustMs).toBe(1000);
		expect((await get(show.producerToken)).json().version).toBe(2);
	});

	it("opens only the token's own show", async () => {
		const other = anotherShow(app);
		await post(other.producerToken, 'start');
		expect((await get(other.hostToken)).json()).toMatchObject({ showId: other.showId, status: 'live' });
		expect((await get(show.producerToken)).json()).toMatchObject({ showId: show.showId, status: 'ready', version: 0 });
	});

	it('stops taking a rotated token at once', async () => {
		const cookie = await signIn(app);
		const rotated = await app.inject({ method: 'POST', url: `/api/shows/${show.showId}/links/producer/rotate`, headers: { cookie } });
		expect(rotated.statusCode).toBe(200);
		expect((await post(show.producerToken, 'start')).statusCode).toBe(401);
		expect((await post(rotated.json().producer.token, 'start')).statusCode).toBe(200);
	});

	it('refuses a token it has just taken once its link is rotated (the token cache follows the rotation)', async () => {
		const cookie = await signIn(app);
		expect((await get(show.hostToken)).statusCode).toBe(200);
		expect((await post(show.producerToken, 'start')).statusCode).toBe(200);
		const rotated = await app.inject({ method: 'POST', url: `/api/shows/${show.showId}/links/producer/rotate`, headers: { cookie } });
		expect(rotated.statusCode).toBe(200);
		const refused = await post(show.producerToken, 'next');
		expect(refused.statusCode).toBe(401);
		expect(refused.json().error.code).toBe('INVALID_TOKEN');
		// The other role's token, cached too, still opens the show.
		expect((await get(show.hostToken)).statusCode).toBe(200);
		expect((await post(rotated.json().producer.token, 'next')).statusCode).toBe(200);
	});

	it('refuses the tokens of a deleted show at once', async () => {
		const cookie = await signIn(app);
		const other = anotherShow(app);
		expect((await get(other.producerToken)).statusCode).toBe(200);
		expect((await app.inject({ method: 'DELETE', url: `/api/shows/${other.showId}`, headers: { cookie } })).statusCode).toBe(200);
		expect((await get(other.producerToken)).statusCode).toBe(401);
		expect((await post(other.producerToken, 'start')).statusCode).toBe(401);
	});
});

describe('rehearsals', () => {
	it('runs any number of rehearsals apart from the real run, reset in between, and leaves the show status alone', async () => {
		const statusBefore = app.deps.repos.shows.get(show.showId)!.status;
		expect(statusBefore).not.toBe('live');
		for (let i = 0; i < 2; i++) {
			expect((await post(show.producerToken, 'start', { mode: 'rehearsal' })).json()).toMatchObject({ mode: 'rehearsal', status: 'live' });
			clock.advance(60_000);
			await post(show.producerToken, 'next');
			await post(show.producerToken, 'end');
			expect((await post(show.producerToken, 'start')).json().error.code).toBe('ALREADY_STARTED');
			expect((await post(show.producerToken, 'reset')).json()).toMatchObject({ status: 'ready', mode: null, segmentId: null });
			expect(app.deps.repos.shows.get(show.showId)!.status).toBe(statusBefore);
			// After a reset the state belongs to no run (its event is logged under the run it closed).
			expect(app.deps.repos.live.load(show.showId)!.runId).toBeNull();
		}
		const live = await post(show.producerToken, 'start');
		expect(live.json()).toMatchObject({ mode: 'live', version: 9 });
		expect((await post(show.producerToken, 'reset')).json().error.code).toBe('NOT_REHEARSAL');

		const runs = app.deps.db.$client.prepare('SELECT id, mode, started_at AS startedAt, ended_at AS endedAt FROM live_runs WHERE show_id = ? ORDER BY id').all(show.showId) as {
			id: number;
			mode: string;
			endedAt: number | null;
		}[];
		expect(runs.map((r) => [r.mode, r.endedAt !== null])).toEqual([
			['rehearsal', true],
			['rehearsal', true],
			['live', false]
		]);
		// Each command is logged under its run (the reset closes the rehearsal it belongs to), versions 1..9 once each.
		const events = app.deps.db.$client.prepare("SELECT type, version, run_id AS runId FROM live_events WHERE show_id = ? AND kind = 'command' ORDER BY id").all(show.showId) as {
			type: string;
			version: number;
			runId: number | null;
		}[];
		expect(events.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
		expect(events.map((e) => [e.type, e.runId])).toEqual([
			['start', runs[0].id],
			['next', runs[0].id],
			['end', runs[0].id],
			['reset', runs[0].id],
			['start', runs[1].id],
			['next', runs[1].id],
			['end', runs[1].id],
			['reset', runs[1].id],
			['start', runs[2].id]
		]);
		const stored = app.deps.repos.live.load(show.showId)!;
		expect({ runId: stored.runId, version: stored.state.version }).toEqual({ runId: runs[2].id, version: 9 });
	});

	it('hands the runtime the body’s fields in their order, then mode (a one-button start) and type from the path', async () => {
		const seen: unknown[] = [];
		const execute = app.deps.services.live.execute.bind(app.deps.services.live);
		app.deps.services.live.execute = (showId, role, actor, input, options) => (seen.push(JSON.stringify(input)), execute(showId, role, actor, input, options));
		await post(show.producerToken, 'start');
		await post(show.producerToken, 'add-time', { deltaMs: 30_000, expectedVersion: 1 });
		await post(show.producerToken, 'add-time', { type: 'pause', deltaMs: 30_000 });
		expect(seen).toEqual(['{"mode":"live","type":"start"}', '{"deltaMs":30000,"expectedVersion":1,"type":"add-time"}', '{"type":"add-time","deltaMs":30000}']);
	});

	it('logs the accepted command without expectedVersion and the state it produced', async () => {
		await post(show.producerToken, 'start', { mode: 'rehearsal', expectedVersion: 0 });
		const row = app.deps.db.$client.prepare("SELECT payload, state, actor, at FROM live_events WHERE show_id = ? AND kind = 'command'").get(show.showId) as Record<string, string | number>;
		expect(JSON.parse(row.payload as string)).toEqual({ type: 'start', mode: 'rehearsal' });
		expect(JSON.parse(row.state as string)).toMatchObject({ version: 1, status: 'live', mode: 'rehearsal', startedAt: clock() });
		expect(row).toMatchObject({ actor: 'http', at: clock() });
	});
});
