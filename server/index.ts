/**
 * The process: configuration → database → app → listen, and a graceful close on SIGINT/SIGTERM.
 * `npm start` runs this (after building the UI when needed).
 */
import type { Server } from 'node:http';
import { networkInterfaces } from 'node:os';
import { buildApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { DatabaseError, openDatabase, type Db } from './db/client';
import { benchDiagnostics } from './diagnostics';
import { loggerOptions } from './logging';
import { readTls, redirectServer, type TlsFiles } from './tls';
import { seed } from './seed/seed.service';

function fail(message: string): never {
	console.error(`showcall: ${message}`);
	process.exit(1);
}

function lanUrls(scheme: string, port: number): string[] {
	return Object.values(networkInterfaces())
		.flat()
		.filter((a) => a && a.family === 'IPv4' && !a.internal)
		.map((a) => `${scheme}://${a!.address}:${port}/`);
}

async function main() {
	let config: Config;
	let db: Db;
	let tls: TlsFiles | null;
	try {
		config = loadConfig();
		tls = config.tls ? readTls(config.tls) : null;
		db = openDatabase(config.databasePath);
	} catch (err) {
		if (err instanceof ConfigError || err instanceof DatabaseError) fail(err.message);
		throw err;
	}

	const app = await buildApp({
		db,
		logger: loggerOptions(config),
		publicUrl: config.publicUrl,
		diagnostics: benchDiagnostics(),
		https: tls,
		trustProxy: config.trustProxy,
		lanCaPath: tls?.caPath ?? null
	});
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
			redirect?.close();
			await app.close();
			db.$client.close();
		} finally {
			process.exit(0);
		}
	};
	let redirect: Server | null = null;
	process.on('SIGINT', () => void close('SIGINT'));
	process.on('SIGTERM', () => void close('SIGTERM'));

	try {
		await app.listen({ port: config.port, host: config.host });
	} catch (err) {
		fail(`cannot listen on ${config.host}:${config.port}: ${(err as Error).message}`);
	}

	const address = app.server.address();
	const port = typeof address === 'object' && address ? address.port : config.port;
	const scheme = tls ? 'https' : 'http';
	if (tls && config.httpRedirectPort !== null) {
		const server = redirectServer(port);
		redirect = server;
		await new Promise<void>((resolve) => {
			server.once('error', (err) => fail(`cannot listen on ${config.host}:${config.httpRedirectPort} (HTTP_REDIRECT_PORT): ${err.message}`));
			server.listen(config.httpRedirectPort!, config.host, resolve);
		});
	}
	const lines = [
		'',
		'  Showcall 场控台 is running',
		`  Local:   ${scheme}://localhost:${port}/`,
		...(config.host === '0.0.0.0' || config.host === '::' ? lanUrls(scheme, port).map((u) => `  Network: ${u}`) : []),
		...(tls ? [`  TLS:     ${config.tls!.certPath}${config.httpRedirectPort !== null ? ` · http://…:${config.httpRedirectPort}/ redirects to https` : ''}`] : []),
		...(tls?.caPath ? [`  LAN CA:  ${tls.caPath} (tablets install it from the device-setup page)`] : []),
		...(config.trustProxy !== false ? [`  Behind a reverse proxy: TRUST_PROXY=${[config.trustProxy].flat().join(',')}`] : []),
		`  Database: ${config.databasePath}`,
		'',
		'  Sign in as: admin',
		...(seeded.generatedAdminPassword
			? [
					`  Password (shown once): ${seeded.generatedAdminPassword}`,
					'  Change it after signing in (修改密码, top right). ADMIN_PASSWORD counts on the first start only.'
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
