import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { checkShow } from '../../src/lib/core/checks';
import { showInput, showPlatform, type Person, type Product, type Show } from '../../src/lib/core/model';
import {
	MAX_POSTER_PRODUCTS,
	POSTER_DESIGNS,
	POSTER_FORMATS,
	QR_MIN_PRINT_MM,
	organiserName,
	posterContent,
	posterDeadline,
	posterLayout,
	publicPhase,
	qrMatrix,
	qrSpan,
	renderPoster,
	showPeople,
	splitCountdown,
	textBlocks,
	type Box,
	type PosterContent,
	type PosterLayout
} from '../../src/lib/core/poster';
import { qrPathData, QR_QUIET_ZONE } from '../../src/lib/core/poster/qr';
import { fitText, textWidth, tokenize, wrapLines } from '../../src/lib/core/poster/text';
import { DAY, START, makePerson, makeProducts, makeSegment, makeShow } from './factories';

const TITLE_60 = '「青春为家乡代言·小青优品」湖北省十七个市州联合公益助农示范直播暨恩施玉露秭归脐橙随州香菇神农架蜂蜜孝感麻糖京山桥米专场';
const PUBLIC_URL = 'https://showcall.example/s/k3v9x2m7qa';

function people(): Person[] {
	return [
		makePerson({ id: 1, name: '李晓婷' }),
		makePerson({ id: 2, name: '周子航', ambassador: 'awarded' }),
		...['欧阳娜娜娜', '司马相如', 'Alexander Hamilton', '上官婉儿', '诸葛孔明明', '慕容雪'].map((name, i) => makePerson({ id: 10 + i, name, ambassador: 'awarded' }))
	];
}

function content(overrides: Partial<Show> = {}, options: { qrTarget?: 'rooms' | 'public'; products?: Product[]; people?: Person[] } = {}): PosterContent {
	const products = options.products ?? makeProducts(6);
	return posterContent({
		show: makeShow({ hostIds: [1, 2], guestIds: [10], ...overrides }, products),
		people: options.people ?? people(),
		products,
		unitName: '共青团湖北省委',
		qrTarget: options.qrTarget ?? 'rooms',
		publicUrl: PUBLIC_URL
	});
}

const inside = (inner: Box, outer: Box, tol = 1e-6) =>
	inner.x >= outer.x - tol && inner.y >= outer.y - tol && inner.x + inner.w <= outer.x + outer.w + tol && inner.y + inner.h <= outer.y + outer.h + tol;
const overlap = (a: Box, b: Box) => a.x < b.x + b.w - 1e-6 && b.x < a.x + a.w - 1e-6 && a.y < b.y + b.h - 1e-6 && b.y < a.y + a.h - 1e-6;

/** Everything the layout promises: text inside its frame, frames on the page and apart, QR codes big enough. */
function expectSound(layout: PosterLayout) {
	const page = { x: 0, y: 0, w: layout.width, h: layout.height };
	const texts = textBlocks(layout);
	const qrs = layout.elements.filter((e) => e.kind === 'qr');
	for (const t of texts) {
		expect(t.fit.overflow, `${t.role} "${t.fit.lines.join('')}" overflows`).toBe(false);
		expect(t.fit.width, `${t.role} too wide`).toBeLessThanOrEqual(t.frame.w + 1e-6);
		expect(t.fit.height, `${t.role} too tall`).toBeLessThanOrEqual(t.frame.h + 1e-6);
		expect(inside(t.frame, page), `${t.role} off the page`).toBe(true);
	}
	for (let i = 0; i < texts.length; i += 1) {
		for (let j = i + 1; j < texts.length; j += 1) {
			expect(overlap(texts[i].frame, texts[j].frame), `${texts[i].role} overlaps ${texts[j].role}`).toBe(false);
		}
		for (const q of qrs) expect(overlap(texts[i].frame, q.box), `${texts[i].role} overlaps a QR code`).toBe(false);
	}
	for (const q of qrs) {
		expect(inside(q.box, page)).toBe(true);
		if (layout.format === 'a4') expect((q.box.w * q.matrix.size) / qrSpan(q.matrix)).toBeGreaterThanOrEqual(QR_MIN_PRINT_MM - 1e-6);
		for (const other of qrs) if (other !== q) expect(overlap(q.box, other.box)).toBe(false);
	}
}

