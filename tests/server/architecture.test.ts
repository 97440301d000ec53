/**
 * The server's layers and its one table of error statuses: feature folders whose services and
 * repositories import nothing from server/http, routes that reach services only, no import
 * cycles; every error code has exactly one HTTP status; every code the endpoint table and the
 * live socket name is a known code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ERROR_STATUS } from '../../server/http/errors';
import { errorsOf } from '../../src/lib/contract/endpoint';
import { endpointList } from '../../src/lib/contract/endpoints';
import { ERROR_CODES } from '../../src/lib/contract/errors';
import { HANDSHAKE_ERROR_CODES, LIVE_ACK_ERROR_CODES } from '../../src/lib/contract/live';

const root = process.cwd();
const HTTP_DIR = join(root, 'server', 'http');

function sources(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? sources(join(dir, entry.name)) : /\.(ts|mts|mjs|js)$/.test(entry.name) ? [join(dir, entry.name)] : []
	);
}

/** The relative module specifiers a file imports or re-exports, statically or dynamically. */
function imports(file: string): string[] {
	const text = readFileSync(file, 'utf8');
	const found = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])([^'"]+)\1/g)].map((m) => m[2]);
	return found.filter((spec) => spec.startsWith('.'));
}

const SERVER = join(root, 'server');
const FEATURES = ['accounts', 'planning', 'live', 'posters', 'paperwork', 'seed', 'system', 'wall'];
const inside = (file: string, dir: string) => file === dir || file.startsWith(dir + '/');
/** Where each relative import of `file` points (without extension). */
const targets = (file: string) => imports(file).map((spec) => resolve(dirname(file), spec).replace(/\.(ts|mjs|js)$/, ''));
const role = (file: string) => (/\.routes\.ts$/.test(file) ? 'routes' : /\.repository\.ts$/.test(file) ? 'repository' : 'other');

describe('server layers', () => {
	const files = sources(SERVER);
	const violations = (ok: (from: string, to: string) => boolean) =>
		files.flatMap((file) => targets(file).filter((to) => !ok(file, to)).map((to) => `${relative(root, file)} → ${relative(root, to)}`));

	it('is laid out by feature, each folder with its routes, services and repositories', () => {
		const folders = readdirSync(SERVER, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
		expect(folders).toEqual([...FEATURES, 'db', 'domain', 'http'].sort());
	});

	it('only routes, the socket gateway and the app import from server/http', () => {
		const mayUseHttp = (file: string) => role(file) === 'routes' || inside(file, HTTP_DIR) || ['app.ts', 'index.ts', 'live/gateway.ts', 'wall/wall.gateway.ts'].some((f) => file === join(SERVER, f));
		expect(violations((from, to) => mayUseHttp(from) || !inside(to, HTTP_DIR))).toEqual([]);
	});

	it('routes reach services only, never a repository or the database', () => {
		expect(violations((from, to) => role(from) !== 'routes' || (!/\.repository$/.test(to) && !inside(to, join(SERVER, 'db'))))).toEqual([]);
	});

	it('repositories, the database module and the domain depend on no service, route or feature', () => {
		const base = (file: string) => role(file) === 'repository' || inside(file, join(SERVER, 'db')) || inside(file, join(SERVER, 'domain'));
		expect(violations((from, to) => !base(from) || !inside(to, SERVER) || /\.repository$/.test(to) || inside(to, join(SERVER, 'db')) || inside(to, join(SERVER, 'domain')))).toEqual([]);
	});

	it('has no import cycles (types included)', () => {
		const graph = new Map(files.map((file) => [file.replace(/\.(ts|mjs|js)$/, ''), targets(file).filter((to) => inside(to, SERVER))]));
		const cycles: string[] = [];
		const state = new Map<string, 'open' | 'done'>();
		const visit = (node: string, path: string[]) => {
			if (state.get(node) === 'done') return;
			if (state.get(node) === 'open') {
				cycles.push([...path.slice(path.indexOf(node)), node].map((n) => relative(root, n)).join(' → '));
				return;
			}
			state.set(node, 'open');
			for (const next of graph.get(node) ?? []) visit(next, [...path, node]);
			state.set(node, 'done');
		};
		for (const node of graph.keys()) visit(node, []);
		expect(cycles).toEqual([]);
	});

	it('the import scan sees the imports it looks for', () => {
		// A guard's guard: the checks above pass vacuously if the pattern stops matching.
		expect(imports(join(SERVER, 'live', 'live.routes.ts'))).toContain('../http/route');
		expect(imports(join(SERVER, 'domain', 'scope.ts'))).toContain('./access');
		expect(targets(join(SERVER, 'app.ts'))).toContain(join(SERVER, 'deps'));
	});
});

describe('the error status table', () => {
	it('gives every error code one HTTP error status, and knows no other code', () => {
		expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
		for (const code of ERROR_CODES) {
			const status = ERROR_STATUS[code];
			expect(Number.isInteger(status) && status >= 400 && status <= 599, `${code}: ${status}`).toBe(true);
		}
		expect(Object.keys(ERROR_STATUS).sort()).toEqual([...ERROR_CODES].sort());
	});

	it('knows every error code the endpoint table names', () => {
		const unknown = endpointList.flatMap((endpoint) => errorsOf(endpoint).filter((code) => !(code in ERROR_STATUS)).map((code) => `${endpoint.name}: ${code}`));
		expect(unknown).toEqual([]);
	});

	it('knows every code the live socket answers, with the statuses the HTTP control API has always given them', () => {
		for (const code of [...LIVE_ACK_ERROR_CODES, ...HANDSHAKE_ERROR_CODES]) expect(ERROR_CODES, code).toContain(code);
		expect(ERROR_STATUS).toMatchObject({ FORBIDDEN: 403, STALE_VERSION: 409, NOT_FOUND: 404, RATE_LIMITED: 429, INTERNAL: 500, COMMAND_EXPIRED: 422, COMMAND_FROM_FUTURE: 422, NOT_LIVE: 422 });
	});
});
