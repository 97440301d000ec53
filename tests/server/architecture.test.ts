/**
 * The server's layers and its one table of error statuses: services (and the domain module they
 * throw from) import nothing from server/http; every error code has exactly one HTTP status; every
 * code the endpoint table and the live socket name is a known code.
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

describe('server layers', () => {
	it.each(['services', 'domain'])('no file in server/%s imports from server/http', (folder) => {
		const files = sources(join(root, 'server', folder));
		expect(files.length).toBeGreaterThan(0);
		const offending = files.flatMap((file) =>
			imports(file)
				.filter((spec) => {
					const target = resolve(dirname(file), spec);
					return target === HTTP_DIR || target.startsWith(HTTP_DIR + '/');
				})
				.map((spec) => `${relative(root, file)} → ${spec}`)
		);
		expect(offending).toEqual([]);
	});

	it('the import scan sees the imports it looks for', () => {
		// A guard's guard: the check above passes vacuously if the pattern stops matching.
		expect(imports(join(root, 'server', 'routes', 'live.routes.ts'))).toContain('../http/route');
		expect(imports(join(root, 'server', 'services', 'scope.ts'))).toContain('../domain/access');
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