describe('poster text', () => {
	it('measures ideographs at one em and Latin narrower', () => {
		expect(textWidth('青春为家乡代言', 10)).toBe(70);
		expect(textWidth('abc', 10)).toBeLessThan(30);
		expect(textWidth('abc', 10, { bold: true })).toBeGreaterThan(textWidth('abc', 10));
	});

	it('keeps closing punctuation off a line start and opening punctuation off a line end', () => {
		expect(tokenize('好物，「秒杀」')).toEqual(['好', '物，', '「秒', '杀」']);
		for (let width = 2; width <= 12; width += 1) {
			const lines = wrapLines('青春为家乡代言，「小青优品」公益直播。欢迎来到直播间！', width, 1);
			for (const line of lines) {
				expect(line).not.toMatch(/^[，。」！]/);
				expect(line).not.toMatch(/「$/);
			}
			expect(lines.join('')).toBe('青春为家乡代言，「小青优品」公益直播。欢迎来到直播间！');
		}
	});

	it('keeps a Latin word whole when it fits, and breaks one longer than a line', () => {
		expect(wrapLines('Alexander Hamilton 李晓婷', 5.5, 1)).toEqual(['Alexander', 'Hamilton', '李晓婷']);
		const long = wrapLines('Supercalifragilistic', 3, 1);
		expect(long.length).toBeGreaterThan(1);
		expect(long.join('')).toBe('Supercalifragilistic');
	});

	it('breaks a title at phrase boundaries when it can', () => {
		const title = '「青春为家乡代言·小青优品」示范直播·荆楚好味道';
		expect(wrapLines(title, 15, 1)).toEqual(['「青春为家乡代言·小青优品」示', '范直播·荆楚好味道']);
		expect(wrapLines(title, 15, 1, {}, { phrases: true })).toEqual(['「青春为家乡代言·小青优品」', '示范直播·荆楚好味道']);
		// Not when the boundary would leave the line less than 60 % full.
		expect(wrapLines('青春「为家乡代言小青优品示范直播荆楚好味道」', 15, 1, {}, { phrases: true })[0]).toBe('青春「为家乡代言小青优品示范直');
	});

	it('shrinks before wrapping past maxLines, never drops a character, and evens out a short last line', () => {
		const fit = fitText(TITLE_60, 180, 40, { maxSize: 12, minSize: 7, maxLines: 3, lineHeight: 1.25, phrases: true });
		expect(fit.overflow).toBe(false);
		expect(fit.lines.length).toBeLessThanOrEqual(3);
		expect(fit.lines.join('')).toBe(TITLE_60);
		expect(fit.size).toBeLessThan(12);
		expect(fit.height).toBeLessThanOrEqual(40);
		// No short last line.
		const widths = fit.lines.map((l) => textWidth(l, fit.size));
		expect(Math.min(...widths)).toBeGreaterThan(Math.max(...widths) * 0.4);
		const orphan = fitText('青春为家乡代言小青优品示范直播荆楚好味道啊', 10, 10, { maxSize: 1, minSize: 1, phrases: true });
		expect(orphan.lines.map((l) => [...l].length)).toEqual([7, 7, 7]);
		// A short text keeps the largest size.
		expect(fitText('开播', 50, 20, { maxSize: 10, minSize: 5 }).size).toBe(10);
	});

	it('reports an overflow only when even the floor size cannot fit', () => {
		expect(fitText('一二三四五六七八九十', 4, 1, { maxSize: 4, minSize: 2, floorSize: 1 }).overflow).toBe(true);
	});
});

