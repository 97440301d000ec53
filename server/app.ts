/**
 * buildApp(): plugins → repositories → services → routes. The process entry (index.ts) and every
 * test call it; nothing here listens or reads the environment.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import type { Db } from './db/client';
import type { RouteEntry } from './deps';
import { clientErrorHandler, ERROR_STATUS, errorBody, registerErrorHandling } from './http/errors';
import { registerGuard } from './http/guard';
import { registerSecurityHeaders } from './http/security-headers';
import { BUILD_DIR, inlineScriptHashes, registerSpa } from './http/spa';
import { registerZod } from './http/validation';
import { registerRequestLog } from './logging';
import { accountRoutes } from './accounts/accounts.routes';
import { sessionRoutes } from './accounts/session.routes';
import { unitRoutes } from './accounts/units.routes';
import { createDeps } from './deps';
import { createGateway, type Heartbeat } from './live/gateway';
import { liveRoutes } from './live/live.routes';
import type { LiveDiagnostics, Timers } from './live/live.runtime';
import { paperworkRoutes } from './paperwork/paperwork.routes';
import { linkRoutes } from './planning/links.routes';
import { peopleRoutes } from './planning/people.routes';
import { productRoutes } from './planning/products.routes';
import { showRoutes } from './planning/shows.routes';
import { posterRoutes, publicShowRoutes } from './posters/posters.routes';
import { healthRoutes } from './system/health.routes';
import { openApiRoutes } from './system/openapi.routes';
import { tlsRoutes } from './system/tls.routes';
import { createWallGateway } from './wall/wall.gateway';

export interface AppOptions {
	db: Db;
	/** Server clock, epoch ms; tests pass a controllable one. */
	clock?: () => number;
	logger?: FastifyServerOptions['logger'];
	/** Folder of the built UI; defaults to build/. */
	uiDir?: string;
	/** Origin for show links (PUBLIC_URL); derived from each request when absent. */
	publicUrl?: string | null;
	/** Timer scheduling of the live runtime's alerts; tests pass one driven by their clock. */
	timers?: Timers;
	/** Benchmark measurements (never set in production). */
	diagnostics?: LiveDiagnostics | null;
	/** Engine.IO heartbeat; tests of dropped connections and of stalls shorten it (default a ping every 1 s, given up after 14 s more). */
	heartbeat?: Heartbeat;
	/** TLS_CERT/TLS_KEY read: serve HTTPS and WSS (HSTS, upgrade-insecure-requests); plain http when absent. */
	https?: { cert: Buffer; key: Buffer } | null;
	/** TRUST_PROXY: which proxies' X-Forwarded-For/-Proto/-Host count (Fastify's trustProxy). */
	trustProxy?: false | number | string[];
	/** The LAN CA certificate (`npm run tls:lan`) offered at /api/tls/ca.crt; 404 there when null. */
	lanCaPath?: string | null;
	/** Wrong link tokens and sessions an address may try a minute (HTTP and socket together); suites that hammer raise it. */
	authFailuresPerMinute?: number;
}

/** A hop count as Fastify applies it: the nearest `hops` addresses of X-Forwarded-For are proxies. */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
	const clock = options.clock ?? Date.now;
	const uiDir = options.uiDir ?? BUILD_DIR;
	const app = Fastify({
		// HTTPS on the same port (socket.io attaches to this server, so WSS too); typed as the http
		// server the rest of the app sees, which the https one extends.
		...((options.https ? { https: { cert: options.https.cert, key: options.https.key } } : {}) as object),
		logger: options.logger ?? false,
		// One line per request instead, without health checks and static files (logging.ts).
		logController: new LogController({ disableRequestLogging: true }),
		bodyLimit: 1024 * 1024,
		// Behind nothing by default: the request's own address is the client's. With TRUST_PROXY, the
		// client's address, scheme and host come from the proxy's X-Forwarded-For/-Proto/-Host.
		trustProxy: typeof options.trustProxy === 'number' ? trustHops(options.trustProxy) : (options.trustProxy ?? false),
		// Refused by Node's parser (headers over 16 KB…): in the API's shape too.
		clientErrorHandler,
		// Malformed URLs (bad percent-encoding) never reach a route; answer them in the API's shape too.
		frameworkErrors: (error, _request, reply: FastifyReply) => {
			void reply.status(ERROR_STATUS.BAD_REQUEST).send(errorBody('BAD_REQUEST', error.message));
		},
		routerOptions: {
			ignoreTrailingSlash: true,
			maxParamLength: 200,
			// Outside Fastify's reply path, so written by hand in the API's error shape.
			onMaxParamLength: (_path, _req, res) => {
				res.writeHead(ERROR_STATUS.URI_TOO_LONG, { 'content-type': 'application/json; charset=utf-8' });
				res.end(JSON.stringify(errorBody('URI_TOO_LONG', 'A path parameter is too long')));
			}
		}
	});

	// The route table, filled as routes register: the access and fuzz tests walk it, so a new route
	// is covered without anyone listing it; a test keeps it the same set as the endpoint table
	// (src/lib/contract/endpoints.ts). The guard checks /api only, so other routes are public.
	const routeTable: RouteEntry[] = [];
	app.decorate('routeTable', routeTable);
	app.addHook('onRoute', (route) => {
		for (const method of [route.method].flat()) {
			const schema = (route.schema ?? {}) as RouteEntry['schema'];
			routeTable.push({ method, url: route.url, auth: route.config?.auth ?? (route.url.startsWith('/api/') ? 'session' : 'public'), schema: { params: schema.params, querystring: schema.querystring, body: schema.body } });
		}
	});

	registerZod(app);
	registerErrorHandling(app);
	registerRequestLog(app);
	app.decorate('deps', createDeps(options.db, clock, options.publicUrl ?? null, { timers: options.timers, diagnostics: options.diagnostics, log: app.log, authFailuresPerMinute: options.authFailuresPerMinute }, Boolean(options.trustProxy)));

	await app.register(fastifyCookie);
	registerSecurityHeaders(app, { scriptHashes: inlineScriptHashes(uiDir), https: Boolean(options.https) });
	// Only routes that opt in are limited (sign-in); the rest of the API is not.
	await app.register(fastifyRateLimit, { global: false });

	registerGuard(app, app.deps.services.auth, Boolean(options.trustProxy));
	const { bus, clock: serverClock, authFailures, trustProxy, services } = app.deps;
	app.decorate('io', createGateway(app, { ...services, bus, clock: serverClock, authFailures, trustProxy, heartbeat: options.heartbeat }));
	// The monitoring wall: one socket per wall, on the same server (namespace /wall).
	createWallGateway(app, app.io, { ...services, bus, clock: serverClock, authFailures, trustProxy });
	// Running shows are read back and their alert timers rebuilt (a restart resumes where it was).
	app.deps.services.live.start();

	healthRoutes(app);
	sessionRoutes(app);
	unitRoutes(app);
	showRoutes(app);
	linkRoutes(app);
	posterRoutes(app);
	publicShowRoutes(app);
	productRoutes(app);
	peopleRoutes(app);
	accountRoutes(app);
	await paperworkRoutes(app);
	await liveRoutes(app);
	tlsRoutes(app, options.lanCaPath ?? null);
	openApiRoutes(app);

	await registerSpa(app, uiDir);
	return app;
}
