import type { FastifyInstance } from 'fastify';
import { endpoints } from '../../src/lib/contract/endpoints';
import { route } from '../http/route';

export function unitRoutes(app: FastifyInstance) {
	route(app, endpoints.units.list, () => ({ units: app.deps.repos.units.list() }));
}
