/** The `ui` endpoints of the table (../endpoints.ts). */
import { area } from '../endpoint';

export const uiEndpoints = area('ui', {
	index: { method: 'GET', path: '/', auth: 'public', summary: 'The app (HTML)', contentType: 'text/html', ui: true },
	files: { method: 'GET', path: '/*', auth: 'public', summary: 'The app’s files; client routes answer its HTML', contentType: 'text/html', ui: true }
});
