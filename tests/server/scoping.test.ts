/**
 * Unit scoping through every planning route: a city account neither reads nor changes another
 * unit's show, product or person; each answers 404 exactly like a missing record, and nothing
 * changes. Province accounts see every unit.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountOf, call, productBody, showBody, type Method } from './planning-support';
import { makeApp, makeClock, signIn } from './support';

let app: FastifyInstance;
let admin: string;
let wuhan: string;
let show: { id: number; version: number };
let product: { id: number; version: number };
let person: { id: number; version: number };

beforeEach(async () => {
	const clock = makeClock();
	app = await makeApp({ clock });
	admin = await signIn(app);
	wuhan = await accountOf(app, 'wuhan', 'wuhan');
	// Records of another city (Yichang) and of the province.
	const yichangProduct = (await call(app, admin, 'POST', '/api/products', productBody({ unitCode: 'yichang', name: '宜昌蜜桔' }))).body;
	const otherShow = (await call(app, admin, 'POST', '/api/shows', showBody({ unitCode: 'yichang', kind: 'city', productIds: [yichangProduct.id] }, clock()))).body;
	show = otherShow;
	product = yichangProduct;
	person = (await call(app, admin, 'POST', '/api/people', { unitCode: 'yichang', name: '宜昌主播', intro: '简介', reason: '理由' })).body;
});
afterEach(() => app.close());

/** Every route that names a record, with a body that would be valid for its owner. */
function routes(): [Method, string, unknown?][] {
	const s = `/api/shows/${show.id}`;
	const p = `/api/products/${product.id}`;
	const h = `/api/people/${person.id}`;
	return [
		['GET', s],
		['PATCH', s, { expectedVersion: show.version, title: '改' }],
		['DELETE', s],
		['GET', `${s}/checks`],
		['POST', `${s}/report`, {}],
		['POST', `${s}/approve`, {}],
		['POST', `${s}/withdraw`, {}],
		['POST', `${s}/duplicate`, { startsAt: Date.UTC(2027, 0, 1) }],
		['GET', `${s}/links`],
		['POST', `${s}/links/producer/rotate`, {}],
		['GET', p],
		['PATCH', p, { name: '改' }],
		['PATCH', p, { status: 'archived' }],
		['GET', h],
		['PATCH', h, { name: '改' }],
		['POST', `${h}/nominate`, {}],
		['POST', `${h}/award`, {}],
		['POST', `${h}/revoke`, {}],
		['POST', `${h}/archive`, {}],
		['POST', `${h}/restore`, {}]
	];
}

const snapshot = () => JSON.stringify([app.deps.repos.shows.get(show.id), app.deps.repos.shows.tokensOf(show.id), app.deps.repos.products.get(product.id), app.deps.repos.people.get(person.id)]);

describe('a city account and another unit’s records', () => {
	it('answers 404 NOT_FOUND on every route, the same as for a missing id, and changes nothing', async () => {
		const before = snapshot();
		for (const [method, url, body] of routes()) {
			const res = await call(app, wuhan, method, url, body);
			expect(res.status, `${method} ${url}`).toBe(404);
			expect(res.body.error.code).toBe('NOT_FOUND');
			const missing = await call(app, wuhan, method, url.replace(/\/(\d+)(?=\/|$)/, '/987654'), body);
			expect(missing.status, `${method} ${url} (missing)`).toBe(404);
			expect(missing.body.error.message).toBe(res.body.error.message);
		}
		expect(snapshot()).toBe(before);
	});

	it('leaves them out of every list, whatever unit the query asks for', async () => {
		for (const url of ['/api/shows', '/api/shows?unit=yichang', '/api/products', '/api/products?unit=yichang&status=all', '/api/people?unit=yichang&archived=include']) {
			const body = (await call(app, wuhan, 'GET', url)).body;
			const records = body.shows ?? body.products ?? body.people;
			expect(records.filter((r: { unitCode: string }) => r.unitCode !== 'wuhan'), url).toEqual([]);
		}
		const nominations = (await call(app, wuhan, 'GET', '/api/products/nominations')).body.units;
		expect(nominations.map((u: { unitCode: string }) => u.unitCode)).toEqual(['wuhan']);
	});

	it('cannot create records for another unit, nor move its own into one', async () => {
		expect((await call(app, wuhan, 'POST', '/api/products', productBody({ unitCode: 'yichang' }))).status).toBe(403);
		expect((await call(app, wuhan, 'POST', '/api/people', { unitCode: 'yichang', name: 'x' })).status).toBe(403);
		expect((await call(app, wuhan, 'POST', '/api/shows', showBody({ unitCode: 'yichang', kind: 'city' }))).status).toBe(403);
		const own = (await call(app, wuhan, 'POST', '/api/products', productBody())).body;
		expect((await call(app, wuhan, 'PATCH', `/api/products/${own.id}`, { unitCode: 'yichang' })).status).toBe(403);
		expect(app.deps.repos.products.get(own.id)?.unitCode).toBe('wuhan');
		// Nor put another unit's product or person into its own show.
		const ownShow = (await call(app, wuhan, 'POST', '/api/shows', showBody({ unitCode: 'wuhan', kind: 'city', productIds: [own.id] }))).body;
		const segments = ownShow.segments.map((s: { productId: number | null }) => (s.productId === own.id ? { ...s, productId: product.id } : s));
		const res = await call(app, wuhan, 'PATCH', `/api/shows/${ownShow.id}`, { expectedVersion: 1, segments, hostIds: [person.id] });
		expect(res.status).toBe(400);
		// Answered like unknown ids: the error does not confirm that another unit's record exists.
		expect(res.body.error.fields.map((f: { code: string }) => f.code).sort()).toEqual(['unknown_person', 'unknown_product']);
		expect(res.body.error.fields.map((f: { code: string; message: string }) => f.message).join(' ')).not.toMatch(/another unit/);

		// Nor learn another unit's segment ids: one taken by a show of another unit is replaced, not refused.
		const otherShow = app.deps.repos.shows.list().find((s) => s.unitCode !== 'wuhan')!;
		const foreignId = otherShow.segments[0].id;
		const saved = await call(app, wuhan, 'PATCH', `/api/shows/${ownShow.id}`, { expectedVersion: 1, segments: [{ ...ownShow.segments[0], id: foreignId }, ...ownShow.segments.slice(1)] });
		expect(saved.status).toBe(200);
		expect(saved.body.segments[0].id).not.toBe(foreignId);
		expect(saved.body.segments[0].title).toBe(ownShow.segments[0].title);
		expect(app.deps.repos.shows.get(otherShow.id)!.segments[0].id).toBe(foreignId);
	});

	it('a province account sees and edits them', async () => {
		for (const url of [`/api/shows/${show.id}`, `/api/products/${product.id}`, `/api/people/${person.id}`, `/api/shows/${show.id}/checks`]) {
			expect((await call(app, admin, 'GET', url)).status, url).toBe(200);
		}
		const editedProduct = await call(app, admin, 'PATCH', `/api/products/${product.id}`, { expectedVersion: product.version, name: '宜昌蜜桔（改）' });
		expect(editedProduct.status).toBe(200);
		expect(editedProduct.body.name).toBe('宜昌蜜桔（改）');
		const editedPerson = await call(app, admin, 'PATCH', `/api/people/${person.id}`, { expectedVersion: person.version, name: '宜昌主播（改）' });
		expect(editedPerson.status).toBe(200);
		expect(editedPerson.body.name).toBe('宜昌主播（改）');
	});
});
