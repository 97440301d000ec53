/**
 * The live screens' own rules, pure: the producer's keys, countdown text, the time, stock and
 * message inputs, cue countdowns, the run-sheet's planned vs actual rows, alert tones, the host's
 * product card and text fitting.
 */
import { describe, expect, it } from 'vitest';
import { applyCommand, flashSaleOpen, initialLiveState, liveTiming, type LiveCommand, type LiveState } from '../../src/lib/core/live';
import { MAX_STOCK, segmentInput } from '../../src/lib/core/model';
import {
	alertForHosts,
	alertTone,
	checkMessage,
	chimeNotes,
	countdownShowsDate,
	cueRows,
	fitFontSize,
	formatCountdown,
	formatSigned,
	hostCueRows,
	hostProductView,
	decideConsoleKey,
	focusKind,
	isTypingTarget,
	linkNumbers,
	liveRunSheetRows,
	MESSAGE_PRESETS,
	parseAdjustment,
	parseStockInput,
	PRODUCER_KEYS,
	presetNumber,
	producerKeyAction,
	resolveAdvance,
	scheduleStanding,
	showPlatforms,
	slotStock,
	splitSellingPoints,
	unacknowledged
} from '../../src/lib/core/screens';
import { ALERT_KINDS } from '../../src/lib/core/live';
import { catalog, i18n } from '../../src/lib/i18n';
import { readyLabel } from '../../src/lib/state/live-labels';
import { makeSheet, MIN, SEC, STARTS_AT, WARMUP_AT } from './live/factories';

