import type { FastifyInstance } from 'fastify';
import { endpoints } from '../../src/lib/contract/endpoints';
import { route } from '../http/route';

export function healthRoutes(app: FastifyInstance) {
	route(app, endpoints.health.get, (_request, reply) => {
		// Answering at all means the database was opened and migrated before listening; check it still answers.
		app.deps.db.$client.prepare('SELECT 1').get();
		reply.header('cache-control', 'no-store');
		return { ok: true as const };
	});
}
