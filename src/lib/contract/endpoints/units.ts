/** The `units` endpoints of the table (../endpoints.ts). */
import { area } from '../endpoint';
import { unitListResponse } from '../units';

export const unitsEndpoints = area('units', {
	list: { method: 'GET', path: '/api/units', auth: 'session', summary: 'The province and its cities', response: unitListResponse }
});
