/**
 * buildApp(): plugins → repositories → services → routes. The process entry (index.ts) and every
 * test call it; nothing here listens or reads the environment.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyReply, type FastifyInstance, type FastifyServerOptions, type RawReplyDefaultExpression, type RawRequestDefaultExpression, type RawServerDefault } from 'fastify';
import type { Db } from './db/client';
import { clientErrorHandler, ERROR_STATUS, errorBody, registerErrorHandling } from './http/errors';
import { registerGuard } from './http/guard';
import { BUILD_DIR, inlineScriptHashes, registerApiNoStore, registerSpa } from './http/spa';
import { registerZod, type ZodTypeProvider } from './http/validation';
import { registerRequestLog } from './logging';
import { createGateway, type Heartbeat, type LiveIo } from './realtime/gateway';
import { AccountRepository } from './repositories/account.repository';
import { LiveRepository } from './repositories/live.repository';
import { PersonRepository } from './repositories/person.repository';
import { PosterRepository } from './repositories/poster.repository';
import { ProductRepository } from './repositories/product.repository';
import { SessionRepository } from './repositories/session.repository';
import { ShowRepository } from './repositories/show.repository';
import { UnitRepository } from './repositories/unit.repository';
import { healthRoutes } from './routes/health.routes';
import { linkRoutes } from './routes/links.routes';
import { paperworkRoutes } from './routes/paperwork.routes';
import { posterRoutes, publicShowRoutes } from './routes/posters.routes';
import { liveRoutes } from './routes/live.routes';
import { sessionRoutes } from './routes/session.routes';
import { showRoutes } from './routes/shows.routes';
import { openApiRoutes } from './routes/openapi.routes';
import { tlsRoutes } from './routes/tls.routes';
import { unitRoutes } from './routes/units.routes';
import { AuthFailures } from './services/auth-failures';
import { AuthService } from './services/auth.service';
import { Bus } from './services/bus';
import { LinksService } from './services/links.service';
import { paperworkDeps } from './services/paperwork';
import { PosterService } from './services/poster.service';
import { AccountService } from './services/account.service';
import { PersonService } from './services/person.service';
import { ProductService } from './services/product.service';
import { ShowService } from './services/show.service';
import { accountRoutes } from './routes/accounts.routes';
import { peopleRoutes } from './routes/people.routes';
import { productRoutes } from './routes/products.routes';
import { LiveRuntime, type LiveDiagnostics, type Timers } from './services/live.runtime';

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
	/** Engine.IO heartbeat; tests of dropped connections shorten it (default 10 s + 5 s). */
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

/** One route as registered, for tests that must cover every route (access, fuzzing). */
export interface RouteEntry {
	method: string;
	url: string;
	auth: 'public' | 'session' | 'token';
	/** The route's zod schemas (params, querystring, body), when it declares them. */
	schema: { params?: unknown; querystring?: unknown; body?: unknown };
}

/** What the live runtime (and the live API's token checks) take besides the repositories. */
export interface LiveOptions {
	/** Wrong link tokens and sessions an address may try a minute (AuthFailures). */
	authFailuresPerMinute?: number;
	timers?: Timers;
	diagnostics?: LiveDiagnostics | null;
	log?: FastifyBaseLogger;
}

export function createDeps(db: Db, clock: () => number, publicUrl: string | null, live: LiveOptions = {}, trustProxy = false) {
	const accounts = new AccountRepository(db);
	const sessionRepo = new SessionRepository(db);
	// Rows whose JSON does not parse are reported here (repositories/rows.ts).
	const rowLog = live.log;
	const shows = new ShowRepository(db, rowLog);
	const posters = new PosterRepository(db);
	const products = new ProductRepository(db, rowLog);
	const people = new PersonRepository(db, rowLog);
	const bus = new Bus();
	const liveRepo = new LiveRepository(db, rowLog);
	const auth = new AuthService(accounts, sessionRepo, bus, clock);
	// The token cache drops a rotated link (the repository does so itself; this covers a rotation announced by any writer).
	bus.on('tokenRotated', (showId) => shows.forgetTokens(showId));
	return {
		db,
		clock,
		publicUrl,
		/** Behind a trusted reverse proxy: links take the forwarded scheme and host. */
		trustProxy,
		authFailures: new AuthFailures(live.authFailuresPerMinute),
		bus,
		accounts,
		units: new UnitRepository(db),
		products,
		people,
		shows,
		posters,
		posterService: new PosterService(shows, people, products, posters),
		auth,
		links: new LinksService(shows, bus),
		paperwork: paperworkDeps(db, clock, { live: liveRepo, shows, products, people, rowLog }),
		planning: {
			shows: new ShowService({ shows, live: liveRepo, products, people, bus, clock }),
			products: new ProductService({ products, shows, bus, clock }),
			people: new PersonService({ people, shows, bus, clock }),
			accounts: new AccountService(accounts, auth, clock)
		},
		liveRepo,
		live: new LiveRuntime({ live: liveRepo, shows, products, people, bus, clock, ...live })
	};
}
export type Deps = ReturnType<typeof createDeps>;

export type AppInstance = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider> & {
	deps: Deps;
	io: LiveIo;
	routeTable: RouteEntry[];
};

declare module 'fastify' {
	interface FastifyInstance {
		deps: Deps;
		io: LiveIo;
		/** Every route registered, in order (HEAD routes Fastify adds for GETs included). */
		routeTable: RouteEntry[];
	}
}

/** A hop count as Fastify applies it: the nearest `hops` addresses of X-Forwarded-For are proxies. */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

export async function buildApp(options: AppOptions): Promise<AppInstance> {
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
	}).withTypeProvider<ZodTypeProvider>() as AppInstance;

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
	registerApiNoStore(app);
	app.decorate('deps', createDeps(options.db, clock, options.publicUrl ?? null, { timers: options.timers, diagnostics: options.diagnostics, log: app.log, authFailuresPerMinute: options.authFailuresPerMinute }, Boolean(options.trustProxy)));

	await app.register(fastifyCookie);
	await app.register(fastifyHelmet, {
		hsts: false,
		contentSecurityPolicy: {
			useDefaults: true,
			directives: {
				'script-src': ["'self'", ...inlineScriptHashes(uiDir)],
				'style-src': ["'self'", "'unsafe-inline'"],
				'img-src': ["'self'", 'data:', 'blob:'],
				'connect-src': ["'self'"],
				// Over plain http on the LAN, never ask the browser to upgrade; under built-in TLS, do.
				'upgrade-insecure-requests': options.https ? [] : null
			}
		}
	});
	// HSTS only for requests that came over https (built in, or a trusted proxy's X-Forwarded-Proto):
	// a plain-http LAN answer never tells a browser to refuse http later.
	app.addHook('onRequest', async (request, reply) => {
		if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
	});
	// Only routes that opt in are limited (sign-in); the rest of the API is not.
	await app.register(fastifyRateLimit, { global: false });

	registerGuard(app, app.deps.auth, Boolean(options.trustProxy));
	app.decorate('io', createGateway(app, { ...app.deps, heartbeat: options.heartbeat }));
	// Running shows are read back and their alert timers rebuilt (a restart resumes where it was).
	app.deps.live.start();

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
