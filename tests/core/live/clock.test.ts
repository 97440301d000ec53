import { describe, expect, it } from 'vitest';
import { estimateClockOffset, type ClockSample } from '../../../src/lib/core/live';

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
