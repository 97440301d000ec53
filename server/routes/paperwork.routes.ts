import type { AppInstance } from '../app';
import { formRoutes } from './forms.routes';
import { importRoutes } from './imports.routes';
import { progressRoutes } from './progress.routes';
import { reportRoutes } from './reports.routes';

/** Paperwork and results: Excel forms, the nomination import, after-show reports, campaign progress. */
export async function paperworkRoutes(app: AppInstance) {
	formRoutes(app);
	await importRoutes(app);
	await reportRoutes(app);
	progressRoutes(app);
}