describe('poster content', () => {
	it('lists hosts then guests with the 扶贫大使 title, skipping unknown ids and a host listed twice', () => {
		const list = showPeople({ hostIds: [1, 2, 99], guestIds: [2, 10] }, people());
		expect(list).toEqual([
			{ name: '李晓婷', role: 'host', ambassador: false },
			{ name: '周子航', role: 'host', ambassador: true },
			{ name: '欧阳娜娜娜', role: 'guest', ambassador: true }
		]);
	});

	it('takes at most six products in run-sheet order with the slot price and the flash-sale price', () => {
		const products = makeProducts(8);
		const show = makeShow({}, products);
		const slot = show.segments.find((s) => s.productId === products[1].id)!;
		slot.livePriceFen = 1234;
		show.segments.push(makeSegment({ id: 'flash', kind: 'flash_sale', productId: products[1].id, flashSale: { priceFen: 999, quantity: 100, windowSec: 60, offsetSec: 0, rules: '' } }));
		const c = posterContent({ show, people: [], products, unitName: 'x', qrTarget: 'rooms', publicUrl: PUBLIC_URL });
		expect(c.products).toHaveLength(MAX_POSTER_PRODUCTS);
		expect(c.products.map((p) => p.name)).toEqual(products.slice(0, 6).map((p) => p.name));
		expect(c.products[1]).toMatchObject({ livePriceFen: 1234, flashPriceFen: 999, dailyPriceFen: products[1].dailyPriceFen });
		expect(c.products[0].flashPriceFen).toBeNull();
	});

	it('labels one QR code per live room, or one for the public page', () => {
		const platforms = [
			{ platform: 'douyin' as const, roomUrl: 'https://live.douyin.com/qingchunhubei', accountName: '青春湖北', followers: 1, provincial: true },
			{ platform: 'kuaishou' as const, roomUrl: 'https://live.kuaishou.com/u/qingchunhubei', accountName: '青春湖北', followers: 1, provincial: true }
		];
		expect(content({ platforms }).qrs).toEqual([
			{ url: 'https://live.douyin.com/qingchunhubei', label: '抖音直播间', sublabel: '@青春湖北' },
			{ url: 'https://live.kuaishou.com/u/qingchunhubei', label: '快手直播间', sublabel: '@青春湖北' }
		]);
		expect(content({ platforms }, { qrTarget: 'public' }).qrs).toEqual([{ url: PUBLIC_URL, label: '扫码看直播', sublabel: '抖音·快手' }]);
	});

	it('writes the date as Chinese posters do, in Asia/Shanghai, and names the organiser', () => {
		const c = content();
		expect(c.dateText).toBe('12月12日（周六）19:00');
		expect(c.dateParts).toEqual({ monthDay: '12月12日', weekday: '周六', time: '19:00' });
		expect(organiserName('hubei')).toBe('共青团湖北省委');
		expect(organiserName('wuhan')).toBe('共青团武汉市委');
	});
});

describe('poster deadline', () => {
	it('is due three days before the start, due soon within two days, then overdue', () => {
		const show = { startsAt: START, posterPublishedAt: null };
		const due = START - 3 * DAY;
		expect(posterDeadline(show, due - 5 * DAY)).toEqual({ dueAt: due, state: 'open', msLeft: 5 * DAY });
		expect(posterDeadline(show, due - DAY).state).toBe('due_soon');
		expect(posterDeadline(show, due + 1).state).toBe('overdue');
		expect(posterDeadline({ startsAt: START, posterPublishedAt: due }, due + DAY).state).toBe('published');
		expect(posterDeadline({ startsAt: START, posterPublishedAt: due + 1 }, due + DAY).state).toBe('published_late');
	});

	it('agrees with the POSTER_LATE rule check', () => {
		const products = makeProducts(5);
		const base = { products, now: START - 10 * DAY, locale: 'zh-CN' as const };
		const late = (posterPublishedAt: number | null, now = base.now) =>
			checkShow({ ...base, now, show: makeShow({ posterPublishedAt }, products) }).some((f) => f.code === 'POSTER_LATE');
		expect(late(START - 3 * DAY)).toBe(false);
		expect(late(START - 3 * DAY + 1)).toBe(true);
		expect(late(null)).toBe(false);
		expect(late(null, START - 2 * DAY)).toBe(true);
	});
});

