import { describe, expect, it } from 'vitest';
import {
	applyCommand,
	checkCommandTime,
	COMMAND_EXPIRY_MS,
	COMMAND_MAX_SKEW_MS,
	estimateClockOffset,
	type ClockSample
} from '../../../src/lib/core/live';
import { drive, makeSheet, WARMUP_AT } from './factories';

/** A ping from a client whose clock reads `serverTime - skewMs`, with the given one-way delays. */
const ping = (sentAt: number, skewMs: number, upMs: number, downMs: number): ClockSample => ({
	clientSentAt: sentAt,
	serverAt: sentAt + skewMs + upMs,
	clientReceivedAt: sentAt + upMs + downMs
});

describe('estimateClockOffset', () => {
	it('recovers the offset of a client 5 s behind from a symmetric exchange', () => {
		expect(estimateClockOffset([ping(1_000, 5_000, 40, 40)])).toEqual({ offsetMs: 5_000, rttMs: 80 });
	});

	it('picks the sample with the shortest round trip among jittery, asymmetric ones', () => {
		const samples = [
			ping(1_000, 5_000, 40, 40),
			ping(2_000, 5_000, 10, 150), // slow way back: its midpoint is 70 ms off
			ping(3_000, 5_000, 20, 10), // fastest, 5 ms of asymmetry error
			ping(4_000, 5_000, 200, 220)
		];
		expect(estimateClockOffset(samples)).toEqual({ offsetMs: 5_005, rttMs: 30 });
		expect(estimateClockOffset(samples.slice(0, 2))).toEqual({ offsetMs: 5_000, rttMs: 80 });
	});

	it('gives a negative offset for a client ahead of the server', () => {
		expect(estimateClockOffset([ping(10_000, -2_500, 15, 15)])).toEqual({ offsetMs: -2_500, rttMs: 30 });
	});

	it('ignores samples with a negative round trip, and gives null without a usable one', () => {
		const backwards = { clientSentAt: 5_000, serverAt: 9_000, clientReceivedAt: 4_990 };
		expect(estimateClockOffset([backwards, ping(1_000, 5_000, 50, 50)])).toEqual({ offsetMs: 5_000, rttMs: 100 });
		expect(estimateClockOffset([backwards])).toBeNull();
		expect(estimateClockOffset([])).toBeNull();
	});
});

describe('checkCommandTime', () => {
	const NOW = 1_765_000_000_000;

	it('lets a command without a time through (one-button HTTP devices)', () => {
		expect(checkCommandTime(undefined, NOW)).toBeNull();
	});

	it('lets a command through up to 3 s after it was issued, and refuses it after', () => {
		expect(COMMAND_EXPIRY_MS).toBe(3_000);
		expect(checkCommandTime(NOW, NOW)).toBeNull();
		expect(checkCommandTime(NOW - 3_000, NOW)).toBeNull();
		expect(checkCommandTime(NOW - 3_001, NOW)).toMatchObject({ ok: false, code: 'COMMAND_EXPIRED' });
		expect(checkCommandTime(NOW - 17_000, NOW)?.message).toContain('17.0 s');
	});

	it('refuses a time too far in the server\'s future (a wrong clock), and tolerates a small skew', () => {
		expect(checkCommandTime(NOW + 800, NOW)).toBeNull();
		expect(checkCommandTime(NOW + COMMAND_MAX_SKEW_MS, NOW)).toBeNull();
		expect(checkCommandTime(NOW + COMMAND_MAX_SKEW_MS + 1, NOW)).toMatchObject({ ok: false, code: 'COMMAND_FROM_FUTURE' });
	});
});

describe('applyCommand with issuedAt', () => {
	const sheet = makeSheet();
	const ready = drive(sheet, []);

	it('refuses an expired command before anything else and changes nothing', () => {
		const at = WARMUP_AT;
		const late = applyCommand(ready, { type: 'start', mode: 'live', issuedAt: at - 3_500, expectedVersion: 99 }, sheet, at);
		expect(late).toMatchObject({ ok: false, code: 'COMMAND_EXPIRED' });
		expect(applyCommand(ready, { type: 'start', mode: 'live', issuedAt: at + 60_000 }, sheet, at)).toMatchObject({ ok: false, code: 'COMMAND_FROM_FUTURE' });
	});

	it('runs a fresh one as if it had no time', () => {
		const at = WARMUP_AT;
		const fresh = applyCommand(ready, { type: 'start', mode: 'live', issuedAt: at - 2_000 }, sheet, at);
		const untimed = applyCommand(ready, { type: 'start', mode: 'live' }, sheet, at);
		expect(fresh).toEqual(untimed);
		expect(fresh.ok).toBe(true);
	});
});
