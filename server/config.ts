/**
 * Configuration from the environment. Defaults serve a newcomer on a laptop: the app listens on
 * every interface so a tablet on the same Wi-Fi can reach it.
 */
export interface Config {
	port: number;
	host: string;
	/** A file path, or ':memory:'. */
	databasePath: string;
	/** Password for the `admin` account created on first start; random when absent. */
	adminPassword: string | null;
	logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
	/** Base URL printed in show links and QR codes; derived from the request (LAN address) when null. */
	publicUrl: string | null;
	/** PEM files (TLS_CERT, TLS_KEY): HTTPS and WSS on `port` when set, plain http when null. */
	tls: { certPath: string; keyPath: string } | null;
	/** HTTP_REDIRECT_PORT: a plain-http port that redirects to https (TLS only). */
	httpRedirectPort: number | null;
	/** TRUST_PROXY: false, a hop count, or a comma-separated list of IPs/CIDRs (Fastify's trustProxy). */
	trustProxy: false | number | string[];
}

/** Thrown for a bad variable; the message is one line naming it. */
export class ConfigError extends Error {}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
	const value = (name: string) => {
		const v = env[name];
		return v === undefined || v.trim() === '' ? undefined : v.trim();
	};

	const portText = value('PORT') ?? '3000';
	const port = Number(portText);
	if (!/^\d+$/.test(portText) || port > 65535) throw new ConfigError(`PORT must be a whole number from 0 to 65535, got "${portText}"`);

	const host = value('HOST') ?? '0.0.0.0';
	if (!/^[A-Za-z0-9.:_-]+$/.test(host)) throw new ConfigError(`HOST must be a host name or an IP address, got "${host}"`);

	const databasePath = value('DATABASE_PATH') ?? 'data/showcall.db';
	if (databasePath.endsWith('/')) throw new ConfigError(`DATABASE_PATH must name a file (or :memory:), got the folder "${databasePath}"`);

	const adminPassword = env.ADMIN_PASSWORD === undefined || env.ADMIN_PASSWORD === '' ? null : env.ADMIN_PASSWORD;
	if (adminPassword !== null && adminPassword.length < 8) throw new ConfigError('ADMIN_PASSWORD must be at least 8 characters long');

	const logLevel = (value('LOG_LEVEL') ?? 'info').toLowerCase();
	if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
		throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
	}

	const publicUrl = value('PUBLIC_URL') ?? null;
	if (publicUrl !== null && !/^https?:\/\/[^\s/?#]+\/?$/.test(publicUrl)) {
		throw new ConfigError(`PUBLIC_URL must be an http(s) origin like http://192.168.1.20:3000, got "${publicUrl}"`);
	}

	const certPath = value('TLS_CERT');
	const keyPath = value('TLS_KEY');
	if ((certPath === undefined) !== (keyPath === undefined)) {
		throw new ConfigError(`${certPath ? 'TLS_KEY' : 'TLS_CERT'} must be set too: TLS_CERT and TLS_KEY go together (both PEM file paths, or neither)`);
	}
	const tls = certPath && keyPath ? { certPath, keyPath } : null;

	const redirectText = value('HTTP_REDIRECT_PORT');
	let httpRedirectPort: number | null = null;
	if (redirectText !== undefined) {
		httpRedirectPort = Number(redirectText);
		if (!/^\d+$/.test(redirectText) || httpRedirectPort < 1 || httpRedirectPort > 65535) throw new ConfigError(`HTTP_REDIRECT_PORT must be a whole number from 1 to 65535, got "${redirectText}"`);
		if (!tls) throw new ConfigError('HTTP_REDIRECT_PORT needs TLS_CERT and TLS_KEY (it redirects to https)');
	}

	return {
		port,
		host,
		databasePath,
		adminPassword,
		logLevel: logLevel as Config['logLevel'],
		publicUrl: publicUrl?.replace(/\/$/, '') ?? null,
		tls,
		httpRedirectPort,
		trustProxy: parseTrustProxy(value('TRUST_PROXY'))
	};
}

const IP_OR_CIDR = /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-f:]*:[0-9a-f:.]*)(\/\d{1,3})?$/i;

/** `1` (hops), `127.0.0.1,10.0.0.0/8` (addresses), or unset/`false`/`0` (no proxy trusted). */
function parseTrustProxy(text: string | undefined): Config['trustProxy'] {
	if (text === undefined || /^(false|0)$/i.test(text)) return false;
	if (/^\d+$/.test(text)) return Number(text);
	const list = text.split(',').map((s) => s.trim()).filter(Boolean);
	const bad = list.find((s) => !IP_OR_CIDR.test(s) && !/^(loopback|linklocal|uniquelocal)$/.test(s));
	if (bad !== undefined || list.length === 0) {
		throw new ConfigError(`TRUST_PROXY must be a hop count like 1 or comma-separated IPs/CIDRs like 127.0.0.1,10.0.0.0/8, got "${text}"`);
	}
	return list;
}
