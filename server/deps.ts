/**
 * The server's dependencies, made once per app: infrastructure (database, clock, bus), every
 * repository under `repos` and every service under `services`. Routes and the socket gateway
 * reach services only; repositories are for services (and for tests and the seed, which set
 * data up directly). Fastify's declaration merging below types `app.deps` everywhere, so no
 * module imports the app to know its shape.
 */
import type { FastifyBaseLogger } from 'fastify';
import { AccountRepository } from './accounts/account.repository';
import { AccountService } from './accounts/account.service';
import { AuthFailures } from './accounts/auth-failures';
import { AuthService } from './accounts/auth.service';
import { SessionRepository } from './accounts/session.repository';
import { UnitRepository } from './accounts/unit.repository';
import type { Db } from './db/client';
import { Bus } from './domain/bus';
import type { LiveIo } from './live/gateway';
import { FigureRepository } from './live/figures.repository';
import { FiguresService } from './live/figures.service';
import { LiveRepository } from './live/live.repository';
import { LiveRuntime, type LiveDiagnostics, type Timers } from './live/live.runtime';
import { FigureImportService } from './paperwork/figure-import.service';
import { FormsService } from './paperwork/forms.service';
import { ImportPreviewRepository } from './paperwork/import.repository';
import { ImportService } from './paperwork/import.service';
import { ProductImportRepository } from './paperwork/product-import.repository';
import { ProgressService } from './paperwork/progress.service';
import { ReportService } from './paperwork/report.service';
import { SalesRepository } from './paperwork/sales.repository';
import { SalesService } from './paperwork/sales.service';
import { TrainingRepository } from './paperwork/training.repository';
import { TrainingService } from './paperwork/training.service';
import { LinksService } from './planning/links.service';
import { PersonRepository } from './planning/person.repository';
import { PersonService } from './planning/person.service';
import { ProductRepository } from './planning/product.repository';
import { ProductService } from './planning/product.service';
import { ShowRepository } from './planning/show.repository';
import { ShowService } from './planning/show.service';
import { PosterRepository } from './posters/poster.repository';
import { PosterService } from './posters/poster.service';
import { DemoRepository } from './seed/demo.repository';
import { newestFigures, WallService } from './wall/wall.service';

/** What the live runtime (and the live API's token checks) take besides the repositories. */
export interface LiveOptions {
	/** Wrong link tokens and sessions an address may try a minute (AuthFailures). */
	authFailuresPerMinute?: number;
	timers?: Timers;
	diagnostics?: LiveDiagnostics | null;
	log?: FastifyBaseLogger;
}

/** One route as registered, for tests that must cover every route (access, fuzzing). */
export interface RouteEntry {
	method: string;
	url: string;
	auth: 'public' | 'session' | 'token';
	/** The route's zod schemas (params, querystring, body), when it declares them. */
	schema: { params?: unknown; querystring?: unknown; body?: unknown };
}

export function createRepositories(db: Db, rowLog?: FastifyBaseLogger) {
	// Rows whose JSON does not parse are reported to `rowLog` (db/rows.ts).
	return {
		accounts: new AccountRepository(db),
		sessions: new SessionRepository(db),
		units: new UnitRepository(db),
		shows: new ShowRepository(db, rowLog),
		products: new ProductRepository(db, rowLog),
		people: new PersonRepository(db, rowLog),
		posters: new PosterRepository(db),
		live: new LiveRepository(db, rowLog),
		figures: new FigureRepository(db, rowLog),
		imports: new ImportPreviewRepository(db, rowLog),
		productImports: new ProductImportRepository(db),
		sales: new SalesRepository(db),
		training: new TrainingRepository(db),
		demo: new DemoRepository(db)
	};
}
export type Repositories = ReturnType<typeof createRepositories>;

export function createDeps(db: Db, clock: () => number, publicUrl: string | null, liveOptions: LiveOptions = {}, trustProxy = false) {
	const repos = createRepositories(db, liveOptions.log);
	const bus = new Bus();
	const auth = new AuthService(repos.accounts, repos.sessions, bus, clock);
	// The token cache drops a rotated link (the repository does so itself; this covers a rotation announced by any writer).
	bus.on('tokenRotated', (showId) => repos.shows.forgetTokens(showId));
	const planning = { shows: repos.shows, live: repos.live, products: repos.products, people: repos.people, bus, clock };
	const shows = new ShowService(planning);
	const live = new LiveRuntime({ ...planning, ...liveOptions });
	const figures = new FiguresService({ figures: repos.figures, live, clock, log: liveOptions.log, bus });
	return {
		db,
		clock,
		publicUrl,
		/** Behind a trusted reverse proxy: links take the forwarded scheme and host. */
		trustProxy,
		authFailures: new AuthFailures(liveOptions.authFailuresPerMinute),
		bus,
		repos,
		services: {
			auth,
			accounts: new AccountService(repos.accounts, auth, clock),
			shows,
			products: new ProductService(planning),
			people: new PersonService(planning),
			links: new LinksService(repos.shows, bus),
			posters: new PosterService(repos.shows, repos.people, repos.products, repos.posters, clock),
			live,
			figures,
			wall: new WallService({ shows: repos.shows, live: repos.live, runtime: live, bus, clock, figures: (showIds) => newestFigures(figures.latest(showIds)) }),
			forms: new FormsService(repos.shows, repos.products, repos.people),
			imports: new ImportService(repos.imports, repos.products, repos.productImports, clock),
			reports: new ReportService(repos.live, repos.products, repos.sales, repos.figures, clock),
			figureImports: new FigureImportService(repos.live, repos.products, repos.sales, repos.figures, clock),
			sales: new SalesService(repos.sales, repos.products, clock),
			progress: new ProgressService(repos.shows, repos.products, repos.training, repos.live, clock),
			training: new TrainingService(repos.training, clock)
		}
	};
}
export type Deps = ReturnType<typeof createDeps>;
export type Services = Deps['services'];

declare module 'fastify' {
	interface FastifyInstance {
		deps: Deps;
		io: LiveIo;
		/** Every route registered, in order (HEAD routes Fastify adds for GETs included). */
		routeTable: RouteEntry[];
	}
}