describe('the producer keys', () => {
	it('maps space, P, arrows and ± to the console actions, on key and on physical code', () => {
		expect(producerKeyAction({ key: ' ' })).toBe('advance');
		expect(producerKeyAction({ key: 'p' })).toBe('toggle-pause');
		expect(producerKeyAction({ key: 'P' })).toBe('toggle-pause');
		expect(producerKeyAction({ key: 'ArrowLeft' })).toBe('previous');
		expect(producerKeyAction({ key: 'ArrowRight' })).toBe('next');
		expect(producerKeyAction({ key: '+' })).toBe('add-minute');
		expect(producerKeyAction({ key: '=' })).toBe('add-minute');
		expect(producerKeyAction({ key: '-' })).toBe('take-minute');
		expect(producerKeyAction({ key: 'Subtract', code: 'NumpadSubtract' })).toBe('take-minute');
		// A Chinese input method reports 'Process': the physical key decides.
		expect(producerKeyAction({ key: 'Process', code: 'KeyP' })).toBe('toggle-pause');
		expect(producerKeyAction({ key: 'Process', code: 'Space' })).toBe('advance');
		expect(producerKeyAction({ key: 'x', code: 'KeyX' })).toBeNull();
		expect(producerKeyAction({ key: 'Enter' })).toBeNull();
	});

	it('has a key for jump, flash sale, stock ±, the message box, each preset and the key overlay', () => {
		expect(producerKeyAction({ key: 'j' })).toBe('jump');
		expect(producerKeyAction({ key: 'F' })).toBe('flash-sale');
		expect(producerKeyAction({ key: 'Process', code: 'KeyF' })).toBe('flash-sale');
		expect(producerKeyAction({ key: 'ArrowUp' })).toBe('stock-up');
		expect(producerKeyAction({ key: 'ArrowDown' })).toBe('stock-down');
		expect(producerKeyAction({ key: 'm' })).toBe('focus-message');
		expect(producerKeyAction({ key: '?', shiftKey: true, code: 'Slash' })).toBe('help');
		expect(producerKeyAction({ key: 'Process', shiftKey: true, code: 'Slash' })).toBe('help');
		expect(producerKeyAction({ key: '3' })).toBe('send-preset');
		expect(presetNumber({ key: '3' })).toBe(3);
		expect(presetNumber({ key: 'Process', code: 'Numpad2' })).toBe(2);
		expect(presetNumber({ key: '0' })).toBeNull();
		expect(producerKeyAction({ key: '0' })).toBeNull();
	});

	it('one rule per key: Esc returns to the console, a field keeps its keys, a focused control keeps Space and Enter', () => {
		const on = (focus: 'text' | 'control' | 'console', extra: { dialog?: boolean; help?: boolean } = {}) => ({ focus, ...extra });
		expect(decideConsoleKey({ key: 'Escape' }, on('text'))).toEqual({ kind: 'escape' });
		expect(decideConsoleKey({ key: 'Escape' }, on('console', { dialog: true }))).toEqual({ kind: 'escape' });
		expect(decideConsoleKey({ key: ' ' }, on('text'))).toEqual({ kind: 'pass' });
		expect(decideConsoleKey({ key: 'ArrowRight' }, on('text'))).toEqual({ kind: 'pass' });
		// A focused preset button: space sends that preset, it does not move the show on.
		expect(decideConsoleKey({ key: ' ', code: 'Space' }, on('control'))).toEqual({ kind: 'pass' });
		expect(decideConsoleKey({ key: 'Enter' }, on('control'))).toEqual({ kind: 'pass' });
		// Other console keys still work from a focused button.
		expect(decideConsoleKey({ key: 'ArrowRight' }, on('control'))).toEqual({ kind: 'action', action: 'next' });
		expect(decideConsoleKey({ key: ' ' }, on('console'))).toEqual({ kind: 'action', action: 'advance' });
		expect(decideConsoleKey({ key: '2' }, on('console'))).toEqual({ kind: 'action', action: 'send-preset', preset: 2 });
		// A question open: its buttons take the keys; the overlay closes with ? as well as Esc.
		expect(decideConsoleKey({ key: 'ArrowRight' }, on('console', { dialog: true }))).toEqual({ kind: 'pass' });
		expect(decideConsoleKey({ key: 'p' }, on('control', { help: true }))).toEqual({ kind: 'pass' });
		expect(decideConsoleKey({ key: '?' }, on('control', { help: true }))).toEqual({ kind: 'action', action: 'help' });
	});

	it('tells text fields, controls and the console apart', () => {
		expect(focusKind({ tagName: 'INPUT', type: 'text' })).toBe('text');
		expect(focusKind({ tagName: 'SELECT' })).toBe('text');
		expect(focusKind({ tagName: 'BUTTON' })).toBe('control');
		expect(focusKind({ tagName: 'INPUT', type: 'checkbox' })).toBe('control');
		expect(focusKind({ tagName: 'A' })).toBe('control');
		expect(focusKind({ tagName: 'BODY' })).toBe('console');
		expect(focusKind(null)).toBe('console');
	});

	it('leaves browser shortcuts alone and does not repeat a held key', () => {
		expect(producerKeyAction({ key: 'p', ctrlKey: true })).toBeNull();
		expect(producerKeyAction({ key: 'ArrowLeft', metaKey: true })).toBeNull();
		expect(producerKeyAction({ key: '-', altKey: true })).toBeNull();
		expect(producerKeyAction({ key: ' ', repeat: true })).toBeNull();
	});

	it('is off while typing in a text field, on for buttons and checkboxes', () => {
		expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
		expect(isTypingTarget({ tagName: 'input' })).toBe(true);
		expect(isTypingTarget({ tagName: 'INPUT', type: 'number' })).toBe(true);
		expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
		expect(isTypingTarget({ tagName: 'SELECT' })).toBe(true);
		expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
		expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
		expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
		expect(isTypingTarget({ tagName: 'BODY' })).toBe(false);
		expect(isTypingTarget(null)).toBe(false);
	});

	it('lists every action once in the on-screen legend, each with a label in both languages', () => {
		expect(PRODUCER_KEYS.map((k) => k.action).sort()).toEqual(
			['add-minute', 'advance', 'figures', 'flash-sale', 'focus-message', 'help', 'jump', 'next', 'previous', 'send-preset', 'stock-down', 'stock-up', 'take-minute', 'toggle-pause']
		);
		expect(PRODUCER_KEYS.find((k) => k.action === 'send-preset')?.keys).toEqual([`1–${MESSAGE_PRESETS.length}`]);
		for (const k of PRODUCER_KEYS) expect(catalog[`producer.keys.${k.action}`]).toHaveLength(2);
	});

	it('space asks how to start, moves on, asks to end on the last segment, and does nothing once ended', () => {
		expect(resolveAdvance('ready', -1, 9)).toBe('ask-start');
		expect(resolveAdvance('ready', -1, 0)).toBe('none');
		expect(resolveAdvance('live', 0, 9)).toBe('next');
		expect(resolveAdvance('paused', 4, 9)).toBe('next');
		expect(resolveAdvance('live', 8, 9)).toBe('ask-end');
		expect(resolveAdvance('ended', 8, 9)).toBe('none');
	});
});

