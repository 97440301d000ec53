/** The `forms` endpoints of the table (../endpoints.ts). */
import { area } from '../endpoint';
import { ambassadorFormQuery, formQuery, formsSummaryResponse } from '../forms';
import { XLSX } from './codes';

export const formsEndpoints = area('forms', {
	summary: { method: 'GET', path: '/api/forms', auth: 'session', summary: 'What the Excel forms would hold', query: formQuery, response: formsSummaryResponse, errors: ['NOT_FOUND'] },
	activities: { method: 'GET', path: '/api/forms/activities.xlsx', auth: 'session', summary: 'The activities form', query: formQuery, contentType: XLSX, errors: ['NOT_FOUND'] },
	products: { method: 'GET', path: '/api/forms/products.xlsx', auth: 'session', summary: 'The products form', query: formQuery, contentType: XLSX, errors: ['NOT_FOUND'] },
	ambassadors: { method: 'GET', path: '/api/forms/ambassadors.xlsx', auth: 'session', summary: 'The ambassadors form', query: ambassadorFormQuery, contentType: XLSX, errors: ['NOT_FOUND'] }
});
