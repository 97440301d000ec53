import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';

describe('loadConfig', () => {
	it('has defaults that serve a newcomer', () => {
		expect(loadConfig({})).toEqual({ port: 3000, host: '0.0.0.0', databasePath: 'data/showcall.db', adminPassword: null, logLevel: 'info', publicUrl: null, tls: null, httpRedirectPort: null, trustProxy: false });
	});

	it('reads every variable', () => {
		expect(loadConfig({ PORT: '8080', HOST: '127.0.0.1', DATABASE_PATH: ':memory:', ADMIN_PASSWORD: 'long-enough', LOG_LEVEL: 'WARN', PUBLIC_URL: 'http://192.168.1.20:3000/' })).toEqual({
			port: 8080,
			host: '127.0.0.1',
			databasePath: ':memory:',
			adminPassword: 'long-enough',
			logLevel: 'warn',
			publicUrl: 'http://192.168.1.20:3000',
			tls: null,
			httpRedirectPort: null,
			trustProxy: false
		});
	});

	it('reads TLS, the redirect port and the trusted proxies', () => {
		const config = loadConfig({ TLS_CERT: 'data/tls/server.crt', TLS_KEY: 'data/tls/server.key', HTTP_REDIRECT_PORT: '8080', TRUST_PROXY: '1' });
		expect(config.tls).toEqual({ certPath: 'data/tls/server.crt', keyPath: 'data/tls/server.key' });
		expect(config.httpRedirectPort).toBe(8080);
		expect(config.trustProxy).toBe(1);
		expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8,::1' }).trustProxy).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
		expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
	});

	it.each([
		[{ PORT: 'eighty' }, 'PORT'],
		[{ PORT: '70000' }, 'PORT'],
		[{ PORT: '-1' }, 'PORT'],
		[{ HOST: 'bad host!' }, 'HOST'],
		[{ DATABASE_PATH: 'data/' }, 'DATABASE_PATH'],
		[{ ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
		[{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
		[{ PUBLIC_URL: 'ftp://x' }, 'PUBLIC_URL'],
		[{ PUBLIC_URL: 'http://host/path' }, 'PUBLIC_URL'],
		[{ TLS_CERT: 'cert.pem' }, 'TLS_KEY'],
		[{ TLS_KEY: 'key.pem' }, 'TLS_CERT'],
		[{ HTTP_REDIRECT_PORT: '80' }, 'HTTP_REDIRECT_PORT'],
		[{ TLS_CERT: 'c', TLS_KEY: 'k', HTTP_REDIRECT_PORT: 'x' }, 'HTTP_REDIRECT_PORT'],
		[{ TRUST_PROXY: 'everyone' }, 'TRUST_PROXY']
	])('refuses %o with a one-line message naming %s', (env, name) => {
		expect(() => loadConfig(env)).toThrow(ConfigError);
		try {
			loadConfig(env);
		} catch (err) {
			expect((err as Error).message.startsWith(name)).toBe(true);
			expect((err as Error).message).not.toContain('\n');
		}
	});
});