describe('countdown and duration text', () => {
	it('shows mm:ss rounded up, hours from an hour, and overtime as +mm:ss', () => {
		expect(formatCountdown(15 * MIN)).toBe('15:00');
		expect(formatCountdown(2 * MIN)).toBe('02:00');
		expect(formatCountdown(119_001)).toBe('02:00');
		expect(formatCountdown(30 * SEC)).toBe('00:30');
		expect(formatCountdown(1)).toBe('00:01');
		expect(formatCountdown(0)).toBe('00:00');
		expect(formatCountdown(-500)).toBe('00:00');
		expect(formatCountdown(-1000)).toBe('+00:01');
		expect(formatCountdown(-(5 * MIN + 7 * SEC))).toBe('+05:07');
		expect(formatCountdown(3_723_000)).toBe('1:02:03');
	});

	it('a day or more before the start shows the date it starts, not hundreds of hours', () => {
		expect(countdownShowsDate(24 * 60 * MIN)).toBe(true);
		expect(countdownShowsDate(7 * 24 * 60 * MIN)).toBe(true);
		expect(countdownShowsDate(24 * 60 * MIN - 1)).toBe(false);
		expect(countdownShowsDate(0)).toBe(false);
		expect(countdownShowsDate(-MIN)).toBe(false);
	});

	it('the label over the countdown before the start says what the countdown shows', () => {
		i18n.locale = 'zh-CN';
		// Counting down: to the warm-up when the run opens with one, else to the planned start.
		expect(readyLabel(30 * MIN, true)).toBe('距预热开始');
		expect(readyLabel(30 * MIN, false)).toBe('距计划开播');
		expect(readyLabel(null, false)).toBe('距计划开播');
		// A day or more ahead the countdown shows a date: the label names what starts then.
		expect(readyLabel(24 * 60 * MIN, true)).toBe('预热开始时间');
		expect(readyLabel(24 * 60 * MIN, false)).toBe('计划开播时间');
		expect(readyLabel(-MIN, true)).toBe('已过计划开播时间');
		i18n.locale = 'en';
		expect(readyLabel(24 * 60 * MIN, false)).toBe('Planned start');
		i18n.locale = 'zh-CN';
	});

	it('signs deltas', () => {
		expect(formatSigned(90_000)).toBe('+1:30');
		expect(formatSigned(-45_000)).toBe('−0:45');
		expect(formatSigned(400)).toBe('0:00');
	});

	it('reads the producer\'s "any amount": bare numbers are minutes', () => {
		expect(parseAdjustment('2')).toBe(2 * MIN);
		expect(parseAdjustment('-1.5')).toBe(-90 * SEC);
		expect(parseAdjustment('+1:30')).toBe(90 * SEC);
		expect(parseAdjustment('−0:45')).toBe(-45 * SEC);
		expect(parseAdjustment('45s')).toBe(45 * SEC);
		expect(parseAdjustment('45秒')).toBe(45 * SEC);
		expect(parseAdjustment('2分钟')).toBe(2 * MIN);
		expect(parseAdjustment('1分30秒')).toBe(90 * SEC);
		expect(parseAdjustment(' 1m 30s ')).toBe(90 * SEC);
		expect(parseAdjustment('－３')).toBe(-3 * MIN);
		for (const bad of ['', 'abc', '0', '1:75', '1::30', '--2', '2h']) expect(parseAdjustment(bad), bad).toBeNull();
	});
});

