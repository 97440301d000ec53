/** The `openapi` endpoints of the table (../endpoints.ts). */
import { area } from '../endpoint';

export const openapiEndpoints = area('openapi', {
	get: { method: 'GET', path: '/api/openapi.json', auth: 'public', summary: 'This API as an OpenAPI 3.1 document', contentType: 'application/json' }
});
