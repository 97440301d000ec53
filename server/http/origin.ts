import type { FastifyRequest } from 'fastify';
import { linkOrigin } from '../planning/links.service';

/** The origin links and QR codes of this request point at: PUBLIC_URL, else the request's own (forwarded when TRUST_PROXY). */
export function requestOrigin(request: FastifyRequest): string {
	const { publicUrl, trustProxy } = request.server.deps;
	return linkOrigin(publicUrl, request.protocol, request.host, request.socket.localPort ?? 0, trustProxy);
}