describe('the live-stock field', () => {
	it('sets a figure, or adds to and takes from the one shown', () => {
		expect(parseStockInput('80', null)).toEqual({ ok: true, stock: 80 });
		expect(parseStockInput('８０', null)).toEqual({ ok: true, stock: 80 });
		expect(parseStockInput('1,200件', null)).toEqual({ ok: true, stock: 1200 });
		expect(parseStockInput('0', 10)).toEqual({ ok: true, stock: 0 });
		expect(parseStockInput('-5', 80)).toEqual({ ok: true, stock: 75 });
		expect(parseStockInput('+20', 80)).toEqual({ ok: true, stock: 100 });
	});

	it('says why anything else is not a stock figure', () => {
		expect(parseStockInput('  ', 5)).toEqual({ ok: false, issue: 'empty' });
		expect(parseStockInput('8.5', 5)).toEqual({ ok: false, issue: 'invalid' });
		expect(parseStockInput('eighty', 5)).toEqual({ ok: false, issue: 'invalid' });
		expect(parseStockInput('-10', 5)).toEqual({ ok: false, issue: 'negative' });
		expect(parseStockInput('+3', null)).toEqual({ ok: false, issue: 'no_current' });
		expect(parseStockInput(String(MAX_STOCK + 1), null)).toEqual({ ok: false, issue: 'too_big' });
	});
});

describe('messages', () => {
	it('has the six presets, each worded in both languages', () => {
		expect(MESSAGE_PRESETS).toHaveLength(6);
		expect(MESSAGE_PRESETS.map((p) => catalog[`screens.preset.${p}`][0])).toEqual(['加快节奏', '放慢节奏', '注意镜头', '上链接', '准备秒杀', '时间到']);
	});

	it('trims, refuses empty and over-long text, and lists the unacknowledged oldest first', () => {
		expect(checkMessage('  注意镜头 ')).toEqual({ ok: true, text: '注意镜头' });
		expect(checkMessage('   ')).toEqual({ ok: false, issue: 'empty' });
		expect(checkMessage('字'.repeat(501))).toEqual({ ok: false, issue: 'too_long' });
		const messages = [
			{ id: 'm3', text: 'c', sentAt: 3, ackedAt: null },
			{ id: 'm1', text: 'a', sentAt: 1, ackedAt: null },
			{ id: 'm2', text: 'b', sentAt: 2, ackedAt: 5 }
		];
		expect(unacknowledged(messages).map((m) => m.id)).toEqual(['m1', 'm3']);
	});
});

describe('cue countdowns', () => {
	const tea = makeSheet().segments[2];

	it('orders the cues by time and counts down to each on the segment clock', () => {
		const rows = cueRows(tea.cues, [], 90 * SEC);
		expect(rows.map((r) => [r.cue.id, r.status, r.dueInMs])).toEqual([
			['tea-explain', 'due', -90 * SEC],
			['tea-link', 'upcoming', 30 * SEC],
			['tea-stock', 'upcoming', 150 * SEC]
		]);
	});

	it('marks ticked cues done, and nothing due before the segment is on air', () => {
		expect(cueRows(tea.cues, ['tea-explain'], 3 * MIN).map((r) => r.status)).toEqual(['done', 'due', 'upcoming']);
		expect(cueRows(tea.cues, [], null).map((r) => r.status)).toEqual(['upcoming', 'upcoming', 'upcoming']);
	});

	it('gives hosts only the cues marked for them', () => {
		expect(hostCueRows(tea.cues, ['tea-link'], 3 * MIN).map((r) => [r.cue.text, r.status])).toEqual([['上链接 #3', 'done']]);
	});
});

