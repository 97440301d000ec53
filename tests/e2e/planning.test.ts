/**
 * The coordinator's planning story in Chromium: create a show from scratch, build and reorder its
 * run-sheet, attach products, watch the rule checks change while editing, fix them and report the
 * show; a stale save from a second editor is refused; bad input gets field messages and saves
 * nothing. Screenshots of the planning pages at 1440×900 in Chinese and English.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { monthKey, monthOf } from '../../src/lib/core/calendar';
import { toShanghaiLocalInput } from '../../src/lib/core/format';
import { launchBrowser, newPage, screenshot, segmentTitles, signInAs, startApp, watchErrors } from './support';

let browser: Browser;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
	({ app, base } = await startApp());
	browser = await launchBrowser();
	// A product the notice forbids, in the province's reach.
	app.deps.repos.products.create(
		{
			unitCode: 'yichang',
			shopName: '稻花香酒业旗舰店',
			shopPlatform: '京东',
			name: '稻花香白酒',
			origin: '湖北省宜昌市',
			spec: '500毫升/瓶',
			dailyPriceFen: 19_900,
			lowestPriceFen: 15_900,
			livePriceFen: 15_900,
			priceNote: '',
			couponRule: '',
			sellingPoints: '浓香型',
			stock: 100,
			productUrl: 'https://item.jd.com/1.html',
			platformEvent: '',
			contactName: '',
			contactPhone: '',
			category: 'other',
			shelfLifeDays: null,
			qualityCert: 'SC1',
			catalogues: [],
			status: 'candidate'
		},
		Date.now()
	);
});
afterAll(async () => {
	await browser?.close();
	await app?.close();
});

const findings = (page: Page) => page.getByTestId('findings');
const codesShown = (page: Page) => findings(page).locator('li[data-code]').evaluateAll((items) => items.map((li) => li.getAttribute('data-code')));

/** The segment row whose title is `title` now (rows move, so look it up when needed). */
async function segmentByTitle(page: Page, title: string) {
	const index = (await segmentTitles(page)).indexOf(title);
	if (index < 0) throw new Error(`no segment ${title}`);
	return page.getByTestId('segment').nth(index);
}

// First, while the demo is as seeded: the pages at the coordinator's laptop size.
describe('planning pages, 1440×900', () => {
	it('in Chinese and English: shows list, calendar, show editor, product library, people', async () => {
		const page = await newPage(browser);
		const errors = watchErrors(page);
		await signInAs(page, base);
		const demo = app.deps.repos.shows.list().find((s) => s.title.includes('荆楚好味道'))!;
		for (const [lang, suffix] of [
			['zh-CN', 'zh'],
			['en', 'en']
		] as const) {
			if ((await page.evaluate(() => document.documentElement.lang)) !== lang) await page.getByTestId('lang-switch').click();
			await page.goto(`${base}/shows`);
			await page.getByTestId('show-list').waitFor();
			await screenshot(page, `planning-shows-${suffix}`);
			await page.goto(`${base}/shows?view=calendar&month=${monthKey(monthOf(demo.startsAt))}`);
			await page.getByTestId('calendar').locator('a', { hasText: '荆楚好味道' }).waitFor();
			await screenshot(page, `planning-calendar-${suffix}`);
			await page.goto(`${base}/shows/${demo.id}`);
			await page.getByTestId('segment').nth(3).getByTestId('segment-toggle').click();
			await page.getByTestId('segment').nth(3).getByTestId('segment-script').waitFor();
			await screenshot(page, `planning-editor-${suffix}`);
			await page.goto(`${base}/products`);
			await page.getByTestId('product-list').waitFor();
			await screenshot(page, `planning-products-${suffix}`);
			await page.goto(`${base}/people`);
			await page.getByTestId('people-list').waitFor();
			await expect.poll(() => page.getByTestId('ambassador-badge').count()).toBeGreaterThan(0);
			await screenshot(page, `planning-people-${suffix}`);
		}
		expect(errors).toEqual([]);
		await page.context().close();
	});
});

