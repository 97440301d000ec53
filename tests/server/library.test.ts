import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accountOf, call, personBody, productBody, showBody } from './planning-support';
import { makeApp, makeClock, signIn, type TestClock } from './support';

let app: FastifyInstance;
let clock: TestClock;
let admin: string;

beforeEach(async () => {
	clock = makeClock();
	app = await makeApp({ clock });
	admin = await signIn(app);
});
afterEach(() => app.close());

describe('products (小青优品)', () => {
	it('creates, reads and edits a product with every 附件3 column, money in fen', async () => {
		const created = await call(app, admin, 'POST', '/api/products', productBody({ platformEvent: '参与聚划算', contactName: '张三', contactPhone: '027-1234567' }));
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ name: '周黑鸭锁鲜装', dailyPriceFen: 5990, livePriceFen: 4990, status: 'candidate', version: 1, catalogues: ['jingchu'] });
		const got = await call(app, admin, 'GET', `/api/products/${created.body.id}`);
		expect(got.body).toEqual(created.body);
		const edited = await call(app, admin, 'PATCH', `/api/products/${created.body.id}`, { livePriceFen: 3990, expectedVersion: 1 });
		expect(edited.body).toMatchObject({ livePriceFen: 3990, dailyPriceFen: 5990, couponRule: '拍下立减', version: 2 });
		// A PATCH changes only what it names: defaults are not filled in.
		expect(edited.body.sellingPoints).toBe('锁鲜包装；甜辣适口');
		const stale = await call(app, admin, 'PATCH', `/api/products/${created.body.id}`, { livePriceFen: 1, expectedVersion: 1 });
		expect(stale.status).toBe(409);
		expect(stale.body.error.code).toBe('STALE_VERSION');
		expect(app.deps.repos.products.get(created.body.id)?.livePriceFen).toBe(3990);
	});

	it.each([
		['a negative price', { livePriceFen: -1 }, 'livePriceFen', 'too_small'],
		['a price in yuan with decimals', { dailyPriceFen: 59.9 }, 'dailyPriceFen', 'invalid_type'],
		['an unknown unit', { unitCode: 'mars' }, 'unitCode', 'invalid_value'],
		['an unknown category', { category: 'weapons' }, 'category', 'invalid_value'],
		['a malformed shop link', { productUrl: 'item.taobao.com' }, 'productUrl', 'invalid_format'],
		['a 20-digit phone number', { contactPhone: '12345678901234567890123' }, 'contactPhone', 'invalid_format'],
		['a negative stock', { stock: -5 }, 'stock', 'too_small']
	] as const)('refuses %s with a field issue, saving nothing', async (_name, overrides, path, code) => {
		const before = app.deps.repos.products.list({ status: 'all' }).length;
		const res = await call(app, admin, 'POST', '/api/products', { ...productBody(), ...overrides });
		expect(res.status).toBe(400);
		expect(res.body.error.fields).toContainEqual(expect.objectContaining({ path, code }));
		expect(app.deps.repos.products.list({ status: 'all' })).toHaveLength(before);
	});

	it('filters by unit, category, status and catalogue, searches names, and archives', async () => {
		const list = async (query: string) => (await call(app, admin, 'GET', `/api/products${query}`)).body.products.map((p: { name: string }) => p.name);
		expect(await list('?q=玉露')).toEqual(['恩施玉露']);
		expect(await list('?q=旗舰店&unit=enshi')).toEqual(expect.arrayContaining(['恩施玉露', '利川红工夫红茶']));
		expect(await list('?q=旗舰店&unit=enshi')).not.toContain('恩施土家腊肉');
		expect(await list('?category=grain_oil')).toEqual(expect.arrayContaining(['蔡林记热干面', '京山桥米']));
		expect(await list('?catalogue=tequ')).toEqual(expect.arrayContaining(['秭归脐橙', '随州香菇']));
		expect(await list('?catalogue=tequ')).not.toContain('恩施玉露');
		expect(await list('?status=candidate')).toContain('京山桥米');
		expect(await list('?q=100%25')).toEqual([]);

		const rice = app.deps.repos.products.list().find((p) => p.name === '京山桥米')!;
		await call(app, admin, 'PATCH', `/api/products/${rice.id}`, { status: 'archived' });
		expect(await list('')).not.toContain('京山桥米');
		expect(await list('?status=archived')).toEqual(['京山桥米']);
		expect(await list('?status=all')).toContain('京山桥米');
		expect((await call(app, admin, 'GET', '/api/products?status=gone')).status).toBe(400);
	});

	it('counts each unit’s nominations against 5–8; a city sees its own, the province all cities', async () => {
		const all = (await call(app, admin, 'GET', '/api/products/nominations')).body;
		expect(all.target).toEqual({ min: 5, max: 8 });
		expect(all.units.filter((u: { unitCode: string }) => u.unitCode !== 'hubei')).toHaveLength(17);
		const before = all.units.find((u: { unitCode: string }) => u.unitCode === 'wuhan');
		const wuhan = await accountOf(app, 'wuhan', 'wuhan');
		await call(app, wuhan, 'POST', '/api/products', productBody());
		const own = (await call(app, wuhan, 'GET', '/api/products/nominations')).body;
		expect(own.units).toEqual([{ unitCode: 'wuhan', candidate: before.candidate + 1, selected: before.selected, total: before.total + 1 }]);
	});

	it('lets only the province select a product into the library', async () => {
		const wuhan = await accountOf(app, 'wuhan', 'wuhan');
		const refused = await call(app, wuhan, 'POST', '/api/products', productBody({ status: 'selected' }));
		expect(refused.status).toBe(403);
		const created = await call(app, wuhan, 'POST', '/api/products', productBody());
		expect((await call(app, wuhan, 'PATCH', `/api/products/${created.body.id}`, { status: 'selected' })).status).toBe(403);
		expect((await call(app, admin, 'PATCH', `/api/products/${created.body.id}`, { status: 'selected' })).body.status).toBe('selected');
		// A city may still archive its own.
		expect((await call(app, wuhan, 'PATCH', `/api/products/${created.body.id}`, { status: 'archived' })).body.status).toBe('archived');
	});

	it('tells the shows presenting a product when it changes', async () => {
		const changed: number[] = [];
		app.deps.bus.on('showChanged', (id) => changed.push(id));
		const demo = app.deps.repos.shows.list()[0];
		const rice = demo.productIds.find((id) => app.deps.repos.products.get(id)?.name === '蔡林记热干面')!;
		await call(app, admin, 'PATCH', `/api/products/${rice}`, { stock: 10 });
		expect(changed).toEqual(app.deps.repos.shows.list().filter((s) => s.productIds.includes(rice)).map((s) => s.id));
		expect(changed).toContain(demo.id);
	});

	it("refuses to move a product out of its unit while one of that unit's shows presents it (PRODUCT_IN_USE)", async () => {
		const product = (await call(app, admin, 'POST', '/api/products', productBody({ unitCode: 'wuhan' }))).body;
		const show = await call(app, admin, 'POST', '/api/shows', showBody({ unitCode: 'wuhan', kind: 'city', productIds: [product.id] }, clock()));
		expect(show.status).toBe(201);
		expect(show.body.productIds).toEqual([product.id]);
		const moved = await call(app, admin, 'PATCH', `/api/products/${product.id}`, { unitCode: 'enshi' });
		expect(moved.status).toBe(409);
		expect(moved.body.error.code).toBe('PRODUCT_IN_USE');
		expect(app.deps.repos.products.get(product.id)?.unitCode).toBe('wuhan');
		// Off the run-sheet, the product may move.
		const segments = show.body.segments.filter((s: { productId: number | null }) => s.productId !== product.id);
		expect((await call(app, admin, 'PATCH', `/api/shows/${show.body.id}`, { expectedVersion: show.body.version, segments })).status).toBe(200);
		const again = await call(app, admin, 'PATCH', `/api/products/${product.id}`, { unitCode: 'enshi' });
		expect(again.status).toBe(200);
		expect(again.body.unitCode).toBe('enshi');
	});
});