describe('the live run-sheet', () => {
	const sheet = makeSheet();
	function run(commands: [number, LiveCommand][]): LiveState {
		let state = initialLiveState();
		for (const [at, command] of commands) {
			const result = applyCommand(state, command, sheet, at);
			if (!result.ok) throw new Error(result.code);
			state = result.state;
		}
		return state;
	}
	const rows = (state: LiveState, now: number) => liveRunSheetRows(sheet.segments, state, liveTiming(state, sheet, now), now);

	it('before the start: planned times, nothing actual, nothing expected', () => {
		const r = rows(initialLiveState(), WARMUP_AT - 10 * MIN);
		expect(r.map((x) => x.state)).toEqual(Array(9).fill('upcoming'));
		expect(r[1].plannedStartAt).toBe(STARTS_AT);
		expect(r.every((x) => x.actualStartAt === null && x.projectedStartAt === null)).toBe(true);
	});

	it('during the run: past segments with their length against plan, the current one, skipped ones, and the expected starts of the rest', () => {
		const state = run([
			[WARMUP_AT + 2 * MIN, { type: 'start', mode: 'live' }],
			// The warm-up runs 16 min (1 over), the opening 4 (1 under), then a jump over the tea slot.
			[WARMUP_AT + 18 * MIN, { type: 'next' }],
			[WARMUP_AT + 22 * MIN, { type: 'goto', segmentId: 'rice' }]
		]);
		const now = WARMUP_AT + 25 * MIN;
		const r = rows(state, now);
		expect(r.slice(0, 5).map((x) => x.state)).toEqual(['past', 'past', 'skipped', 'current', 'upcoming']);
		expect(r[0]).toMatchObject({ actualStartAt: WARMUP_AT + 2 * MIN, startDelayMs: 2 * MIN, actualMs: 16 * MIN, overUnderMs: MIN });
		expect(r[1]).toMatchObject({ actualStartAt: WARMUP_AT + 18 * MIN, startDelayMs: 3 * MIN, actualMs: 4 * MIN, overUnderMs: -MIN });
		expect(r[3]).toMatchObject({ actualMs: 3 * MIN, overUnderMs: 0 });
		// The rice slot (10 min) has 7 min left: the honey slot is expected then, the next one 15 min later.
		expect(r[4].projectedStartAt).toBe(now + 7 * MIN);
		expect(r[5].projectedStartAt).toBe(now + 22 * MIN);
	});

	it('the current segment over time shows its overtime; after the end every visited segment is past', () => {
		const state = run([
			[WARMUP_AT, { type: 'start', mode: 'live' }],
			[WARMUP_AT + 15 * MIN, { type: 'next' }]
		]);
		expect(rows(state, WARMUP_AT + 21 * MIN)[1]).toMatchObject({ state: 'current', overUnderMs: MIN });
		const ended = run([
			[WARMUP_AT, { type: 'start', mode: 'live' }],
			[WARMUP_AT + 15 * MIN, { type: 'next' }],
			[WARMUP_AT + 19 * MIN, { type: 'end' }]
		]);
		const r = rows(ended, WARMUP_AT + 30 * MIN);
		expect(r.slice(0, 3).map((x) => x.state)).toEqual(['past', 'past', 'skipped']);
		expect(r[1]).toMatchObject({ actualMs: 4 * MIN, overUnderMs: -MIN });
	});

	it('says how the run stands against its plan, within a minute being on schedule', () => {
		expect(scheduleStanding(null)).toBeNull();
		expect(scheduleStanding(59 * SEC)).toEqual({ kind: 'on_time' });
		expect(scheduleStanding(-59 * SEC)).toEqual({ kind: 'on_time' });
		expect(scheduleStanding(2 * MIN)).toEqual({ kind: 'behind', ms: 2 * MIN });
		expect(scheduleStanding(-3 * MIN)).toEqual({ kind: 'ahead', ms: 3 * MIN });
	});
});

describe('alert presentation', () => {
	it('gives every alert kind a tone, and hosts the ones they act on', () => {
		for (const kind of ALERT_KINDS) expect(['info', 'warning', 'danger']).toContain(alertTone(kind));
		expect(alertTone('segment_ending_2m')).toBe('warning');
		expect(alertTone('segment_ending_30s')).toBe('danger');
		expect(alertTone('segment_overtime')).toBe('danger');
		expect(alertForHosts('segment_ending_30s')).toBe(true);
		expect(alertForHosts('flash_sale_soon_10s')).toBe(true);
		expect(alertForHosts('cue_due')).toBe(false);
		expect(alertForHosts('host_offline')).toBe(false);
	});

	it('chimes faster and higher as it gets urgent', () => {
		const last = (tone: Parameters<typeof chimeNotes>[0]) => chimeNotes(tone).at(-1)!;
		expect(chimeNotes('danger').length).toBeGreaterThan(chimeNotes('info').length);
		expect(chimeNotes('danger')[0].hz).toBeGreaterThan(chimeNotes('info')[0].hz);
		for (const tone of ['info', 'warning', 'danger', 'message'] as const) {
			expect(last(tone).atMs + last(tone).ms).toBeLessThan(1000);
		}
	});
});

