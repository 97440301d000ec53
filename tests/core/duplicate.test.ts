import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/lib/core/checks';
import { copyTitle, duplicateShow, suggestCopyStart } from '../../src/lib/core/duplicate';
import { runSheetInput, showInput, SHOW_TITLE_MAX, type Segment } from '../../src/lib/core/model';
import { DAY, makeIds, makeShow, START } from './factories';

/** A segment without its own ids, to compare a copy with its original. */
const withoutIds = (s: Segment) => ({ ...s, id: '', cues: s.cues.map((c) => ({ ...c, id: '' })) });

describe('copyTitle', () => {
	it('adds the copy suffix in the user’s language', () => {
		expect(copyTitle('荆楚好味道', 'zh-CN')).toBe('荆楚好味道（副本）');
		expect(copyTitle('  荆楚好味道 ', 'en')).toBe('荆楚好味道 (copy)');
	});

	it('clips the title, never the suffix, so the whole fits the title limit', () => {
		const long = '青'.repeat(SHOW_TITLE_MAX);
		const title = copyTitle(long, 'zh-CN');
		expect(title).toHaveLength(SHOW_TITLE_MAX);
		expect(title.endsWith('（副本）')).toBe(true);
		// A character outside the BMP is kept whole or dropped whole.
		const emoji = copyTitle('🍊'.repeat(30), 'en');
		expect(emoji.length).toBeLessThanOrEqual(SHOW_TITLE_MAX);
		expect(emoji).toBe(`${'🍊'.repeat(26)} (copy)`);
	});
});

describe('suggestCopyStart', () => {
	it('keeps the weekday and time of day, at least a week later and with time left to report', () => {
		expect(suggestCopyStart(START, START - 30 * DAY, RULES.leadMs)).toBe(START + 7 * DAY);
		// The original is long past: the first same weekday more than 3 days from now.
		const now = START + 40 * DAY;
		const next = suggestCopyStart(START, now, RULES.leadMs);
		expect((next - START) % (7 * DAY)).toBe(0);
		expect(next).toBeGreaterThan(now + RULES.leadMs);
		expect(next - 7 * DAY).toBeLessThanOrEqual(now + RULES.leadMs);
	});
});

describe('duplicateShow', () => {
	it('copies every planning field and the run-sheet, with new segment and cue ids, the new start and title', () => {
		const original = makeShow({
			guestIds: [4],
			commission: { charged: false, listingFee: false, note: '无' },
			platforms: [
				{ platform: 'douyin', roomUrl: 'https://live.douyin.com/1', accountName: '青春湖北', followers: 50_000, provincial: true },
				{ platform: 'kuaishou', roomUrl: 'https://live.kuaishou.com/u/2', accountName: '恩施好物', followers: 300_000, provincial: false }
			]
		});
		original.segments[3] = { ...original.segments[3], linkNumbers: { douyin: 3, kuaishou: 5 }, flashSale: { priceFen: 990, quantity: 100, windowSec: 60, offsetSec: 300, rules: '每人限购1件' }, notes: '备货' };
		const { plan, segments } = duplicateShow(original, { startsAt: START + 7 * DAY, title: '副本' }, makeIds('n'));

		const { id: _id, slug: _slug, status: _status, version: _version, segments: _segments, productIds: _products, reportedAt: _ra, reportedBy: _rb, approvedAt: _aa, approvedBy: _ab, amendment: _am, posterPublishedAt: _p, createdAt: _c, updatedAt: _u, ...fields } = original;
		expect(plan).toEqual({ ...fields, startsAt: START + 7 * DAY, title: '副本' });
		expect(showInput.safeParse({ ...plan, productIds: [] }).success).toBe(true);

		expect(segments.map(withoutIds)).toEqual(original.segments.map(withoutIds));
		const oldIds = new Set(original.segments.flatMap((s) => [s.id, ...s.cues.map((c) => c.id)]));
		const newIds = segments.flatMap((s) => [s.id, ...s.cues.map((c) => c.id)]);
		expect(newIds.filter((id) => oldIds.has(id))).toEqual([]);
		expect(runSheetInput.safeParse(segments).success).toBe(true);
	});

	it('shares nothing with the original', () => {
		const original = makeShow();
		const { plan, segments } = duplicateShow(original, { startsAt: START, title: 'x' }, makeIds('n'));
		plan.platforms[0].followers = 1;
		plan.hostIds.push(99);
		plan.commission.note = '改';
		segments[3].linkNumbers.douyin = 9;
		segments[3].speakers.push('某人');
		expect(original.platforms[0].followers).toBe(50_000);
		expect(original.hostIds).toEqual([1]);
		expect(original.commission.note).toBe('');
		expect(original.segments[3].linkNumbers).toEqual({});
		expect(original.segments[3].speakers).toEqual([]);
	});
});
