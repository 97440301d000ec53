import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportPreview } from '../../src/lib/contract/imports';
import { emptyWorkbook, encryptedXlsx, legacyXls, manyRowsFile, noHeaderWorkbook, NOTICE_FIRST_ROW, noticeLayoutFile, problemsFile } from '../fixtures/nominations';
import { cityCookie, upload } from './paperwork-support';
import { makeApp, makeClock, signIn, type TestClock } from './support';

let app: FastifyInstance;
let admin: string;
let clock: TestClock;

beforeAll(async () => {
	clock = makeClock();
	app = await makeApp({ clock, campaign: true });
	admin = await signIn(app);
});
afterAll(() => app.close());

const count = () => app.deps.repos.products.list().length;

async function exportProducts(query: string) {
	const response = await app.inject({ method: 'GET', url: `/api/forms/products.xlsx${query}`, headers: { cookie: admin } });
	expect(response.statusCode).toBe(200);
	return response.rawPayload;
}

async function preview(file: Buffer, query = '', cookie = admin): Promise<ImportPreview> {
	const response = await upload(app, cookie, `/api/imports/products${query}`, 'nominations.xlsx', file);
	expect(response.statusCode, response.body).toBe(200);
	return response.json();
}

function confirm(id: string, rows: { row: number; action: 'create' | 'update' | 'skip'; category?: string }[], cookie = admin) {
	return app.inject({ method: 'POST', url: `/api/imports/${id}/confirm`, payload: { rows }, headers: { cookie } });
}

describe('round trip: export 附件3, import it back', () => {
	it('gives the same products for one unit: every row recognised, nothing to change, no duplicates', async () => {
		const before = app.deps.repos.products.list({ unitCode: 'huanggang' });
		expect(before.length).toBeGreaterThanOrEqual(5);
		const total = count();
		const p = await preview(await exportProducts('?unit=huanggang'), '?unit=huanggang');
		expect(p.summary).toMatchObject({ rows: before.length, valid: before.length, invalid: 0, matches: before.length });
		expect(p.missing).toEqual([]);
		expect(p.rows.map((r) => r.match!.productId)).toEqual(before.map((b) => b.id));
		expect(p.rows.every((r) => r.match!.changes.length === 0)).toBe(true);
		// Same prices to the fen.
		expect(p.rows.map((r) => [r.product!.dailyPriceFen, r.product!.lowestPriceFen, r.product!.livePriceFen])).toEqual(
			before.map((b) => [b.dailyPriceFen, b.lowestPriceFen, b.livePriceFen])
		);
		// The preview saved nothing.
		expect(count()).toBe(total);

		// Creating a product that is already in the library is refused: update or skip.
		const dup = await confirm(p.id, [{ row: p.rows[0].row, action: 'create' }]);
		expect(dup.statusCode).toBe(422);
		expect(dup.json().error.fields[0].code).toBe('ALREADY_IN_LIBRARY');

		const done = await confirm(p.id, p.rows.map((r) => ({ row: r.row, action: 'update' as const })));
		expect(done.statusCode, done.body).toBe(200);
		expect(done.json()).toEqual({ created: [], updated: before.map((b) => b.id), skipped: 0 });
		expect(count()).toBe(total);
		const after = app.deps.repos.products.list({ unitCode: 'huanggang' });
		expect(after.map(({ version: _v, updatedAt: _u, ...rest }) => rest)).toEqual(before.map(({ version: _v, updatedAt: _u, ...rest }) => rest));
		expect(after.every((p, i) => p.version === before[i].version + 1)).toBe(true);

		// A preview is used once.
		expect((await confirm(p.id, [])).statusCode).toBe(404);
	});

	it('reads the province-wide export back by its unit column', async () => {
		const p = await preview(await exportProducts(''));
		expect(p.defaultUnit).toBeNull();
		expect(p.summary.rows).toBe(count());
		expect(p.summary.matches).toBe(count());
		// Only rule warnings (fresh produce, a price above the low…); 孝感米酒 is alcohol and cannot be re-imported.
		const errors = p.errors.filter((e) => e.severity === 'error');
		expect(errors.map((e) => [e.code, e.column])).toEqual([['TOBACCO_ALCOHOL', '产品名称']]);
	});
});

