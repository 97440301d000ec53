/**
 * The process: configuration → database → app → listen, and a graceful close on SIGINT/SIGTERM.
 * `npm start` runs this (after building the UI when needed).
 */
import { networkInterfaces } from 'node:os';
import { buildApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { DatabaseError, openDatabase, type Db } from './db/client';
import { benchDiagnostics } from './diagnostics';
import { loggerOptions } from './logging';
import { seed } from './services/seed.service';

function fail(message: string): never {
	console.error(`showcall: ${message}`);
	process.exit(1);
}

function lanUrls(port: number): string[] {
	return Object.values(networkInterfaces())
		.flat()
		.filter((a) => a && a.family === 'IPv4' && !a.internal)
		.map((a) => `http://${a!.address}:${port}/`);
}

async function main() {
	let config: Config;
	let db: Db;
	try {
		config = loadConfig();
		db = openDatabase(config.databasePath);
	} catch (err) {
		if (err instanceof ConfigError || err instanceof DatabaseError) fail(err.message);
		throw err;
	}

	const app = await buildApp({ db, logger: loggerOptions(config), publicUrl: config.publicUrl, diagnostics: benchDiagnostics() });
	const seeded = await seed(app.deps, config.adminPassword);

	let closing = false;
	const close = async (signal: string) => {
		if (closing) return;
		closing = true;
		app.log.info(`${signal}: closing`);
		const force = setTimeout(() => {
			console.error('showcall: close took longer than 5 s; exiting');
			process.exit(1);
		}, 5000);
		force.unref();
		try {
			await app.close();
			db.$client.close();
		} finally {
			process.exit(0);
		}
	};
	process.on('SIGINT', () => void close('SIGINT'));
	process.on('SIGTERM', () => void close('SIGTERM'));

	try {
		await app.listen({ port: config.port, host: config.host });
	} catch (err) {
		fail(`cannot listen on ${config.host}:${config.port}: ${(err as Error).message}`);
	}

	const address = app.server.address();
	const port = typeof address === 'object' && address ? address.port : config.port;
	const lines = [
		'',
		'  Showcall 场控台 is running',
		`  Local:   http://localhost:${port}/`,
		...(config.host === '0.0.0.0' || config.host === '::' ? lanUrls(port).map((u) => `  Network: ${u}`) : []),
		`  Database: ${config.databasePath}`,
		'',
		'  Sign in as: admin',
		...(seeded.generatedAdminPassword
			? [
					`  Password (shown once): ${seeded.generatedAdminPassword}`,
					'  Change it after signing in (账号 → admin). ADMIN_PASSWORD counts on the first start only.'
				]
			: seeded.adminCreated
				? ['  Password: the ADMIN_PASSWORD you set (it counts on the first start only)']
				: []),
		'  Lost the password? npm run admin -- reset-password admin',
		''
	];
	console.log(lines.join('\n'));
}

main().catch((err) => {
	console.error(err);
	process.exit(1);
});