describe('people and 扶贫大使', () => {
	it('creates and edits a person with the fields of 附件4', async () => {
		const created = await call(app, admin, 'POST', '/api/people', personBody());
		expect(created.status).toBe(201);
		expect(created.body).toMatchObject({ name: '王小川', ambassador: 'none', archivedAt: null, version: 1 });
		const edited = await call(app, admin, 'PATCH', `/api/people/${created.body.id}`, { position: '主播', expectedVersion: 1 });
		expect(edited.body).toMatchObject({ position: '主播', intro: '武汉本土青年主持人。', version: 2 });
	});

	it.each([
		['a 301-character introduction', { intro: '字'.repeat(301) }, 'intro', 'too_big'],
		['a malformed birth month', { birthMonth: '1995-13' }, 'birthMonth', 'invalid_format'],
		['negative followers', { platforms: [{ platform: 'douyin', account: 'x', followers: -1 }] }, 'platforms.0.followers', 'too_small'],
		['an unknown unit', { unitCode: 'x' }, 'unitCode', 'invalid_value']
	] as const)('refuses %s, saving nothing', async (_name, overrides, path, code) => {
		const before = app.deps.repos.people.list({ archived: 'include' }).length;
		const res = await call(app, admin, 'POST', '/api/people', { ...personBody(), ...overrides });
		expect(res.status).toBe(400);
		expect(res.body.error.fields).toContainEqual(expect.objectContaining({ path, code }));
		expect(app.deps.repos.people.list({ archived: 'include' })).toHaveLength(before);
	});

	it('accepts an introduction of exactly 300 characters', async () => {
		expect((await call(app, admin, 'POST', '/api/people', personBody({ intro: '字'.repeat(300) }))).status).toBe(201);
	});

	it('a city nominates, the province awards (who and when), and revokes', async () => {
		const wuhan = await accountOf(app, 'wuhan', 'wuhan');
		const person = (await call(app, wuhan, 'POST', '/api/people', personBody())).body;
		const nominated = await call(app, wuhan, 'POST', `/api/people/${person.id}/nominate`, {});
		expect(nominated.body).toMatchObject({ ambassador: 'nominated', ambassadorNominatedAt: clock(), ambassadorNominatedBy: 'wuhan 团委' });
		expect((await call(app, wuhan, 'POST', `/api/people/${person.id}/award`, {})).status).toBe(403);
		clock.advance(60_000);
		const awarded = await call(app, admin, 'POST', `/api/people/${person.id}/award`, {});
		expect(awarded.body).toMatchObject({ ambassador: 'awarded', ambassadorAwardedAt: clock(), ambassadorAwardedBy: '团省委宣传部' });
		expect((await call(app, wuhan, 'GET', '/api/people?ambassador=awarded')).body.people.map((p: { id: number }) => p.id)).toEqual([person.id]);
		expect((await call(app, wuhan, 'POST', `/api/people/${person.id}/revoke`, {})).status).toBe(403);
		expect((await call(app, admin, 'POST', `/api/people/${person.id}/revoke`, {})).body).toMatchObject({ ambassador: 'none', ambassadorAwardedAt: null });
	});

	it('needs an introduction and a reason to nominate (附件4)', async () => {
		const person = (await call(app, admin, 'POST', '/api/people', personBody({ intro: '', reason: '' }))).body;
		const res = await call(app, admin, 'POST', `/api/people/${person.id}/nominate`, {});
		expect(res.status).toBe(400);
		expect(res.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['intro', 'reason']);
		expect((await call(app, admin, 'POST', `/api/people/${person.id}/award`, {})).body.error.code).toBe('INVALID_STATUS');
	});

	it('archives and restores, searches and filters', async () => {
		const person = (await call(app, admin, 'POST', '/api/people', personBody())).body;
		const names = async (query: string) => (await call(app, admin, 'GET', `/api/people${query}`)).body.people.map((p: { name: string }) => p.name);
		expect(await names('?q=小川')).toEqual(['王小川']);
		expect(await names('?unit=enshi')).toContain('向春燕');
		expect(await names('?unit=enshi')).not.toContain('王小川');
		await call(app, admin, 'POST', `/api/people/${person.id}/archive`, {});
		expect(await names('?q=小川')).toEqual([]);
		expect(await names('?q=小川&archived=only')).toEqual(['王小川']);
		await call(app, admin, 'POST', `/api/people/${person.id}/restore`, {});
		expect(await names('?q=小川')).toEqual(['王小川']);
	});
});