describe('a 附件3 made by hand in the notice\'s layout', () => {
	it('imports cleanly: title row, multi-line headers, prices with 元, the stamp line below', async () => {
		const total = count();
		const p = await preview(await noticeLayoutFile(), '?unit=yichang');
		expect(p.headerRow).toBe(3);
		expect(p.errors.filter((e) => e.severity === 'error')).toEqual([]);
		expect(p.rows.map((r) => r.row)).toEqual([NOTICE_FIRST_ROW, NOTICE_FIRST_ROW + 1, NOTICE_FIRST_ROW + 2]);
		expect(p.rows.map((r) => [r.product!.name, r.product!.dailyPriceFen, r.product!.lowestPriceFen, r.product!.livePriceFen, r.product!.stock])).toEqual([
			['秭归伦晚脐橙', 5990, 4500, 3990, 1500],
			['宜红工夫茶', 12800, 9900, 8900, 800],
			['三峡苕酥', 2990, 2500, 1990, 2000]
		]);
		// 宜红工夫茶 of the same shop is in the library already: offered as an update, with its changes.
		const tea = p.rows[1];
		expect(tea.match).not.toBeNull();
		expect(tea.match!.changes).toContainEqual({ field: 'dailyPriceFen', from: 13800, to: 12800 });
		expect(p.matches).toEqual([expect.objectContaining({ row: NOTICE_FIRST_ROW + 1, productId: tea.match!.productId })]);

		const done = await confirm(p.id, [
			{ row: NOTICE_FIRST_ROW, action: 'create' },
			{ row: NOTICE_FIRST_ROW + 1, action: 'update' },
			{ row: NOTICE_FIRST_ROW + 2, action: 'create', category: 'snacks' }
		]);
		expect(done.statusCode, done.body).toBe(200);
		const result = done.json();
		expect(result.created).toHaveLength(2);
		expect(result.updated).toEqual([tea.match!.productId]);
		expect(count()).toBe(total + 2);
		const orange = app.deps.repos.products.get(result.created[0])!;
		expect(orange).toMatchObject({ unitCode: 'yichang', shopName: '秭归脐橙合作社', name: '秭归伦晚脐橙', category: 'fruit_veg', status: 'candidate', contactPhone: '0717-2881234' });
		expect(app.deps.repos.products.get(tea.match!.productId)!.dailyPriceFen).toBe(12800);
	});
});

describe('a file with problems', () => {
	it('names each problem by row and column and imports only the rows confirmed', async () => {
		const total = count();
		const p = await preview(await problemsFile(), '?unit=yichang');
		const problems = p.errors.filter((e) => e.severity === 'error' || e.code === 'MISSING_COLUMN').map((e) => ({ row: e.row, column: e.column, cell: e.cell, code: e.code }));
		expect(problems).toEqual([
			{ row: 1, column: '历史最低价', cell: null, code: 'MISSING_COLUMN' },
			{ row: 3, column: '日常零售价', cell: 'F3', code: 'NEGATIVE_PRICE' },
			{ row: 4, column: '联系电话', cell: 'N4', code: 'INVALID_PHONE' },
			{ row: 5, column: '产品名称', cell: 'C5', code: 'TOBACCO_ALCOHOL' }
		]);
		expect(p.errors.every((e) => e.message && e.messageZh)).toBe(true);
		expect(p.summary).toMatchObject({ rows: 4, valid: 1, invalid: 3 });

		const refused = await confirm(p.id, [{ row: 5, action: 'create' }]);
		expect(refused.statusCode).toBe(422);
		expect(refused.json().error).toMatchObject({ code: 'INVALID_DECISIONS', fields: [{ path: 'rows.0', code: 'ROW_INVALID' }] });
		expect(count()).toBe(total);

		const done = await confirm(p.id, [
			{ row: 2, action: 'create' },
			{ row: 3, action: 'skip' }
		]);
		expect(done.json()).toMatchObject({ updated: [], skipped: 3 });
		expect(count()).toBe(total + 1);
	});
});