describe('poster layout', () => {
	const scenarios: [string, () => PosterContent][] = [
		['a demo-like show', () => content()],
		['a 60-character title and six guests, all 扶贫大使', () => content({ title: TITLE_60, guestIds: [10, 11, 12, 13, 14, 15] })],
		['eight platforms', () => content({ title: TITLE_60, guestIds: [10, 11, 12, 13, 14, 15], platforms: PLATFORMS_8 })],
		['no people and one product', () => content({ hostIds: [], guestIds: [] }, { products: makeProducts(1) })],
		[
			'twenty guests with 50-character names and long product names',
			() =>
				content(
					{ title: TITLE_60, guestIds: Array.from({ length: 20 }, (_, i) => 100 + i) },
					{
						people: [...people(), ...Array.from({ length: 20 }, (_, i) => makePerson({ id: 100 + i, name: `${'欧阳'.repeat(12)}${i}号嘉宾`.slice(0, 50), ambassador: 'awarded' }))],
						products: makeProducts(6).map((p) => ({ ...p, name: `${p.name}（湖北扶贫产品目录·荆楚优品·中国特优区）礼盒装特惠组合`, spec: '250克×4袋/箱，附赠手提袋' }))
					}
				)
		]
	];

	for (const [name, make] of scenarios) {
		for (const design of POSTER_DESIGNS) {
			for (const format of POSTER_FORMATS) {
				it(`${design} ${format}: ${name} fits without clipping or overlap`, () => {
					const c = make();
					const layout = posterLayout(c, design, format);
					expectSound(layout);
					expect(layout.elements.filter((e) => e.kind === 'qr').map((e) => (e.kind === 'qr' ? e.url : ''))).toEqual(c.qrs.map((q) => q.url));
					// Every character of the title and of each name is on the poster.
					const all = textBlocks(layout).map((t) => t.fit.lines.join(''));
					expect(all).toContain(c.title);
					for (const p of c.people) expect(all).toContain(p.name);
					// Products give way from the end when room runs out (eight QR codes or twenty guests
					// come first), never from the middle; a poster of an ordinary show has all of them.
					const shown = c.products.filter((p) => all.includes(p.name));
					expect(shown).toEqual(c.products.slice(0, shown.length));
					if (!/eight platforms|twenty guests/.test(name)) expect(shown).toHaveLength(c.products.length);
				});
			}
		}
	}

	it('sizes A4 pages in millimetres and the phone image at 1080 × 1920', () => {
		const a4 = posterLayout(content(), 'festive', 'a4');
		expect([a4.width, a4.height, a4.outerWidth, a4.outerHeight]).toEqual([210, 297, '210mm', '297mm']);
		const phone = posterLayout(content(), 'fresh', 'phone');
		expect(phone.width / phone.height).toBeCloseTo(1080 / 1920, 6);
		expect([phone.outerWidth, phone.outerHeight]).toEqual(['1080', '1920']);
	});
});

