import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cityCookie, readXlsx, rowTexts } from './paperwork-support';
import { makeApp, signIn } from './support';

/** The notice's header cells (campaign-notice.zh.txt), line breaks as the document has them. */
const NOTICE = {
	activities: ['活动地点', '活动时间', '产品数量', '产品品类', '参与嘉宾', '活动执行方', '直播平台', '销售途径', '是否提取佣金'],
	products: ['在线\n\n店铺名', '平台', '产品\n名称', '产地', '规格', '日常\n\n零售价', '历史\n\n最低价', '直播间\n\n到手价', '优惠方式\n（例1：10元优惠券）\n（例2：拍下立减）\n（例3：直接改价）', '卖点', '库存', '产品链接', '是否参与聚划算等平台活动', '联系人', '联系电话'],
	ambassadorLabels: ['姓    名', '性    别', '推荐市州', '民    族', '出生年月', '政治面貌', '单位职务', '联系方式', '个人新媒体平台', '新媒体平台粉丝数', '个人简介\n（300字以内）', '推荐理由', '推荐团委意见\n（盖章）']
};
/** The export writes each header on one line: the notice's words with its line breaks removed. */
const oneLine = (h: string) => h.replace(/\n/g, '');

let app: FastifyInstance;
let admin: string;

beforeAll(async () => {
	app = await makeApp({ campaign: true });
	admin = await signIn(app);
});
afterAll(() => app.close());

async function download(url: string, cookie = admin) {
	const response = await app.inject({ method: 'GET', url, headers: { cookie } });
	return { response, workbook: response.statusCode === 200 ? await readXlsx(response.rawPayload) : null };
}

