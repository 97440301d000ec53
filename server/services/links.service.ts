/**
 * Show links: the producer and host URLs with their secret tokens, their base URL (reachable from
 * a tablet on the LAN, never `localhost`), and rotation, which makes the old token dead at once.
 */
import { randomBytes } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import type { ShowRepository } from '../repositories/show.repository';
import type { Bus } from './bus';

export type LinkRole = 'producer' | 'host';

/** A fresh link secret: 192 random bits, URL-safe. */
export const newToken = () => randomBytes(24).toString('base64url');

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?$/i;

/** The first non-internal IPv4 address of this machine, if any. */
export function lanAddress(): string | null {
	for (const addresses of Object.values(networkInterfaces())) {
		for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
	}
	return null;
}

/**
 * The origin to put in links: PUBLIC_URL when set; otherwise the request's own origin, with a
 * loopback host replaced by the LAN address so the QR code works from a tablet.
 */
export function linkOrigin(publicUrl: string | null, protocol: string, host: string | undefined): string {
	if (publicUrl) return publicUrl;
	const requestHost = host ?? 'localhost';
	const match = LOOPBACK.exec(requestHost);
	const lan = match ? lanAddress() : null;
	return `${protocol}://${lan ? `${lan}${match?.[2] ?? ''}` : requestHost}`;
}

export function showLinks(origin: string, tokens: { producerToken: string; hostToken: string }) {
	return {
		producer: { token: tokens.producerToken, url: `${origin}/producer/${tokens.producerToken}` },
		host: { token: tokens.hostToken, url: `${origin}/host/${tokens.hostToken}` }
	};
}

export class LinksService {
	constructor(
		private readonly shows: ShowRepository,
		private readonly bus: Bus
	) {}

	/** Replaces one role's token; sockets holding the old one are dropped by whoever listens. */
	rotate(showId: number, role: LinkRole) {
		this.shows.setToken(showId, role, newToken());
		this.bus.emit('tokenRotated', showId, role);
	}
}
