/**
 * The endpoint table (src/lib/contract/endpoints.ts) and the routes the server registers are the
 * same set, method and path, with the same auth kind: nothing registered is missing from the
 * table, nothing in the table is unregistered.
 */
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf } from '../../src/lib/contract/endpoint';
import { endpointList } from '../../src/lib/contract/endpoints';
import { makeApp } from './support';

describe('the endpoint table', () => {
	let app: FastifyInstance;
	const uiDir = mkdtempSync(join(tmpdir(), 'showcall-ui-'));

	beforeAll(async () => {
		// A built UI adds the page routes.
		writeFileSync(join(uiDir, '200.html'), '<!doctype html><title>ui</title>');
		app = await makeApp({ uiDir });
		await app.ready();
	});
	afterAll(async () => {
		await app.close();
		rmSync(uiDir, { recursive: true, force: true });
	});

	it('holds every registered route once, with its auth kind, and nothing else', () => {
		const registered = app.routeTable.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url} ${r.auth}`);
		const table = endpointList.map((e) => `${e.method} ${e.path} ${e.auth}`);
		expect(new Set(table).size).toBe(table.length);
		expect([...table].sort()).toEqual([...registered].sort());
	});

	it('names each endpoint once, as area.key', () => {
		const names = endpointList.map((e) => e.name);
		expect(new Set(names).size).toBe(names.length);
		for (const name of names) expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
	});

	it('declares a JSON answer or a content type for every endpoint but 204s, and the error codes its kind brings', () => {
		for (const endpoint of endpointList) {
			const answers = endpoint.status === 204 ? !endpoint.response && !endpoint.contentType : Boolean(endpoint.response) !== Boolean(endpoint.contentType);
			expect(answers, endpoint.name).toBe(true);
			const errors = errorsOf(endpoint);
			if (endpoint.auth === 'session') expect(errors, endpoint.name).toContain('UNAUTHENTICATED');
			if (endpoint.body) expect(errors, endpoint.name).toContain('VALIDATION');
		}
	});
});
