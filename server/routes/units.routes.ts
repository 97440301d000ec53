import { endpoints } from '../../src/lib/contract/endpoints';
import type { AppInstance } from '../app';
import { route } from '../http/route';

export function unitRoutes(app: AppInstance) {
	route(app, endpoints.units.list, () => ({ units: app.deps.units.list() }));
}
