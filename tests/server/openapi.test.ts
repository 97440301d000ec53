/**
 * `GET /api/openapi.json`: public, `no-cache`, a valid OpenAPI 3.1 document (checked by an OpenAPI
 * validator) holding every registered route; docs/api.md is the table's current page.
 */
import type { FastifyInstance } from 'fastify';
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiMarkdown, openApiPath } from '../../server/http/openapi';
import { makeApp } from './support';

describe('GET /api/openapi.json', () => {
	let app: FastifyInstance;
	beforeAll(async () => {
		app = await makeApp();
	});
	afterAll(() => app.close());

	it('is public, no-cache, and a valid OpenAPI 3.1 document', async () => {
		const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
		expect(response.statusCode).toBe(200);
		expect(response.headers['cache-control']).toBe('no-cache');
		expect(response.headers['content-type']).toMatch(/^application\/json/);
		const document = response.json();
		expect(document.openapi).toBe('3.1.0');
		const validator = new Validator();
		const result = await validator.validate(document);
		expect(result.errors ?? []).toEqual([]);
		expect(result.valid).toBe(true);
	});

	it('holds every registered route, with its auth kind', async () => {
		const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, { 'x-auth': string }>> };
		const routes = app.routeTable.filter((r) => r.method !== 'HEAD');
		expect(routes.length).toBeGreaterThan(60);
		for (const route of routes) {
			const operation = document.paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
			expect(operation, `${route.method} ${route.url}`).toBeDefined();
			expect(operation['x-auth'], `${route.method} ${route.url}`).toBe(route.auth);
		}
	});

	it('docs/api.md is the endpoint table as it stands (npm run api:docs writes it)', () => {
		expect(readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8')).toBe(apiMarkdown());
	});
});
