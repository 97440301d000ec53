/** Clock synchronisation math (NTP-style) for screens that render the server's countdown locally. */
import type { EpochMs } from '../model';

export interface ClockSample {
	/** Client clock when the ping left, epoch ms. */
	clientSentAt: EpochMs;
	/** Server clock when it answered, epoch ms. */
	serverAt: EpochMs;
	/** Client clock when the answer arrived, epoch ms. */
	clientReceivedAt: EpochMs;
}

export interface ClockOffset {
	/** Add to the client clock to get server time, ms (positive = the client is behind). */
	offsetMs: number;
	/** Round trip of the sample used, ms. */
	rttMs: number;
}

/**
 * Offset of the server clock from the client's, from ping samples. The sample with the shortest
 * round trip wins (its midpoint is the least uncertain); samples with a negative or non-finite
 * round trip are ignored. null when no sample is usable.
 */
export function estimateClockOffset(samples: readonly ClockSample[]): ClockOffset | null {
	let best: ClockOffset | null = null;
	for (const s of samples) {
		const rttMs = s.clientReceivedAt - s.clientSentAt;
		const offsetMs = s.serverAt - (s.clientSentAt + s.clientReceivedAt) / 2;
		if (!Number.isFinite(rttMs) || !Number.isFinite(offsetMs) || rttMs < 0) continue;
		if (best === null || rttMs < best.rttMs) best = { offsetMs, rttMs };
	}
	return best;
}
