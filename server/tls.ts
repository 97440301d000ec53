/**
 * HTTPS: the PEM files TLS_CERT/TLS_KEY name, read once at start; the optional plain-http port
 * that only redirects to https; and the LAN CA (`npm run tls:lan`) offered to tablets.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { dirname, join } from 'node:path';
import { ConfigError, type Config } from './config';

export interface TlsFiles {
	cert: Buffer;
	key: Buffer;
	/** The LAN CA certificate beside the server certificate (`ca.crt`, written by tls:lan), if any. */
	caPath: string | null;
}

/** Reads the PEM files; a missing or unreadable file is a one-line ConfigError naming its variable. */
export function readTls(tls: NonNullable<Config['tls']>): TlsFiles {
	const read = (name: string, path: string, marker: RegExp) => {
		let text: Buffer;
		try {
			text = readFileSync(path);
		} catch (err) {
			throw new ConfigError(`${name} cannot be read: ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
		}
		if (!marker.test(text.toString('latin1'))) throw new ConfigError(`${name} must be a PEM file, got ${path}`);
		return text;
	};
	const cert = read('TLS_CERT', tls.certPath, /-----BEGIN CERTIFICATE-----/);
	const key = read('TLS_KEY', tls.keyPath, /-----BEGIN [A-Z ]*PRIVATE KEY-----/);
	const ca = join(dirname(tls.certPath), 'ca.crt');
	return { cert, key, caPath: existsSync(ca) ? ca : null };
}

/**
 * A plain-http server whose every answer is a redirect to the same host and path over https on
 * `httpsPort` (308 keeps the method and body; browsers follow it for GET like a 301).
 */
export function redirectServer(httpsPort: number): Server {
	return createServer((req, res) => {
		const host = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::\d{1,5})?$/i.exec(req.headers.host ?? '')?.[1] ?? 'localhost';
		const port = httpsPort === 443 ? '' : `:${httpsPort}`;
		res.writeHead(308, { location: `https://${host}${port}${req.url ?? '/'}`, 'content-type': 'text/plain; charset=utf-8' });
		res.end('Showcall answers over https\n');
	});
}