describe('accounts', () => {
	it('the administrator creates a coordinator bound to a unit, who then sees only that unit', async () => {
		const res = await call(app, admin, 'POST', '/api/accounts', { username: 'yichang', displayName: '宜昌团市委', unitCode: 'yichang', password: 'yichang-pass' });
		expect(res.status).toBe(201);
		expect(res.body).toMatchObject({ username: 'yichang', role: 'coordinator', unitCode: 'yichang', scope: 'city', disabledAt: null });
		expect(res.body).not.toHaveProperty('passwordHash');
		const list = (await call(app, admin, 'GET', '/api/accounts')).body.accounts.map((a: { username: string }) => a.username);
		expect(list).toEqual(['admin', 'yichang']);
		const yichang = await signIn(app, 'yichang', 'yichang-pass');
		const products = (await call(app, yichang, 'GET', '/api/products')).body.products;
		expect(products.length).toBeGreaterThan(0);
		expect(new Set(products.map((p: { unitCode: string }) => p.unitCode))).toEqual(new Set(['yichang']));
		// Coordinators do not manage accounts.
		expect((await call(app, yichang, 'GET', '/api/accounts')).status).toBe(403);
		expect((await call(app, yichang, 'POST', '/api/accounts', { username: 'xyz', displayName: 'x', unitCode: 'hubei', password: '12345678' })).status).toBe(403);
	});

	it('refuses taken usernames, short passwords, unknown units and city administrators', async () => {
		const taken = await call(app, admin, 'POST', '/api/accounts', { username: 'admin', displayName: 'x', unitCode: 'wuhan', password: 'long-enough' });
		expect(taken.status).toBe(409);
		expect(taken.body.error.code).toBe('USERNAME_TAKEN');
		const short = await call(app, admin, 'POST', '/api/accounts', { username: 'wuhan', displayName: 'x', unitCode: 'wuhan', password: 'short' });
		expect(short.body.error.fields).toContainEqual(expect.objectContaining({ path: 'password', code: 'too_small' }));
		const unit = await call(app, admin, 'POST', '/api/accounts', { username: 'wuhan', displayName: 'x', unitCode: 'nowhere', password: 'long-enough' });
		expect(unit.body.error.fields).toContainEqual(expect.objectContaining({ path: 'unitCode', code: 'invalid_value' }));
		const cityAdmin = await call(app, admin, 'POST', '/api/accounts', { username: 'wuhan', displayName: 'x', unitCode: 'wuhan', password: 'long-enough', role: 'admin' });
		expect(cityAdmin.status).toBe(400);
		expect(app.deps.repos.accounts.list()).toHaveLength(1);
	});

	it('disabling an account or resetting its password signs it out at once; you cannot disable yourself', async () => {
		const created = (await call(app, admin, 'POST', '/api/accounts', { username: 'wuhan', displayName: '武汉', unitCode: 'wuhan', password: 'wuhan-pass' })).body;
		const wuhan = await signIn(app, 'wuhan', 'wuhan-pass');
		expect((await call(app, wuhan, 'GET', '/api/session')).status).toBe(200);
		await call(app, admin, 'PATCH', `/api/accounts/${created.id}`, { disabled: true });
		expect((await call(app, wuhan, 'GET', '/api/session')).status).toBe(401);
		expect((await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'wuhan', password: 'wuhan-pass' } })).statusCode).toBe(401);
		await call(app, admin, 'PATCH', `/api/accounts/${created.id}`, { disabled: false, password: 'new-password' });
		expect((await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'wuhan', password: 'new-password' } })).statusCode).toBe(200);
		// A password reset alone (the account stays enabled) ends the sessions signed in with the old one.
		const again = await signIn(app, 'wuhan', 'new-password');
		expect((await call(app, again, 'GET', '/api/session')).status).toBe(200);
		expect((await call(app, admin, 'PATCH', `/api/accounts/${created.id}`, { password: 'new-password-1' })).status).toBe(200);
		expect((await call(app, again, 'GET', '/api/session')).status).toBe(401);
		expect((await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'wuhan', password: 'new-password-1' } })).statusCode).toBe(200);
		const self = app.deps.repos.accounts.findByUsername('admin')!;
		expect((await call(app, admin, 'PATCH', `/api/accounts/${self.id}`, { disabled: true })).body.error.code).toBe('OWN_ACCOUNT');
	});

	it('an empty change to an account changes nothing (and is no error)', async () => {
		const self = app.deps.repos.accounts.findByUsername('admin')!;
		const res = await call(app, admin, 'PATCH', `/api/accounts/${self.id}`, {});
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ id: self.id, username: 'admin', displayName: self.displayName });
		expect((await call(app, admin, 'PATCH', '/api/accounts/987654', {})).status).toBe(404);
	});
});
