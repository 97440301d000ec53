/**
 * The audience figures on air (issue 14) against the real server: the recorder link writes its own
 * show's figures and controls nothing, a host link writes none, another show's link reaches
 * nothing; checkpoints stamped with the server's time and the segment on air, pushed to every
 * panel, corrected with expectedVersion, refused input changing nothing; hosts see only the
 * figure the producer chose.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIVE_COMMAND_TYPES } from '../../src/lib/core/live';
import type { FigureCheckpoint } from '../../src/lib/contract/figures';
import { anotherShow, closeScreens, command, demoShow, next, rawSocket, screen, welcomed, type ShowHandle } from './live-support';
import { listen, makeApp, makeClock, signIn, type TestClock } from './support';

let app: FastifyInstance;
let clock: TestClock;
let show: ShowHandle;
let base: string;

beforeEach(async () => {
	clock = makeClock();
	app = await makeApp({ clock });
	base = await listen(app);
	show = demoShow(app);
});
afterEach(async () => {
	closeScreens();
	await app.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const addFigures = (token: string, payload: unknown) => app.inject({ method: 'POST', url: '/api/live/figures', headers: bearer(token), payload: payload as object });
/** Every stored checkpoint and log line of every show: what "nothing changed" compares. */
const stored = () => ({
	checkpoints: app.deps.db.all('SELECT * FROM figure_checkpoints ORDER BY id'),
	log: app.deps.db.all('SELECT * FROM figure_log ORDER BY id'),
	settings: app.deps.db.all('SELECT * FROM figure_settings ORDER BY show_id')
});

