import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';

describe('loadConfig', () => {
	it('has defaults that serve a newcomer', () => {
		expect(loadConfig({})).toEqual({ port: 3000, host: '0.0.0.0', databasePath: 'data/showcall.db', adminPassword: null, logLevel: 'info' });
	});

	it('reads every variable', () => {
		expect(loadConfig({ PORT: '8080', HOST: '127.0.0.1', DATABASE_PATH: ':memory:', ADMIN_PASSWORD: 'long-enough', LOG_LEVEL: 'WARN' })).toEqual({
			port: 8080,
			host: '127.0.0.1',
			databasePath: ':memory:',
			adminPassword: 'long-enough',
			logLevel: 'warn'
		});
	});

	it.each([
		[{ PORT: 'eighty' }, 'PORT'],
		[{ PORT: '70000' }, 'PORT'],
		[{ PORT: '-1' }, 'PORT'],
		[{ HOST: 'bad host!' }, 'HOST'],
		[{ DATABASE_PATH: 'data/' }, 'DATABASE_PATH'],
		[{ ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
		[{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL']
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
