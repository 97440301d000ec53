/**
 * The run-sheet editor's state, without a browser: what the coordinator sees change as they edit,
 * and the save that never overwrites another editor's work. The API is a stubbed fetch.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ShowResponse } from '../../src/lib/contract/shows';
import { RunSheetEditor } from '../../src/lib/state/runsheet-editor.svelte';
import { i18n } from '../../src/lib/i18n';
import { DAY, makeIds, makePerson, makeProduct, makeProducts, makeShow, START } from './factories';

const NOW = START - 10 * DAY;
const products = makeProducts(6);
const people = [makePerson({ id: 1, name: '李青' }), makePerson({ id: 2, name: '王华' }), makePerson({ id: 3, name: '张敏', ambassador: 'awarded' })].map((p) => ({ ...p, archivedAt: null }));

function editor(show: ShowResponse = makeShow({ reportedAt: null, posterPublishedAt: null }, products.slice(0, 5)), extra = products) {
	return new RunSheetEditor(show, { products: extra, people, locale: () => 'zh-CN', now: () => NOW, newId: makeIds('n') });
}
const codes = (e: RunSheetEditor) => e.findings.map((f) => f.code);

beforeEach(() => {
	i18n.locale = 'zh-CN';
});
afterEach(() => vi.unstubAllGlobals());

describe('what updates as the coordinator types', () => {
	it('planned times of day and the totals follow durations and the start', () => {
		const e = editor();
		const opening = e.draft.segments[1];
		expect(e.schedule[1].startAt).toBe(START);
		expect(e.totals).toMatchObject({ broadcastSec: 120 * 60, warmupSec: 15 * 60, diffSec: 0 });
		opening.durationSec += 120;
		expect(e.schedule[2].startAt).toBe(START + 7 * 60_000);
		expect(e.totals.diffSec).toBe(120);
		e.draft.startsAt += 30 * 60_000;
		expect(e.schedule[0].startAt).toBe(START + 15 * 60_000);
		expect(e.dirty).toBe(true);
		e.discard();
		expect(e.dirty).toBe(false);
		expect(e.totals.diffSec).toBe(0);
	});

	it('the findings are the core checks on the draft: 89 → error, 90 → fine', () => {
		const e = editor();
		expect(e.findings).toEqual([]);
		e.draft.plannedDurationMin = 89;
		expect(codes(e)).toContain('DURATION_OUT_OF_RANGE');
		expect(e.errorCount).toBeGreaterThan(0);
		expect(e.canReport).toBe(false);
		e.draft.plannedDurationMin = 90;
		expect(codes(e)).not.toContain('DURATION_OUT_OF_RANGE');
	});

	it('a 白酒 product is an error on its segment; an Advertising-Law word a warning with its place in the script', () => {
		const baijiu = makeProduct({ id: 40, name: '稻花香白酒', category: 'other' });
		const e = editor(undefined, [...products, baijiu]);
		const slot = e.addProductSlot(40);
		expect(e.findingsFor(slot).map((f) => f.code)).toContain('TOBACCO_ALCOHOL');
		e.remove(slot);
		expect(codes(e)).not.toContain('TOBACCO_ALCOHOL');

		const segment = e.draft.segments[2];
		segment.script = '这款茶全网最低价！';
		expect(e.findingsFor(segment.id)).toContainEqual(expect.objectContaining({ code: 'AD_LAW_WORD', severity: 'warning', field: 'script', word: '全网最低价', index: 3, length: 5 }));
	});

	it('schema issues are keyed by segment, and stay on their segment when the sheet is reordered', () => {
		const e = editor();
		const target = e.draft.segments[3];
		target.durationSec = 0;
		target.livePriceFen = -100;
		expect(e.issue(`seg:${target.id}.durationSec`)?.code).toBe('too_small');
		expect(e.issue(`seg:${target.id}.livePriceFen`)?.code).toBe('too_small');
		expect(e.canSave).toBe(false);
		e.moveBy(target.id, -1);
		expect(e.issue(`seg:${target.id}.durationSec`)?.code).toBe('too_small');
		e.draft.platforms[0].roomUrl = 'live.douyin.com';
		expect(e.issue('platforms.0.roomUrl')?.code).toBe('invalid_format');
	});

	it('an unreadable input blocks saving until it is fixed', () => {
		const e = editor();
		e.draft.title = '改';
		expect(e.canSave).toBe(true);
		e.setUnreadable('seg:x.livePriceFen', true);
		expect(e.canSave).toBe(false);
		expect(e.hasIssuesUnder('seg:x')).toBe(true);
		e.setUnreadable('seg:x.livePriceFen', false);
		expect(e.canSave).toBe(true);
	});
});

describe('run-sheet edits', () => {
	it('moves by keyboard one place at a time, announcing the new position, and stops at the ends', () => {
		const e = editor();
		const [first, second] = e.draft.segments;
		expect(e.moveBy(second.id, -1)).toBe(true);
		expect(e.draft.segments.slice(0, 2).map((s) => s.id)).toEqual([second.id, first.id]);
		expect(e.announcement).toBe(`「${second.title}」已移到第 1 段，共 ${e.draft.segments.length} 段`);
		expect(e.moveBy(second.id, -1)).toBe(false);
		expect(e.announcement).toBe('已经是第一段');
		const last = e.draft.segments.at(-1)!;
		expect(e.moveBy(last.id, 1)).toBe(false);
		i18n.locale = 'en';
		e.move(0, 3);
		expect(e.announcement).toBe(`“${second.title}” moved to position 4 of ${e.draft.segments.length}`);
		expect(e.draft.segments[3].id).toBe(second.id);
	});

	it('adds segments before the closing, product slots from the library, and duplicates with new ids', () => {
		const e = editor();
		const count = e.draft.segments.length;
		const id = e.addSegment('interaction');
		expect(e.draft.segments).toHaveLength(count + 1);
		expect(e.draft.segments.at(-2)?.id).toBe(id);
		expect(e.draft.segments.at(-1)?.kind).toBe('closing');
		expect(e.expanded.has(id)).toBe(true);

		const slotId = e.addProductSlot(6, e.draft.segments[1].id);
		const slot = e.draft.segments.find((s) => s.id === slotId)!;
		expect(e.draft.segments[2].id).toBe(slot.id);
		expect(slot).toMatchObject({ kind: 'product', productId: 6, livePriceFen: products[5].livePriceFen, speakers: ['李青'] });
		expect(slot.durationSec).toBe(12 * 60);

		const copyId = e.duplicate(slot.id)!;
		const copy = e.draft.segments[3];
		expect(copy.id).toBe(copyId);
		expect(copy.cues.map((c) => c.text)).toEqual(slot.cues.map((c) => c.text));
		expect(copy.cues.map((c) => c.id).some((id) => slot.cues.some((c) => c.id === id))).toBe(false);
		copy.cues[0].text = '只改副本';
		expect(slot.cues[0].text).not.toBe('只改副本');
	});

	it('a new product carries its price, coupon and stock unless the coordinator changed them', () => {
		const e = editor();
		const segment = e.draft.segments.find((s) => s.productId === 1)!;
		e.setProduct(segment.id, 2);
		expect(segment).toMatchObject({ productId: 2, livePriceFen: products[1].livePriceFen, title: `产品讲解｜${products[1].name}` });
		segment.livePriceFen = 1234;
		e.setProduct(segment.id, 3);
		expect(segment.livePriceFen).toBe(1234);
		e.setProduct(segment.id, null);
		expect(segment.productId).toBeNull();
	});

	it('flash sale terms, cues and speakers', () => {
		const e = editor();
		const segment = e.draft.segments[2];
		e.setFlashSale(segment.id, true);
		expect(segment.flashSale).toMatchObject({ priceFen: segment.livePriceFen, windowSec: 120, offsetSec: 60 });
		e.setFlashSale(segment.id, false);
		expect(segment.flashSale).toBeNull();

		const before = segment.cues.length;
		const cueId = e.addCue(segment.id)!;
		const cue = segment.cues.find((c) => c.id === cueId)!;
		expect(cue.offsetSec).toBe(Math.max(...segment.cues.slice(0, before).map((c) => c.offsetSec)) + 60);
		cue.offsetSec = 1;
		e.sortCues(segment.id);
		expect(segment.cues.map((c) => c.offsetSec)).toEqual([...segment.cues.map((c) => c.offsetSec)].sort((a, b) => a - b));
		expect(segment.cues[1].id).toBe(cueId);
		e.removeCue(segment.id, cueId);
		expect(segment.cues).toHaveLength(before);

		e.toggleSpeaker(segment.id, '王华');
		expect(segment.speakers).toContain('王华');
		e.toggleSpeaker(segment.id, '王华');
		expect(segment.speakers).not.toContain('王华');
	});

	it('casts a person as host or guest, never both', () => {
		const e = editor();
		e.toggleCast('guestIds', 1);
		expect(e.draft).toMatchObject({ hostIds: [], guestIds: [1] });
		expect(codes(e)).toContain('HOST_COUNT');
		e.toggleCast('hostIds', 1);
		expect(e.draft).toMatchObject({ hostIds: [1], guestIds: [] });
		expect(e.cast.map((p) => p.name)).toEqual(['李青']);
	});

	it('removing a platform drops its link numbers', () => {
		const e = editor();
		e.addPlatform();
		expect(e.draft.platforms.map((p) => p.platform)).toEqual(['douyin', 'kuaishou']);
		e.draft.segments[2].linkNumbers = { douyin: 1, kuaishou: 1 };
		e.removePlatform(1);
		expect(e.draft.segments[2].linkNumbers).toEqual({ douyin: 1 });
	});
});

describe('saving', () => {
	function respond(status: number, body: unknown) {
		const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
		vi.stubGlobal('fetch', fetch);
		return fetch;
	}

	it('sends the whole draft with the version it was loaded at, then takes the saved show', async () => {
		const e = editor();
		e.draft.title = '新标题';
		const fetch = respond(200, { ...e.saved, title: '新标题', version: 2 });
		expect(await e.save()).toBe(true);
		const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
		expect(url).toBe('/api/shows/1');
		expect(init.method).toBe('PATCH');
		const body = JSON.parse(String(init.body));
		expect(body).toMatchObject({ title: '新标题', expectedVersion: 1 });
		expect(body.segments).toHaveLength(e.draft.segments.length);
		expect(body).not.toHaveProperty('productIds');
		expect(e.version).toBe(2);
		expect(e.dirty).toBe(false);
		expect(e.announcement).toBe('已保存（第 2 版）');
	});

	it('a stale save is a conflict: nothing is taken, saving stops until the latest version is loaded', async () => {
		const e = editor();
		e.draft.title = '我的修改';
		respond(409, { error: { code: 'STALE_VERSION', message: 'stale' } });
		expect(await e.save()).toBe(false);
		expect(e.conflict).toBe(true);
		expect(e.canSave).toBe(false);
		expect(e.draft.title).toBe('我的修改');
		respond(200, { ...e.saved, title: '别人的修改', version: 3 });
		await e.reload();
		expect(e).toMatchObject({ conflict: false, version: 3 });
		expect(e.draft.title).toBe('别人的修改');
	});

	it('server field issues land on their segment and clear once the field changes', async () => {
		const e = editor();
		const segment = e.draft.segments[4];
		segment.productId = 99;
		respond(400, { error: { code: 'VALIDATION', message: 'bad', fields: [{ path: 'segments.4.productId', code: 'unknown_product', message: 'No product #99' }] } });
		expect(await e.save()).toBe(false);
		expect(e.issue(`seg:${segment.id}.productId`)?.code).toBe('unknown_product');
		e.move(4, 0);
		expect(e.issue(`seg:${segment.id}.productId`)?.code).toBe('unknown_product');
		segment.productId = 2;
		expect(e.issue(`seg:${segment.id}.productId`)).toBeUndefined();
	});

	it('reporting saves unsaved edits first', async () => {
		const e = editor();
		e.draft.location = '恩施';
		const fetch = vi.fn(async (url: string) => {
			const saved = url.endsWith('/report') ? { ...e.saved, status: 'reported', version: 3 } : { ...e.saved, location: '恩施', version: 2 };
			return new Response(JSON.stringify(saved), { status: 200, headers: { 'content-type': 'application/json' } });
		});
		vi.stubGlobal('fetch', fetch);
		expect(await e.report()).toBe(true);
		expect(fetch.mock.calls.map((c) => c[0])).toEqual(['/api/shows/1', '/api/shows/1/report']);
		expect(e.saved.status).toBe('reported');
	});
});