describe('poster SVG', () => {
	it('escapes text, labels each QR code with its URL, and keeps ids apart', () => {
		const svg = renderPoster(content({ title: '<script>alert(1)</script> & 「测试」' }), 'fresh', 'a4', { idPrefix: 'p1' });
		expect(svg).not.toContain('<script>');
		expect(svg).toContain('&lt;script&gt;');
		expect(svg).toContain('&amp;');
		expect(svg.match(/data-qr="/g)).toHaveLength(1);
		expect(svg).toContain('data-qr="https://live.douyin.com/1"');
		expect(svg).toContain('id="p1-band"');
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
	});

	it('draws QR codes that decode to their URL, with error correction M and a 4-module quiet zone', () => {
		const url = 'https://live.kuaishou.com/u/qingchunhubei';
		const m = qrMatrix(url);
		expect(m.level).toBe('M');
		expect(QR_QUIET_ZONE).toBe(4);
		// Rasterise the path data (runs of dark modules) at 4 px per module with the quiet zone.
		const scale = 4;
		const span = qrSpan(m) * scale;
		const rgba = new Uint8ClampedArray(span * span * 4).fill(255);
		for (const [, x, y, w] of qrPathData(m).matchAll(/M(\d+) (\d+)h(\d+)/g)) {
			for (let r = 0; r < scale; r += 1) {
				for (let c = 0; c < Number(w) * scale; c += 1) {
					const px = (Number(x) + QR_QUIET_ZONE) * scale + c;
					const py = (Number(y) + QR_QUIET_ZONE) * scale + r;
					rgba.fill(0, (py * span + px) * 4, (py * span + px) * 4 + 3);
				}
			}
		}
		expect(jsQR(rgba, span, span)?.data).toBe(url);
	});
});

describe('show schema: what a poster prints', () => {
	const platform = { platform: 'douyin', roomUrl: 'https://live.douyin.com/1', accountName: '青春湖北', followers: 1000 };

	it('refuses a live-room URL that is not http(s)', () => {
		for (const roomUrl of ['javascript:alert(1)', 'ftp://live.example/1', 'data:text/html,hi', 'live.douyin.com/1', '']) {
			const result = showPlatform.safeParse({ ...platform, roomUrl });
			expect(result.success, roomUrl).toBe(false);
			expect(result.error?.issues[0].path).toEqual(['roomUrl']);
		}
		expect(showPlatform.safeParse(platform).success).toBe(true);
	});

	it('refuses an unknown platform', () => {
		const result = showInput.shape.platforms.safeParse([{ ...platform, platform: 'tiktok' }]);
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]).toMatchObject({ code: 'invalid_value', path: [0, 'platform'] });
	});
});

const PLATFORMS_8: Show['platforms'] = (['douyin', 'kuaishou', 'taobao', 'douyu', 'bilibili', 'weixin', 'weibo', 'jd'] as const).map((platform, i) => ({
	platform,
	roomUrl: `https://live.example.com/${platform}/room/${1000 + i}?from=poster&campaign=qingchun`,
	accountName: `青春湖北${i}`,
	followers: 300_000,
	provincial: false
}));

describe('public countdown', () => {
	const show = { status: 'reported' as const, startsAt: START, endsAt: START + 120 * 60_000, warmupMs: 15 * 60_000 };

	it('counts down, opens the warm-up 15 minutes early, goes live at the start and ends at the planned end', () => {
		expect(publicPhase(show, START - 16 * 60_000)).toBe('upcoming');
		expect(publicPhase(show, START - 15 * 60_000)).toBe('warmup');
		expect(publicPhase(show, START)).toBe('live');
		expect(publicPhase(show, START + 120 * 60_000)).toBe('ended');
		expect(publicPhase({ ...show, status: 'live' }, START - 60 * 60_000)).toBe('live');
		expect(publicPhase({ ...show, status: 'ended' }, START - 60_000)).toBe('ended');
	});

	it('splits the time left, rounding up to the second', () => {
		expect(splitCountdown(DAY + 2 * 3600_000 + 3 * 60_000 + 4_500)).toEqual({ d: 1, h: 2, m: 3, s: 5 });
		expect(splitCountdown(-5)).toEqual({ d: 0, h: 0, m: 0, s: 0 });
	});
});
