/**
 * Show links: the producer, host and recorder URLs with their secret tokens, their base URL (reachable from
 * a tablet on the LAN, never `localhost`), and rotation, which makes the old token dead at once.
 */
import { randomBytes } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';
import type { SessionAccount } from '../../src/lib/contract/session';
import type { Bus } from '../domain/bus';
import { visible } from '../domain/scope';
import type { ShowRepository } from './show.repository';

export type { LinkRole } from '../../src/lib/contract/links';
import type { LinkRole } from '../../src/lib/contract/links';

/** A fresh link secret: 192 random bits, URL-safe. */
export const newToken = () => randomBytes(24).toString('base64url');

const LOOPBACK = /^(localhost|127\.\d+\.\d+\.\d+|\[::1\])$/i;

/** The first non-internal IPv4 address of this machine, if any. */
export function lanAddress(): string | null {
	for (const addresses of Object.values(networkInterfaces())) {
		for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
	}
	return null;
}

/** The names this machine answers to: its addresses (IPv6 in brackets), its host name and name.local. */
export function ownHostNames(): Set<string> {
	const names = new Set([hostname().toLowerCase(), `${hostname().toLowerCase()}.local`]);
	for (const addresses of Object.values(networkInterfaces())) {
		for (const a of addresses ?? []) names.add(a.family === 'IPv6' ? `[${a.address.toLowerCase()}]` : a.address);
	}
	return names;
}

/**
 * The origin to put in links and QR codes: PUBLIC_URL when set. Otherwise the request's `Host`,
 * but only when it names this machine (a loopback name becomes the LAN address, so the QR code
 * works from a tablet); any other `Host` is not trusted, and the LAN address with the port the
 * request came in on is used instead, so a forged header can never point a link elsewhere.
 * Behind a trusted reverse proxy (TRUST_PROXY), `protocol` and `host` are the forwarded ones
 * (X-Forwarded-Proto/-Host, as Fastify reads them) and name the public origin as they are.
 */
export function linkOrigin(publicUrl: string | null, protocol: string, host: string | undefined, localPort: number, behindTrustedProxy = false): string {
	if (publicUrl) return publicUrl;
	const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i.exec(host ?? '');
	const name = match?.[1].toLowerCase();
	const port = match?.[2] ? `:${match[2]}` : '';
	if (name && behindTrustedProxy && /^https?$/.test(protocol)) return `${protocol}://${name}${port}`;
	const lan = lanAddress();
	if (name && LOOPBACK.test(name)) return `${protocol}://${lan ?? name}${port}`;
	if (name && ownHostNames().has(name)) return `${protocol}://${name}${port}`;
	return `${protocol}://${lan ?? '127.0.0.1'}:${localPort}`;
}

export function showLinks(origin: string, tokens: { producerToken: string; hostToken: string; recorderToken: string }) {
	return {
		producer: { token: tokens.producerToken, url: `${origin}/producer/${tokens.producerToken}` },
		host: { token: tokens.hostToken, url: `${origin}/host/${tokens.hostToken}` },
		recorder: { token: tokens.recorderToken, url: `${origin}/recorder/${tokens.recorderToken}` }
	};
}

export class LinksService {
	constructor(
		private readonly shows: ShowRepository,
		private readonly bus: Bus
	) {}

	/** The show and role a link token opens; undefined for a token no show has (or had before rotation). */
	resolve(token: string) {
		return this.shows.findByToken(token);
	}

	/** A show's links for a coordinator who may manage it; another unit's show answers 404 like a missing one. */
	links(account: SessionAccount, showId: number, origin: string) {
		const show = visible(account, this.shows.get(showId), 'Show');
		return showLinks(origin, this.shows.tokensOf(show.id)!);
	}

	/** Replaces one role's token, then answers the show's links; sockets holding the old token are dropped by whoever listens. */
	rotate(account: SessionAccount, showId: number, role: LinkRole, origin: string) {
		const show = visible(account, this.shows.get(showId), 'Show');
		this.shows.setToken(show.id, role, newToken());
		this.bus.emit('tokenRotated', show.id, role);
		return showLinks(origin, this.shows.tokensOf(show.id)!);
	}
}
