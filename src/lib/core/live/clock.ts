/** Clock synchronisation math (NTP-style) for screens that render the server's countdown locally. */
import type { EpochMs } from '../model';
import { refuse, type LiveRefusal } from './errors';

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

/**
 * A command is stamped with the moment it was issued, on the server's clock (`issuedAt`: the
 * screen's clock plus its measured offset). One that reaches the server later than this is refused
 * `COMMAND_EXPIRED`: the producer was told it did not take effect (未生效) and must never see it
 * happen later (a frozen server, a network that held it).
 */
export const COMMAND_EXPIRY_MS = 3_000;
/**
 * How far in the server's future an `issuedAt` may be (clock sync error, a screen that has not
 * synced yet); beyond it the command is refused `COMMAND_FROM_FUTURE`: its clock is wrong, and an
 * expiry measured from it would mean nothing.
 */
export const COMMAND_MAX_SKEW_MS = 5_000;

/**
 * Whether a command issued at `issuedAt` (server clock, epoch ms; undefined for clients that send
 * no time, such as one-button HTTP devices) may still run at `now`. null when it may.
 */
export function checkCommandTime(issuedAt: EpochMs | undefined, now: EpochMs): LiveRefusal | null {
	if (issuedAt === undefined) return null;
	const ageMs = now - issuedAt;
	if (ageMs > COMMAND_EXPIRY_MS) {
		return refuse('COMMAND_EXPIRED', `The command arrived ${(ageMs / 1000).toFixed(1)} s after it was issued (limit ${COMMAND_EXPIRY_MS / 1000} s); nothing changed.`);
	}
	if (-ageMs > COMMAND_MAX_SKEW_MS) {
		return refuse(
			'COMMAND_FROM_FUTURE',
			`The command is dated ${(-ageMs / 1000).toFixed(1)} s in the server's future (limit ${COMMAND_MAX_SKEW_MS / 1000} s): the sender's clock is wrong; nothing changed.`
		);
	}
	return null;
}