describe('files that are refused', () => {
	const refuse = async (file: Buffer, status: number, code: string, message: RegExp) => {
		const total = count();
		const response = await upload(app, admin, '/api/imports/products?unit=wuhan', 'x.xlsx', file);
		expect(response.statusCode, response.body).toBe(status);
		expect(response.json().error.code).toBe(code);
		expect(response.json().error.message).toMatch(message);
		expect(count()).toBe(total);
	};

	it('not an xlsx', () => refuse(Buffer.from('商品名称,价格\n恩施玉露,89\n'), 422, 'NOT_XLSX', /not an \.xlsx/));
	it('an old .xls', () => refuse(legacyXls(), 422, 'NOT_XLSX', /97–2003/));
	it('a zip that is not a workbook', () => refuse(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(100)]), 422, 'NOT_XLSX', /damaged/));
	it('empty', () => refuse(Buffer.alloc(0), 422, 'EMPTY_FILE', /empty/));
	it('a workbook with nothing in it', async () => refuse(await emptyWorkbook(), 422, 'EMPTY_FILE', /empty/));
	it('password-protected', () => refuse(encryptedXlsx(), 422, 'PASSWORD_PROTECTED', /password/));
	it('over 5 MB', () => refuse(Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(5 * 1024 * 1024)]), 413, 'FILE_TOO_LARGE', /5 MB/));
	it('over 2,000 rows', async () => refuse(await manyRowsFile(2001), 422, 'TOO_MANY_ROWS', /2001 product rows.*2000/));
	it('without a 附件3 header', async () => refuse(await noHeaderWorkbook(), 422, 'NO_HEADER_ROW', /header/));

	it('from strangers and from other sites', async () => {
		const { multipart } = await import('./paperwork-support');
		const body = multipart('a.xlsx', await noticeLayoutFile());
		const stranger = await app.inject({ method: 'POST', url: '/api/imports/products?unit=wuhan', payload: body.payload, headers: body.headers });
		expect(stranger.statusCode).toBe(401);
		const crossSite = await app.inject({ method: 'POST', url: '/api/imports/products?unit=wuhan', payload: body.payload, headers: { ...body.headers, cookie: admin, origin: 'http://evil.example' } });
		expect(crossSite.statusCode).toBe(403);
		expect(crossSite.json().error.code).toBe('CROSS_SITE_REQUEST');
	});

	it('an upload without a file field, or not multipart at all', async () => {
		const { multipart } = await import('./paperwork-support');
		const body = multipart('a.xlsx', await noticeLayoutFile(), 'document');
		const wrongField = await app.inject({ method: 'POST', url: '/api/imports/products?unit=wuhan', payload: body.payload, headers: { ...body.headers, cookie: admin } });
		expect(wrongField.statusCode).toBe(400);
		expect(wrongField.json().error.code).toBe('NO_FILE');
		const json = await app.inject({ method: 'POST', url: '/api/imports/products', payload: { file: 'x' }, headers: { cookie: admin } });
		expect(json.statusCode).toBe(415);
	});
});

describe('previews belong to their account and expire', () => {
	it('another account cannot see or confirm a preview; an expired one is gone', async () => {
		const p = await preview(await noticeLayoutFile(), '?unit=yichang');
		const yichang = await cityCookie(app, 'yichang');
		expect((await app.inject({ method: 'GET', url: `/api/imports/${p.id}`, headers: { cookie: yichang } })).statusCode).toBe(404);
		expect((await confirm(p.id, [{ row: NOTICE_FIRST_ROW, action: 'skip' }], yichang)).statusCode).toBe(404);
		expect((await app.inject({ method: 'DELETE', url: `/api/imports/${p.id}`, headers: { cookie: yichang } })).statusCode).toBe(404);
		expect((await app.inject({ method: 'GET', url: `/api/imports/${p.id}`, headers: { cookie: admin } })).json().id).toBe(p.id);
		// Its owner discards it, once.
		const discarded = await preview(await noticeLayoutFile(), '?unit=yichang');
		expect((await app.inject({ method: 'DELETE', url: `/api/imports/${discarded.id}`, headers: { cookie: admin } })).statusCode).toBe(204);
		expect((await app.inject({ method: 'DELETE', url: `/api/imports/${discarded.id}`, headers: { cookie: admin } })).statusCode).toBe(404);
		clock.advance(25 * 3600_000);
		admin = await signIn(app);
		expect((await app.inject({ method: 'GET', url: `/api/imports/${p.id}`, headers: { cookie: admin } })).statusCode).toBe(404);
		expect((await app.inject({ method: 'DELETE', url: `/api/imports/${p.id}`, headers: { cookie: admin } })).statusCode).toBe(404);
	});

	it('refuses to confirm when the library changed since the preview', async () => {
		const p = await preview(await noticeLayoutFile(), '?unit=yichang');
		const tea = p.rows.find((r) => r.match)!;
		const product = app.deps.repos.products.get(tea.match!.productId)!;
		// The library is edited meanwhile.
		const { ProductImportRepository } = await import('../../server/paperwork/product-import.repository');
		new ProductImportRepository(app.deps.db).apply([], [{ id: product.id, version: product.version, values: { ...product, dailyPriceFen: 15000 } }], clock());
		const response = await confirm(p.id, [{ row: tea.row, action: 'update' }]);
		expect(response.statusCode).toBe(409);
		expect(response.json().error.code).toBe('PREVIEW_STALE');
		expect(app.deps.repos.products.get(product.id)!.dailyPriceFen).toBe(15000);
	});
});

describe('a city account', () => {
	it('imports into its own unit only', async () => {
		const yichang = await cityCookie(app, 'yichang');
		const p = await preview(await noticeLayoutFile(), '', yichang);
		expect(p.defaultUnit).toBe('yichang');
		expect(p.rows.every((r) => r.unitCode === 'yichang')).toBe(true);
		const other = await upload(app, yichang, '/api/imports/products?unit=wuhan', 'x.xlsx', await noticeLayoutFile());
		expect(other.statusCode).toBe(404);
	});
});
