import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';

describe('loadConfig', () => {
	it('has defaults that serve a newcomer', () => {
		expect(loadConfig({})).toEqual({ port: 3000, host: '0.0.0.0', databasePath: 'data/showcall.db', adminPassword: null, logLevel: 'info', publicUrl: null });
	});

	it('reads every variable', () => {
		expect(loadConfig({ PORT: '8080', HOST: '127.0.0.1', DATABASE_PATH: ':memory:', ADMIN_PASSWORD: 'long-enough', LOG_LEVEL: 'WARN', PUBLIC_URL: 'http://192.168.1.20:3000/' })).toEqual({
			port: 8080,
			host: '127.0.0.1',
			databasePath: ':memory:',
			adminPassword: 'long-enough',
			logLevel: 'warn',
			publicUrl: 'http://192.168.1.20:3000'
		});
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
		[{ PUBLIC_URL: 'http://host/path' }, 'PUBLIC_URL']
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
