/** The `tls` endpoints of the table (../endpoints.ts). */
import { area } from '../endpoint';

export const tlsEndpoints = area('tls', {
	caCertificate: {
		method: 'GET',
		path: '/api/tls/ca.crt',
		auth: 'public',
		summary: 'The studio LAN’s CA certificate, for tablets to trust (404 without one)',
		contentType: 'application/x-x509-ca-cert',
		errors: ['NOT_FOUND']
	}
});