describe('Excel forms', () => {
	it('附件2: title, 申报团委 line, the exact headers, one row per show of the unit', async () => {
		const { response, workbook } = await download('/api/forms/activities.xlsx?unit=wuhan');
		expect(response.statusCode).toBe(200);
		expect(response.headers['content-type']).toContain('spreadsheetml');
		expect(response.headers['content-disposition']).toContain(encodeURIComponent('附件2-直播带货活动申报表-武汉市.xlsx'));
		const ws = workbook!.worksheets[0];
		expect(ws.getCell('A1').value).toBe('附件2');
		expect(ws.getCell('A2').value).toBe('“青春为家乡代言·小青优品”直播带货活动申报表');
		expect(ws.getCell('A3').value).toBe('申报团委（盖章）：武汉市');
		expect(rowTexts(ws, 4)).toEqual(NOTICE.activities);
		const wuhan = app.deps.repos.shows.list({ unitCode: 'wuhan' });
		expect(wuhan.length).toBeGreaterThan(0);
		const first = rowTexts(ws, 5);
		expect(first[0]).toBe(wuhan[0].location);
		expect(first[1]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日 19:30–21:10$/);
		expect(first[8]).toBe('否');
		expect(ws.getCell(5, 3).value).toBe(5);
		expect(rowTexts(ws, 5 + wuhan.length)[0]).toMatch(/^说明：/);
	});

	it('附件3: the notice\'s headers, prices in yuan with two decimals, contacts as text', async () => {
		const { workbook } = await download('/api/forms/products.xlsx?unit=enshi');
		const ws = workbook!.worksheets[0];
		expect(ws.getCell('A2').value).toBe('“小青优品”推荐产品申报表');
		expect(rowTexts(ws, 3)).toEqual(NOTICE.products.map(oneLine));
		const products = app.deps.repos.products.list({ unitCode: 'enshi' });
		const first = products[0];
		expect(ws.getCell(4, 3).value).toBe(first.name);
		expect(ws.getCell(4, 6).value).toBe(first.dailyPriceFen / 100);
		expect(ws.getCell(4, 6).numFmt).toBe('0.00');
		expect(ws.getCell(4, 15).value).toBe(first.contactPhone);
		expect(ws.getCell(4, 15).numFmt).toBe('@');
		expect(rowTexts(ws, 4 + products.length)[0]).toBe('推荐团委（盖章）：恩施土家族苗族自治州');
		// Printed on A4 landscape, the header repeated on every page.
		expect(ws.pageSetup.orientation).toBe('landscape');
		expect(ws.pageSetup.printTitlesRow).toBe('3:3');
		expect(ws.getColumn(3).width).toBeGreaterThan(8);
	});

	it('附件3 for the whole province has a unit column first', async () => {
		const { workbook } = await download('/api/forms/products.xlsx');
		const ws = workbook!.worksheets[0];
		expect(rowTexts(ws, 3)).toEqual(['推荐单位', ...NOTICE.products.map(oneLine)]);
		expect(ws.rowCount).toBe(3 + app.deps.repos.products.list().filter((p) => p.status !== 'archived').length + 2);
	});

	it('附件4 as one sheet per person laid out like the form, or as one row per person', async () => {
		const { workbook } = await download('/api/forms/ambassadors.xlsx?layout=sheets');
		const nominees = app.deps.repos.people.list().filter((p) => p.ambassador !== 'none');
		expect(workbook!.worksheets).toHaveLength(nominees.length);
		const ws = workbook!.worksheets[0];
		expect(ws.getCell('A2').value).toBe('“青春为家乡代言·扶贫大使”推荐表');
		const labels = [3, 4, 5, 6, 7].flatMap((r) => [ws.getCell(r, 1).value, ws.getCell(r, 3).value]).concat([8, 9, 10].map((r) => ws.getCell(r, 1).value));
		expect(labels).toEqual(NOTICE.ambassadorLabels);
		expect(ws.getCell('B3').value).toBe(nominees[0].name);

		const rows = await download('/api/forms/ambassadors.xlsx?layout=rows&people=all&unit=hubei');
		const sheet = rows.workbook!.worksheets[0];
		expect(rowTexts(sheet, 3)).toEqual(NOTICE.ambassadorLabels.map((l) => oneLine(l).replace(/ /g, '')));
		expect(rowTexts(sheet, 4)[0]).toBe(app.deps.repos.people.list({ unitCode: 'hubei' })[0].name);
	});

	it('writes a cell that looks like a formula as text, never as a formula', async () => {
		const evil = '=HYPERLINK("http://x","y")';
		app.deps.repos.products.create(
			{
				unitCode: 'tianmen', shopName: '+86 shop', shopPlatform: '@platform', name: evil, origin: '-1', spec: '\t500g', dailyPriceFen: 1000, lowestPriceFen: null, livePriceFen: 900,
				priceNote: '', couponRule: '=1+1', sellingPoints: '\rcr', stock: null, productUrl: null, platformEvent: '', contactName: '', contactPhone: '', category: 'other',
				shelfLifeDays: null, qualityCert: '', catalogues: [], status: 'candidate'
			},
			app.deps.clock()
		);
		const { workbook } = await download('/api/forms/products.xlsx?unit=tianmen');
		const ws = workbook!.worksheets[0];
		const name = ws.getCell(4, 3);
		expect(name.value).toBe(evil);
		expect(name.type).toBe(ExcelJS.ValueType.String);
		expect(name.formula).toBeUndefined();
		expect(name.numFmt).toBe('@');
		expect([1, 2, 4, 5, 9].map((c) => ws.getCell(4, c).value)).toEqual(['+86 shop', '@platform', '-1', '\t500g', '=1+1']);
		// XML reads a bare carriage return back as a line feed; it is still plain text.
		expect(ws.getCell(4, 10).value).toMatch(/^[\r\n]cr$/);
		let formulas = 0;
		ws.eachRow((row) => row.eachCell((cell) => (formulas += cell.type === ExcelJS.ValueType.Formula ? 1 : 0)));
		expect(formulas).toBe(0);
	});

	it('gives a blank form, with rows to fill in by hand, to a unit with nothing yet', async () => {
		const { workbook } = await download('/api/forms/activities.xlsx?unit=ezhou');
		const ws = workbook!.worksheets[0];
		expect(rowTexts(ws, 4)).toEqual(NOTICE.activities);
		expect(ws.getCell(5, 1).border?.top?.style).toBe('thin');
		const none = await download('/api/forms/ambassadors.xlsx?unit=ezhou');
		expect(none.workbook!.worksheets[0].getCell('A3').value).toBe('姓    名');
	});

	it('scopes a city account to its own unit; another unit answers 404', async () => {
		const wuhan = await cityCookie(app, 'wuhan');
		const own = await download('/api/forms/products.xlsx', wuhan);
		const ws = own.workbook!.worksheets[0];
		expect(rowTexts(ws, 3)[0]).toBe('在线店铺名');
		expect(ws.rowCount).toBe(3 + app.deps.repos.products.list({ unitCode: 'wuhan' }).length + 2);
		const other = await app.inject({ method: 'GET', url: '/api/forms/products.xlsx?unit=enshi', headers: { cookie: wuhan } });
		expect(other.statusCode).toBe(404);
		expect(other.json().error.code).toBe('NOT_FOUND');
		const summary = await app.inject({ method: 'GET', url: '/api/forms', headers: { cookie: wuhan } });
		expect(summary.json()).toMatchObject({ unit: 'wuhan', products: app.deps.repos.products.list({ unitCode: 'wuhan' }).length });
	});

	it('refuses unknown units and options, and strangers', async () => {
		expect((await app.inject({ method: 'GET', url: '/api/forms/products.xlsx?unit=beijing', headers: { cookie: admin } })).statusCode).toBe(404);
		const bad = await app.inject({ method: 'GET', url: '/api/forms/ambassadors.xlsx?layout=pdf', headers: { cookie: admin } });
		expect(bad.statusCode).toBe(400);
		expect(bad.json().error.code).toBe('VALIDATION');
		expect((await app.inject({ method: 'GET', url: '/api/forms/products.xlsx' })).statusCode).toBe(401);
	});
});
