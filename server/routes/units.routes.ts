import { z } from 'zod';
import type { AppInstance } from '../app';

const unitList = z.object({
	units: z.array(z.object({ code: z.string(), kind: z.enum(['province', 'city']), nameZh: z.string(), nameEn: z.string() }))
});

export function unitRoutes(app: AppInstance) {
	app.get('/api/units', { schema: { response: { 200: unitList } } }, () => ({ units: app.deps.units.list() }));
}
