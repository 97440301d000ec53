import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { endpoints } from '../../src/lib/contract/endpoints';
import { DomainError } from '../domain/errors';
import { route } from '../http/route';

/**
 * The studio LAN's CA certificate (`npm run tls:lan`), for tablets to install and trust: public,
 * the certificate only (never a key); 404 when the server runs without a LAN CA.
 */
export function tlsRoutes(app: FastifyInstance, lanCaPath: string | null) {
	route(app, endpoints.tls.caCertificate, (_request, reply) => {
		if (!lanCaPath) throw new DomainError('NOT_FOUND', 'This server has no LAN certificate authority (npm run tls:lan makes one)');
		const pem = readFileSync(lanCaPath, 'latin1');
		const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\s*/.exec(pem)?.[0];
		if (!cert) throw new DomainError('NOT_FOUND', 'The LAN certificate authority file holds no certificate');
		reply.header('content-type', 'application/x-x509-ca-cert');
		reply.header('content-disposition', 'attachment; filename="showcall-lan-ca.crt"');
		reply.header('cache-control', 'no-cache');
		return reply.send(cert);
	});
}
