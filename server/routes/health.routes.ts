import { z } from 'zod';
import type { AppInstance } from '../app';

export function healthRoutes(app: AppInstance) {
	app.get('/healthz', { config: { auth: 'public' }, schema: { response: { 200: z.object({ ok: z.literal(true) }) } } }, (_request, reply) => {
		// Answering at all means the database was opened and migrated before listening; check it still answers.
		app.deps.db.$client.prepare('SELECT 1').get();
		reply.header('cache-control', 'no-store');
		return { ok: true as const };
	});
}
