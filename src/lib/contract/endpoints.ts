/**
 * The whole HTTP API, each endpoint once (endpoint.ts says what an entry holds), one module per
 * area in endpoints/ (a page that calls one area, like sign-in or the public page, loads only
 * that one). The server registers its routes from this table (server/http/route.ts), the client calls by it
 * (src/lib/api/client.ts `call`), the access and fuzz suites cross-check it, and
 * `GET /api/openapi.json` and docs/api.md are generated from it. A test keeps it and the
 * registered routes the same set.
 */
import type { Endpoint } from './endpoint';
import { healthEndpoints } from './endpoints/health';
import { sessionEndpoints } from './endpoints/session';
import { unitsEndpoints } from './endpoints/units';
import { showsEndpoints } from './endpoints/shows';
import { linksEndpoints } from './endpoints/links';
import { postersEndpoints } from './endpoints/posters';
import { publicEndpoints } from './endpoints/public';
import { productsEndpoints } from './endpoints/products';
import { peopleEndpoints } from './endpoints/people';
import { accountsEndpoints } from './endpoints/accounts';
import { formsEndpoints } from './endpoints/forms';
import { importsEndpoints } from './endpoints/imports';
import { reportsEndpoints } from './endpoints/reports';
import { progressEndpoints } from './endpoints/progress';
import { trainingEndpoints } from './endpoints/training';
import { liveEndpoints } from './endpoints/live';
import { figuresEndpoints } from './endpoints/figures';
import { openapiEndpoints } from './endpoints/openapi';
import { tlsEndpoints } from './endpoints/tls';
import { uiEndpoints } from './endpoints/ui';

export const endpoints = {
	health: healthEndpoints,
	session: sessionEndpoints,
	units: unitsEndpoints,
	shows: showsEndpoints,
	links: linksEndpoints,
	posters: postersEndpoints,
	public: publicEndpoints,
	products: productsEndpoints,
	people: peopleEndpoints,
	accounts: accountsEndpoints,
	forms: formsEndpoints,
	imports: importsEndpoints,
	reports: reportsEndpoints,
	progress: progressEndpoints,
	training: trainingEndpoints,
	live: liveEndpoints,
	figures: figuresEndpoints,
	openapi: openapiEndpoints,
	tls: tlsEndpoints,
	ui: uiEndpoints
};

/** Every endpoint, in table order. */
export const endpointList: Endpoint[] = Object.values(endpoints).flatMap((group) => Object.values(group) as Endpoint[]);
