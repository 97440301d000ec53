/**
 * Support for the deployment tests: HTTPS requests from Node to a loopback server under a name
 * (SNI and Host), SPKI pins for Chromium, and the checks a host tablet needs of its page.
 */
import { X509Certificate, createHash } from 'node:crypto';
import { request } from 'node:https';
import type { Page } from 'playwright-core';

export interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

/** An HTTPS request to 127.0.0.1:`port` for the name `servername`, trusting `ca`. */
export function httpsTo(port: number, servername: string, ca: string, path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = request({ host: '127.0.0.1', port, servername, path, ca, method: init.method ?? 'GET', headers: { host: `${servername}:${port}`, ...init.headers } }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (d: string) => (text += d));
			res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
		});
		req.on('error', reject);
		req.end(init.body);
	});
}

/** Base64 SHA-256 of a certificate's SubjectPublicKeyInfo, for --ignore-certificate-errors-spki-list. */
export function spkiPin(pem: string): string {
	const der = new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'der' });
	return createHash('sha256').update(der).digest('base64');
}

/** Every certificate in a PEM bundle. */
export const pemCertificates = (bundle: string) => bundle.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];

/** What a host tablet needs of its page: a secure context, the Wake Lock API, an active service worker. */
export function secureContextFacts(page: Page) {
	return page.evaluate(async () => {
		const registration = await Promise.race([navigator.serviceWorker?.ready, new Promise<null>((resolve) => setTimeout(() => resolve(null), 15_000))]);
		return {
			protocol: location.protocol,
			isSecureContext: window.isSecureContext,
			wakeLock: 'wakeLock' in navigator,
			serviceWorker: registration?.active?.state ?? null
		};
	});
}
