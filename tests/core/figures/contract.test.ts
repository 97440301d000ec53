import { describe, expect, it } from 'vitest';
import { figureAddInput, figureCorrectInput, readFigureCheckpoint, readFigureSettings } from '../../../src/lib/contract/figures';
import { readFigureAck, readFigureSettingsAck } from '../../../src/lib/contract/figures-live';
import { readWallUpdate } from '../../../src/lib/contract/wall';
import { START } from '../factories';

const checkpoint = {
	id: 1,
	showId: 2,
	runId: 3,
	platform: 'douyin',
	at: START,
	segmentId: 's1',
	source: 'manual',
	figures: { viewers: 1234, gmvFen: 1_234_550 },
	version: 1,
	createdBy: 'recorder:tablet',
	updatedAt: START,
	updatedBy: 'recorder:tablet',
	deleted: false
};

describe('the figures wire', () => {
	it('reads a checkpoint and refuses empty, negative, fractional, oversized or unknown figures', () => {
		expect(readFigureCheckpoint(checkpoint)).toEqual(checkpoint);
		for (const figures of [{}, { viewers: -1 }, { orders: 1.5 }, { viewers: 100_000_001 }, { viewers: 1, fans: 2 }]) {
			expect(readFigureCheckpoint({ ...checkpoint, figures })).toBeNull();
		}
		expect(readFigureCheckpoint({ ...checkpoint, platform: 'myspace' })).toBeNull();
	});

	it('takes figures or a line to add, never both, and whole figures to correct', () => {
		expect(figureAddInput.safeParse({ platform: 'kuaishou', figures: { likes: 3 } }).success).toBe(true);
		expect(figureAddInput.safeParse({ platform: 'kuaishou', line: ' 在线 1234 ' }).data).toEqual({ platform: 'kuaishou', line: '在线 1234' });
		expect(figureAddInput.safeParse({ platform: 'kuaishou', line: '   ' }).success).toBe(false);
		expect(figureAddInput.safeParse({ platform: 'kuaishou', line: '1', figures: { likes: 3 } }).success).toBe(false);
		expect(figureCorrectInput.safeParse({ id: 4, figures: { viewers: 10 }, expectedVersion: 2 }).success).toBe(true);
		expect(figureCorrectInput.safeParse({ id: 4, figures: {} }).success).toBe(false);
	});

	it('fills the settings defaults and refuses reminders outside 1…60 minutes', () => {
		expect(readFigureSettings(undefined)).toEqual({ reminderMin: 5, showToHost: null });
		expect(readFigureSettings({ reminderMin: 10, showToHost: { platform: 'douyin', metric: 'viewers' } })).toEqual({ reminderMin: 10, showToHost: { platform: 'douyin', metric: 'viewers' } });
		expect(readFigureSettings({ reminderMin: 0 })).toEqual({ reminderMin: 5, showToHost: null });
		expect(readFigureSettings({ reminderMin: 61 }).reminderMin).toBe(5);
	});

	it('reads a wall push', () => {
		const show = {
			showId: 1,
			unitCode: 'enshi',
			title: '恩施专场',
			startsAt: START,
			status: 'live',
			mode: 'live',
			startedAt: START,
			segment: { id: 's1', title: '预热', kind: 'warmup', startedAt: START, remainingMs: -500 },
			driftMs: null,
			hostScreens: 0,
			hostLeftAt: null,
			latestAlert: { kind: 'host_offline', at: START },
			latestFigures: { platform: 'douyin', at: START, figures: { viewers: 5 } }
		};
		expect(readWallUpdate({ shows: [show], serverNow: START })).toEqual({ shows: [show], serverNow: START });
		expect(readWallUpdate({ shows: [{ ...show, hostScreens: -1 }], serverNow: START })).toBeNull();
	});
});

describe('the answers to figure writes, as a screen reads them', () => {
	it('passes a committed checkpoint and a refusal with its span, and turns anything else into an INTERNAL refusal', () => {
		expect(readFigureAck({ ok: true, checkpoint })).toEqual({ ok: true, checkpoint: readFigureCheckpoint(checkpoint) });
		const refusal = { ok: false, code: 'FIGURE_BAD_NUMBER', message: 'Not a number', start: 3, end: 6 };
		expect(readFigureAck(refusal)).toEqual(refusal);
		for (const garbage of [null, 'ok', { ok: true }, { ok: true, checkpoint: { ...checkpoint, figures: { viewers: -1 } } }, { ok: false, code: 'NOPE', message: 'x' }]) {
			expect(readFigureAck(garbage)).toMatchObject({ ok: false, code: 'INTERNAL' });
		}
		expect(readFigureSettingsAck({ ok: true, settings: { reminderMin: 5, showToHost: null } })).toEqual({ ok: true, settings: { reminderMin: 5, showToHost: null } });
		expect(readFigureSettingsAck({ ok: true, settings: { reminderMin: 0 } })).toMatchObject({ ok: false, code: 'INTERNAL' });
	});
});
