/**
 * What a socket.io handshake says about its client behind a trusted reverse proxy (TRUST_PROXY).
 * Socket.io takes its requests before Fastify does, so these read the forwarded headers the way
 * Fastify's trustProxy does for HTTP, for the one proxy hop docs/deploy.md sets up.
 */

/**
 * The client's address of a socket.io handshake: behind a trusted proxy, the last address in
 * X-Forwarded-For (the one the nearest proxy saw; one proxy hop, as docs/deploy.md sets up), else
 * the connection's own.
 */
export function handshakeAddress(handshake: { address: string; headers: Record<string, string | string[] | undefined> }, trustProxy: boolean): string {
	if (!trustProxy) return handshake.address;
	const forwarded = [handshake.headers['x-forwarded-for']].flat().join(',').split(',').map((a) => a.trim()).filter(Boolean);
	return forwarded.at(-1) ?? handshake.address;
}

/**
 * The origin a handshake came to, behind a trusted proxy: X-Forwarded-Proto and -Host as the
 * nearest proxy set them (the last values), as the HTTP origin check reads them; undefined without
 * TRUST_PROXY or without those headers (the socket's own Host is compared then).
 */
export function forwardedOrigin(headers: Record<string, string | string[] | undefined>, trustProxy: boolean): string | undefined {
	if (!trustProxy) return undefined;
	const last = (name: string) => [headers[name]].flat().join(',').split(',').map((v) => v.trim()).filter(Boolean).at(-1);
	const proto = last('x-forwarded-proto');
	const host = last('x-forwarded-host') ?? last('host');
	return proto && host ? `${proto}://${host}` : undefined;
}