describe('the recorder link', () => {
	it('writes its own show’s figures, stamped with the server’s time and the segment on air, and pushed to every panel', async () => {
		await command(app, show.producerToken, 'start');
		clock.advance(90_000);
		const on = await command(app, show.producerToken, 'next');
		const producer = await screen(base, { token: show.producerToken });
		const recorder = await screen(base, { token: show.recorderToken, deviceName: '场记平板' });
		const pushed = next(producer, 'figure');

		const ack = await recorder.writeFigures('add', { platform: 'douyin', line: '在线 1.2万 成交 3456.5 订单 88' });
		expect(ack).toMatchObject({ ok: true, checkpoint: { platform: 'douyin', at: clock(), segmentId: on.segmentId, source: 'manual', figures: { viewers: 12_000, gmvFen: 345_650, orders: 88 }, version: 1, createdBy: 'recorder:场记平板', deleted: false } });
		// Acknowledged after the commit: it is in the database when the ack arrives.
		const id = (ack as { checkpoint: FigureCheckpoint }).checkpoint.id;
		expect(app.deps.repos.figures.get(show.showId, id)).toMatchObject({ figures: { viewers: 12_000 } });
		expect(await pushed).toMatchObject({ id, figures: { viewers: 12_000 } });
		const view = await producer.figures();
		expect(view?.checkpoints.map((c) => c.id)).toEqual([id]);
		expect(view?.lastEnteredAt).toBe(clock());
		expect(app.deps.repos.figures.history(show.showId, id)).toEqual([
			{ checkpointId: id, action: 'add', version: 1, before: null, after: { viewers: 12_000, gmvFen: 345_650, orders: 88 }, actor: 'recorder:场记平板', at: clock() }
		]);
	});

	it('controls nothing: every live command is FORBIDDEN over the socket and HTTP, and the figure settings too', async () => {
		const recorder = await screen(base, { token: show.recorderToken });
		expect(recorder.role).toBe('recorder');
		const before = app.deps.services.live.snapshot(show.showId)!.version;
		for (const type of LIVE_COMMAND_TYPES) {
			const http = await app.inject({ method: 'POST', url: `/api/live/${type}`, headers: bearer(show.recorderToken), payload: {} });
			expect(http.statusCode, type).toBe(403);
			expect(http.json().error.code).toBe('FORBIDDEN');
		}
		expect(await recorder.send({ type: 'start', mode: 'live' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
		expect(await recorder.saveFigureSettings({ reminderMin: 3, showToHost: null })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
		const settings = await app.inject({ method: 'PUT', url: '/api/live/figures/settings', headers: bearer(show.recorderToken), payload: { reminderMin: 3 } });
		expect(settings.statusCode).toBe(403);
		expect(app.deps.services.live.snapshot(show.showId)!.version).toBe(before);
		expect(stored().settings).toEqual([]);
	});

	it('is dropped when its link is rotated', async () => {
		const cookie = await signIn(app);
		const recorder = await screen(base, { token: show.recorderToken });
		const revoked = next(recorder, 'status', (status) => status === 'revoked');
		const rotated = await app.inject({ method: 'POST', url: `/api/shows/${show.showId}/links/recorder/rotate`, headers: { cookie } });
		expect(rotated.statusCode).toBe(200);
		await revoked;
		expect((await addFigures(show.recorderToken, { platform: 'douyin', figures: { viewers: 1 } })).statusCode).toBe(401);
	});
});

describe('who may write figures', () => {
	it('a host link writes none and sees only the figure the producer chose, never the rest', async () => {
		await command(app, show.producerToken, 'start');
		const host = await screen(base, { token: show.hostToken });
		const raw = rawSocket(base, { token: show.hostToken });
		await welcomed(raw);
		const heard: string[] = [];
		raw.onAny((event) => heard.push(event));

		const http = await addFigures(show.hostToken, { platform: 'douyin', figures: { viewers: 5 } });
		expect(http.statusCode).toBe(403);
		expect(http.json().error.code).toBe('FORBIDDEN');
		expect(await host.writeFigures('add', { platform: 'douyin', figures: { viewers: 5 } })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
		expect(stored().checkpoints).toEqual([]);

		const producer = await screen(base, { token: show.producerToken });
		expect(await producer.saveFigureSettings({ reminderMin: 5, showToHost: { platform: 'douyin', metric: 'viewers' } })).toMatchObject({ ok: true });
		const shown = next(host, 'hostFigure', (f) => f?.value === 23_000);
		expect(await producer.writeFigures('add', { platform: 'douyin', figures: { viewers: 23_000, gmvFen: 99_900 } })).toMatchObject({ ok: true });
		expect(await shown).toEqual({ platform: 'douyin', metric: 'viewers', value: 23_000, at: clock() });
		// Another platform's figures are no host's business: nothing is pushed to hosts for them.
		await producer.writeFigures('add', { platform: 'kuaishou', figures: { viewers: 7 } });
		const view = await host.figures();
		expect(view).toMatchObject({ checkpoints: [], lastEnteredAt: null, hostFigure: { value: 23_000 } });
		const hostHttp = (await app.inject({ url: '/api/live/figures', headers: bearer(show.hostToken) })).json();
		expect(hostHttp.checkpoints).toEqual([]);
		expect(JSON.stringify(hostHttp)).not.toContain('99900');
		expect(heard).not.toContain('figure');
		expect(heard.filter((e) => e === 'hostFigure').length).toBeGreaterThan(0);
	});

	it('another show’s links reach nothing of this show', async () => {
		await command(app, show.producerToken, 'start');
		const added = (await addFigures(show.recorderToken, { platform: 'douyin', figures: { viewers: 100 } })).json() as FigureCheckpoint;
		const other = anotherShow(app);
		await command(app, other.producerToken, 'start');
		const before = stored();
		for (const token of [other.recorderToken, other.producerToken]) {
			const patch = await app.inject({ method: 'PATCH', url: `/api/live/figures/${added.id}`, headers: bearer(token), payload: { figures: { viewers: 1 } } });
			expect(patch.statusCode).toBe(404);
			const del = await app.inject({ method: 'DELETE', url: `/api/live/figures/${added.id}`, headers: bearer(token) });
			expect(del.statusCode).toBe(404);
		}
		expect((await app.inject({ url: '/api/live/figures', headers: bearer(other.recorderToken) })).json().checkpoints).toEqual([]);
		expect(stored()).toEqual(before);
		// Its own additions go to its own show.
		const own = (await addFigures(other.recorderToken, { platform: 'douyin', figures: { viewers: 3 } })).json();
		expect(own.showId).toBe(other.showId);
	});
});

describe('corrections and deletions', () => {
	it('corrects with expectedVersion (409 STALE_VERSION when stale), deletes keeping the log, and pushes each change', async () => {
		await command(app, show.producerToken, 'start');
		const recorder = await screen(base, { token: show.recorderToken });
		const producer = await screen(base, { token: show.producerToken });
		const added = (await addFigures(show.producerToken, { platform: 'douyin', figures: { viewers: 100 } })).json() as FigureCheckpoint;

		clock.advance(5_000);
		const corrected = next(recorder, 'figure', (c) => c.version === 2);
		const patch = await app.inject({ method: 'PATCH', url: `/api/live/figures/${added.id}`, headers: bearer(show.producerToken), payload: { figures: { viewers: 1000 }, expectedVersion: 1 } });
		expect(patch.statusCode).toBe(200);
		expect(patch.json()).toMatchObject({ version: 2, figures: { viewers: 1000 }, at: added.at, updatedAt: clock(), updatedBy: 'http' });
		expect(await corrected).toMatchObject({ id: added.id, version: 2 });

		const before = stored();
		const stale = await app.inject({ method: 'PATCH', url: `/api/live/figures/${added.id}`, headers: bearer(show.recorderToken), payload: { figures: { viewers: 5 }, expectedVersion: 1 } });
		expect(stale.statusCode).toBe(409);
		expect(stale.json().error.code).toBe('STALE_VERSION');
		expect(await recorder.writeFigures('delete', { id: added.id, expectedVersion: 1 })).toMatchObject({ ok: false, code: 'STALE_VERSION' });
		expect(stored()).toEqual(before);

		const deleted = next(producer, 'figure', (c) => c.deleted);
		expect(await recorder.writeFigures('delete', { id: added.id, expectedVersion: 2 })).toMatchObject({ ok: true, checkpoint: { deleted: true, version: 3 } });
		expect(await deleted).toMatchObject({ id: added.id, deleted: true });
		expect(app.deps.repos.figures.history(show.showId, added.id).map((e) => [e.action, e.version, e.before, e.after])).toEqual([
			['add', 1, null, { viewers: 100 }],
			['correct', 2, { viewers: 100 }, { viewers: 1000 }],
			['delete', 3, { viewers: 1000 }, null]
		]);
		// A deleted checkpoint cannot be corrected, and no longer counts as the last entry.
		expect(await recorder.writeFigures('correct', { id: added.id, figures: { viewers: 1 } })).toMatchObject({ ok: false, code: 'NOT_FOUND' });
		expect(app.deps.services.figures.lastEnteredAt(show.showId)).toBeNull();
	});
});

describe('refused input changes nothing', () => {
	it('answers bad bodies and payloads with their codes', async () => {
		const before = stored();
		// No run yet.
		const early = await addFigures(show.recorderToken, { platform: 'douyin', figures: { viewers: 1 } });
		expect([early.statusCode, early.json().error.code]).toEqual([422, 'NOT_RUNNING']);
		await command(app, show.producerToken, 'start');
		const cases: [unknown, number, string][] = [
			[{ platform: 'douyin', figures: {} }, 400, 'VALIDATION'],
			[{ platform: 'douyin', figures: { viewers: -1 } }, 400, 'VALIDATION'],
			[{ platform: 'douyin', figures: { viewers: 1.5 } }, 400, 'VALIDATION'],
			[{ platform: 'douyin', figures: { viewers: 1, extra: 2 } }, 400, 'VALIDATION'],
			[{ platform: 'myspace', figures: { viewers: 1 } }, 400, 'VALIDATION'],
			[{ platform: 'douyin', line: '' }, 400, 'VALIDATION'],
			[{ platform: 'douyin', line: 'x'.repeat(201) }, 400, 'VALIDATION'],
			[{ platform: 'douyin', line: '在线 12 在线 13' }, 422, 'FIGURE_DUPLICATE_LABEL'],
			[{ platform: 'douyin', line: '温度 30' }, 422, 'FIGURE_UNKNOWN_LABEL'],
			[{ platform: 'taobao', figures: { viewers: 1 } }, 422, 'UNKNOWN_PLATFORM']
		];
		for (const [payload, status, code] of cases) {
			const res = await addFigures(show.recorderToken, payload);
			expect([res.statusCode, res.json().error.code], JSON.stringify(payload)).toEqual([status, code]);
		}
		const line = (await addFigures(show.recorderToken, { platform: 'douyin', line: '在线 12 温度 30' })).json();
		expect(line.error.fields[0]).toMatchObject({ path: 'line', code: 'FIGURE_UNKNOWN_LABEL', params: { start: 6, end: 8 } });

		const recorder = await screen(base, { token: show.recorderToken });
		const raw = rawSocket(base, { token: show.recorderToken });
		await welcomed(raw);
		for (const payload of [null, 'x', 42, [], { platform: 'douyin' }, { platform: 'douyin', figures: { viewers: 1e20 } }, { platform: 'douyin', line: 7 }]) {
			expect(await raw.timeout(5_000).emitWithAck('figures:add', payload as never), JSON.stringify(payload)).toMatchObject({ ok: false, code: 'INVALID_COMMAND' });
		}
		expect(await recorder.writeFigures('add', { platform: 'douyin', line: '1 2 3 4 5 6 7' })).toMatchObject({ ok: false, code: 'FIGURE_TOO_MANY_VALUES' });
		expect(await raw.timeout(5_000).emitWithAck('figures:correct', { id: 99, figures: { viewers: 1 } } as never)).toMatchObject({ ok: false, code: 'NOT_FOUND' });
		// An event without its payload.
		expect(await (raw.timeout(5_000) as unknown as { emitWithAck(e: string): Promise<unknown> }).emitWithAck('figures:add')).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
		const settings = await app.inject({ method: 'PUT', url: '/api/live/figures/settings', headers: bearer(show.producerToken), payload: { reminderMin: 0 } });
		expect([settings.statusCode, settings.json().error.code]).toEqual([400, 'VALIDATION']);
		const wrongPlatform = await app.inject({ method: 'PUT', url: '/api/live/figures/settings', headers: bearer(show.producerToken), payload: { showToHost: { platform: 'jd', metric: 'viewers' } } });
		expect([wrongPlatform.statusCode, wrongPlatform.json().error.code]).toEqual([422, 'UNKNOWN_PLATFORM']);
		expect(stored()).toEqual(before);
	});
});

describe('the read side', () => {
	it('lists a run’s checkpoints newest first and gives each show’s latest figures per platform', async () => {
		await command(app, show.producerToken, 'start');
		await addFigures(show.recorderToken, { platform: 'douyin', figures: { viewers: 100, orders: 1 } });
		clock.advance(60_000);
		await addFigures(show.recorderToken, { platform: 'douyin', figures: { viewers: 200 } });
		await addFigures(show.recorderToken, { platform: 'kuaishou', figures: { likes: 9 } });
		const figures = app.deps.services.figures;
		expect(figures.list(show.showId).map((c) => c.figures)).toEqual([{ likes: 9 }, { viewers: 200 }, { viewers: 100, orders: 1 }]);
		const latest = figures.latest([show.showId]).get(show.showId)!;
		expect(latest.find((l) => l.platform === 'douyin')).toEqual({ platform: 'douyin', at: clock(), figures: { viewers: 200, orders: 1 }, metricAt: { viewers: clock(), orders: clock() - 60_000 } });
		expect(figures.lastEnteredAt(show.showId)).toBe(clock());
		const put = await app.inject({ method: 'PUT', url: '/api/live/figures/settings', headers: bearer(show.producerToken), payload: { reminderMin: 3 } });
		expect(put.json()).toEqual({ reminderMin: 3, showToHost: null });
		expect(figures.settings(show.showId).reminderMin).toBe(3);
	});
});
