import type { FastifyInstance } from 'fastify';
import { formRoutes } from './forms.routes';
import { importRoutes } from './imports.routes';
import { progressRoutes } from './progress.routes';
import { reportRoutes } from './reports.routes';

/** Paperwork and results: Excel forms, the nomination import, after-show reports, campaign progress. */
export async function paperworkRoutes(app: FastifyInstance) {
	formRoutes(app);
	await importRoutes(app);
	await reportRoutes(app);
	progressRoutes(app);
}