describe("the host's product card", () => {
	const segment = segmentInput.parse({
		id: 'tea',
		kind: 'product',
		title: '恩施玉露',
		durationSec: 600,
		productId: 7,
		livePriceFen: 8900,
		couponRule: '',
		stock: 500,
		linkNumbers: { kuaishou: 4, douyin: 3 }
	});
	const product = { id: 7, name: '恩施玉露', spec: '100克/罐', origin: '恩施', dailyPriceFen: 12800, livePriceFen: 9900, couponRule: '10元优惠券', sellingPoints: '中国十大名茶之一\n富硒高山茶园；传统蒸青工艺', stock: 800 };
	const base = { stock: {}, platforms: ['douyin', 'kuaishou'] as const, openSale: null };

	it('takes the slot price over the library, strikes the daily price, and lists links in the show platform order', () => {
		const view = hostProductView(segment, product, { ...base, platforms: [...base.platforms] });
		expect(view).toMatchObject({ livePriceFen: 8900, dailyPriceFen: 12800, couponRule: '10元优惠券', liveStock: null, plannedStock: 500, flashPriceFen: null });
		expect(view.links).toEqual([
			{ platform: 'douyin', number: 3 },
			{ platform: 'kuaishou', number: 4 }
		]);
		expect(view.sellingPoints).toEqual(['中国十大名茶之一', '富硒高山茶园', '传统蒸青工艺']);
	});

	it('shows the stock set live, and the flash price while this segment\'s sale is open', () => {
		const sale = { segmentId: 'tea', startedAt: 0, endsAt: 2_000, priceFen: 1990, quantity: 200 };
		const view = hostProductView(segment, product, { ...base, platforms: ['douyin'], stock: { '7': 80 }, openSale: flashSaleOpen(sale, 1_000) ? sale : null });
		expect(view).toMatchObject({ liveStock: 80, flashPriceFen: 1990 });
		expect(hostProductView(segment, product, { ...base, platforms: ['douyin'], openSale: flashSaleOpen(sale, 2_000) ? sale : null }).flashPriceFen).toBeNull();
		expect(hostProductView(segment, { ...product, dailyPriceFen: 8900 }, { ...base, platforms: [] }).dailyPriceFen).toBeNull();
	});

	it('keeps the live stock apart from the planned one', () => {
		expect(slotStock(segment, product, {})).toEqual({ live: null, planned: 500 });
		expect(slotStock(segment, product, { '7': 80 })).toEqual({ live: 80, planned: 500 });
		expect(slotStock({ stock: null }, product, {})).toEqual({ live: null, planned: 800 });
	});

	it('lists each platform once when the show has two accounts on one platform', () => {
		const rows = [
			{ platform: 'douyin' as const, accountName: '省台抖音' },
			{ platform: 'kuaishou' as const, accountName: '快手' },
			{ platform: 'douyin' as const, accountName: '市台抖音' }
		];
		const platforms = showPlatforms(rows);
		expect(platforms).toEqual(['douyin', 'kuaishou']);
		expect(linkNumbers(segment, platforms)).toEqual([
			{ platform: 'douyin', number: 3 },
			{ platform: 'kuaishou', number: 4 }
		]);
		// Even given the raw rows' platforms, the card lists Douyin once (the host screen keys links by platform).
		const view = hostProductView(segment, product, { ...base, platforms: rows.map((r) => r.platform) });
		expect(view.links.map((l) => l.platform)).toEqual(['douyin', 'kuaishou']);
	});

	it('splits selling points by line and semicolon, without bullets', () => {
		expect(splitSellingPoints('1. 皮薄多汁\n• 酸甜适口;  产地直发\n\n')).toEqual(['皮薄多汁', '酸甜适口', '产地直发']);
	});
});

describe('fitting text into its box', () => {
	it('finds the largest size that fits', () => {
		expect(fitFontSize((px) => px <= 31, 20, 40)).toEqual({ size: 31, fits: true });
		expect(fitFontSize(() => true, 20, 40)).toEqual({ size: 40, fits: true });
		expect(fitFontSize(() => false, 20, 40)).toEqual({ size: 20, fits: false });
		expect(fitFontSize((px) => px <= 20, 20, 40)).toEqual({ size: 20, fits: true });
	});

	it('measures only a handful of sizes', () => {
		let calls = 0;
		fitFontSize((px) => (calls++, px <= 27), 12, 120);
		expect(calls).toBeLessThanOrEqual(9);
	});
});