describe('planning a show in Chromium', () => {
	it('creates a show, builds and reorders its run-sheet, sees the checks change, fixes them and reports it', async () => {
		const page = await newPage(browser);
		const errors = watchErrors(page);
		await signInAs(page, base);
		const showsBefore = app.deps.repos.shows.list().length;

		// A new show from scratch.
		await page.getByTestId('new-show').click();
		await page.getByLabel('直播标题').fill('青春为家乡代言·荆楚好物夜');
		await page.getByTestId('show-start').fill(toShanghaiLocalInput(Date.now() + 10 * 24 * 3600_000));
		await page.getByTestId('show-duration').fill('120');
		await page.getByTestId('platform-url').fill('live.douyin.com/qingchun');
		await page.getByTestId('cast').getByRole('button', { name: '主播' }).first().click();
		const products = page.getByTestId('new-show-products');
		for (const name of ['恩施玉露', '随州香菇', '神农架蜂蜜', '孝感麻糖']) await products.getByText(name).click();
		await page.getByTestId('create-show').click();
		// The malformed live-room URL is refused with a field message; nothing is saved.
		await expect.poll(() => page.getByTestId('field-issue').allTextContents()).toContain('请输入以 http:// 或 https:// 开头的网址');
		expect(app.deps.repos.shows.list()).toHaveLength(showsBefore);
		await page.getByTestId('platform-url').fill('https://live.douyin.com/qingchun');
		await page.getByTestId('create-show').click();
		await page.waitForURL(/\/shows\/\d+$/);
		const showId = Number(page.url().split('/').at(-1));

		// The standard run-sheet: warm-up, opening, four product slots, interaction, closing.
		await expect.poll(() => segmentTitles(page)).toEqual(expect.arrayContaining(['活动预热', '开场介绍', '产品讲解｜恩施玉露', '活动结束']));
		await expect.poll(() => codesShown(page)).toContain('TOO_FEW_PRODUCTS');

		// Attach a fifth product: the error goes.
		await page.getByTestId('add-product-select').selectOption({ label: '蔡林记热干面 · ¥29.90' });
		await page.getByTestId('add-product-slot').click();
		await expect.poll(() => codesShown(page)).not.toContain('TOO_FEW_PRODUCTS');

		// Reorder by keyboard: Alt+↑ on the honey slot, with an announcement.
		const honey = await segmentByTitle(page, '产品讲解｜神农架蜂蜜');
		const before = await segmentTitles(page);
		const honeyAt = before.indexOf('产品讲解｜神农架蜂蜜');
		await honey.getByTestId('segment-handle').focus();
		await page.keyboard.press('Alt+ArrowUp');
		await expect.poll(() => segmentTitles(page)).toEqual([...before.slice(0, honeyAt - 1), before[honeyAt], before[honeyAt - 1], ...before.slice(honeyAt + 1)]);
		await expect.poll(() => page.getByTestId('editor-announcement').textContent()).toContain(`已移到第 ${honeyAt} 段`);
		expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('segment-handle');

		// Reorder by drag (rows closed, as a coordinator rearranging would have them): the closing
		// onto the top of the opening, then back to the end.
		for (const open of await page.locator('[data-testid="segment-toggle"][aria-expanded="true"]').all()) await open.click();
		const titlesBeforeDrag = await segmentTitles(page);
		const closing = page.getByTestId('segment').last();
		await closing.getByTestId('segment-handle').dragTo(page.getByTestId('segment').nth(1), { targetPosition: { x: 30, y: 4 } });
		await expect.poll(() => segmentTitles(page)).toEqual([titlesBeforeDrag[0], '活动结束', ...titlesBeforeDrag.slice(1, -1)]);
		await page.getByTestId('segment').nth(1).getByTestId('segment-handle').dragTo(page.getByTestId('segment').last(), { targetPosition: { x: 30, y: 40 } });
		await expect.poll(() => segmentTitles(page)).toEqual(titlesBeforeDrag);

		// Planned duration 89 → error; 90 → fine.
		await page.getByTestId('tab-details').click();
		await page.getByTestId('show-duration').fill('89');
		await expect.poll(() => codesShown(page)).toContain('DURATION_OUT_OF_RANGE');
		await expect.poll(() => findings(page).textContent()).toContain('计划时长 89 分钟，应为 90–180 分钟');
		// Choosing the finding from the run-sheet tab opens the details and the duration field.
		await page.getByRole('tab', { name: /流程单/ }).click();
		await findings(page).locator('li[data-code="DURATION_OUT_OF_RANGE"] button').click();
		await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('show-duration');
		await page.getByTestId('show-duration').fill('90');
		await expect.poll(() => codesShown(page)).not.toContain('DURATION_OUT_OF_RANGE');
		await page.getByRole('tab', { name: /流程单/ }).click();

		// A 白酒 product → error, and the report button is off.
		await page.getByTestId('add-product-select').selectOption({ label: '稻花香白酒 · ¥159.00' });
		await page.getByTestId('add-product-slot').click();
		await expect.poll(() => codesShown(page)).toContain('TOBACCO_ALCOHOL');
		expect(await page.getByTestId('report').isDisabled()).toBe(true);

		// A script saying 全网最低 → a warning, and the words are marked inside the script.
		const tea = await segmentByTitle(page, '产品讲解｜恩施玉露');
		await tea.getByTestId('segment-toggle').click();
		const script = tea.getByTestId('segment-script').locator('textarea');
		await script.fill('恩施玉露，今天全网最低价，错过再等一年！');
		await expect.poll(() => codesShown(page)).toContain('AD_LAW_WORD');
		await expect.poll(() => tea.getByTestId('segment-script').locator('mark.adlaw').allTextContents()).toEqual(['全网最低价']);
		await screenshot(page, 'planning-editor-findings-zh');

		// Fix them: remove the 白酒 slot, reword the script, bring the run-sheet to the planned 90 min.
		await (await segmentByTitle(page, '产品讲解｜稻花香白酒')).getByTestId('segment-remove').click();
		await script.fill('恩施玉露，今天直播间到手价 ¥89，下单再送两包茶样。');
		await expect.poll(() => codesShown(page)).not.toContain('AD_LAW_WORD');
		await expect.poll(() => codesShown(page)).not.toContain('TOBACCO_ALCOHOL');
		await expect.poll(() => page.getByTestId('findings-errors').textContent()).toBe('0 个错误');

		// Save with Ctrl+S, then report (报备).
		await page.keyboard.press('Control+s');
		await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('已全部保存');
		await page.getByTestId('report').click();
		await expect.poll(() => page.getByTestId('show-status').textContent()).toBe('已报备');
		await expect.poll(() => page.getByTestId('show-trail').textContent()).toContain('报备：团省委宣传部');
		const saved = app.deps.repos.shows.get(showId)!;
		expect(saved).toMatchObject({ status: 'reported', plannedDurationMin: 90, reportedBy: '团省委宣传部' });
		expect(saved.segments.find((s) => s.title === '产品讲解｜恩施玉露')?.script).toContain('直播间到手价');
		expect(saved.productIds).toHaveLength(5);
		// The saved order is the reordered one.
		expect(saved.segments.map((s) => s.title)).toEqual(await segmentTitles(page));
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('refuses a stale save from a second editor with a message, and loads the latest version', async () => {
		const showId = app.deps.repos.shows.list().find((s) => s.title.includes('荆楚好味道'))!.id;
		const first = await newPage(browser);
		const second = await newPage(browser);
		await signInAs(first, base);
		await signInAs(second, base);
		for (const page of [first, second]) {
			// The demo show is reported: a run-sheet change asks before it sends the show back for approval.
			page.on('dialog', (dialog) => void dialog.accept());
			await page.goto(`${base}/shows/${showId}`);
			await page.getByTestId('segment').first().waitFor();
		}
		await second.getByTestId('segment-title').first().fill('预热（第二位编辑）');
		await second.getByTestId('save').click();
		await expect.poll(() => second.getByTestId('save-state').textContent()).toContain('已全部保存');

		await first.getByTestId('segment-title').first().fill('预热（第一位编辑）');
		await first.getByTestId('save').click();
		await expect.poll(() => first.getByTestId('conflict').textContent()).toContain('内容已被他人修改');
		expect(app.deps.repos.shows.get(showId)?.segments[0].title).toBe('预热（第二位编辑）');
		await first.getByRole('button', { name: '载入最新版本' }).click();
		await expect.poll(() => segmentTitles(first).then((t) => t[0])).toBe('预热（第二位编辑）');
		await first.context().close();
		await second.context().close();
	});

	it('refuses bad input with field messages in the user’s language and saves nothing', async () => {
		const page = await newPage(browser);
		await signInAs(page, base);
		const counts = () => [app.deps.repos.shows.list().length, app.deps.repos.products.list({ status: 'all' }).length, app.deps.repos.people.list({ archived: 'include' }).length];
		const before = counts();

		// A show: duration 0, a start in the past (the server's rule).
		await page.goto(`${base}/shows/new`);
		await page.getByLabel('直播标题').fill('过去的直播');
		await page.getByTestId('show-duration').fill('0');
		await page.getByTestId('platform-url').fill('https://live.douyin.com/x');
		await page.getByTestId('create-show').click();
		await expect.poll(() => page.getByTestId('field-issue').allTextContents()).toContain('不能小于 1');
		await page.getByTestId('show-duration').fill('120');
		await page.getByTestId('show-start').fill(toShanghaiLocalInput(Date.now() - 3600_000));
		await page.getByTestId('create-show').click();
		await expect.poll(() => page.getByTestId('field-issue').allTextContents()).toContain('开播时间不能早于现在');

		// A product with a negative price.
		await page.goto(`${base}/products/new`);
		await page.getByLabel('产品名称').fill('测试产品');
		await page.getByLabel('在线店铺名').fill('测试店');
		await page.getByLabel('日常零售价').fill('39.9');
		await page.getByLabel('直播间到手价').fill('-5');
		await page.getByTestId('save-product').click();
		await expect.poll(() => page.getByTestId('field-issue').allTextContents()).toContain('不能小于 0');

		// A person with a 301-character introduction, in English this time.
		await page.goto(`${base}/people/new`);
		await page.getByTestId('lang-switch').click();
		await page.getByLabel('Name', { exact: true }).fill('Test Person');
		await page.getByTestId('person-intro').fill('字'.repeat(301));
		await page.getByTestId('save-person').click();
		await expect.poll(() => page.getByTestId('field-issue').allTextContents()).toContain('At most 300 characters');
		await page.getByTestId('lang-switch').click();

		expect(counts()).toEqual(before);
		await page.context().close();
	});

	it('saves an edited product and person on their pages, says so and bumps the version', async () => {
		const page = await newPage(browser);
		await signInAs(page, base);
		const product = app.deps.repos.products.list({ status: 'all' })[0];
		await page.goto(`${base}/products/${product.id}`);
		await page.getByLabel('产品名称').fill(`${product.name}（改）`);
		await page.getByTestId('save-product').click();
		await expect.poll(() => page.getByRole('status').filter({ hasText: '已保存' }).count()).toBe(1);
		expect(app.deps.repos.products.get(product.id)).toMatchObject({ name: `${product.name}（改）`, version: product.version + 1 });

		const person = app.deps.repos.people.list({ archived: 'include' })[0];
		await page.goto(`${base}/people/${person.id}`);
		await page.getByLabel('姓名', { exact: true }).fill(`${person.name}乙`);
		await page.getByTestId('save-person').click();
		await expect.poll(() => page.getByRole('status').filter({ hasText: '已保存' }).count()).toBe(1);
		expect(app.deps.repos.people.list({ archived: 'include' }).find((p) => p.id === person.id)).toMatchObject({ name: `${person.name}乙`, version: person.version + 1 });
		await page.context().close();
	});
});
