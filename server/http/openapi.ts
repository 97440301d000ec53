/**
 * `GET /api/openapi.json` and docs/api.md, both generated from the endpoint table
 * (src/lib/contract/endpoints.ts) with zod 4's own `z.toJSONSchema`.
 */
import { z } from 'zod';
import { errorsOf, type Endpoint } from '../../src/lib/contract/endpoint';
import { endpointList } from '../../src/lib/contract/endpoints';
import { ERROR_STATUS } from './errors';

type JsonSchema = Record<string, unknown>;

const jsonSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
	const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
	return rest;
};

const ERROR_SCHEMA: JsonSchema = {
	type: 'object',
	required: ['error'],
	properties: {
		error: {
			type: 'object',
			required: ['code', 'message'],
			properties: {
				code: { type: 'string' },
				message: { type: 'string' },
				fields: {
					type: 'array',
					items: { type: 'object', required: ['path', 'code', 'message'], properties: { path: { type: 'string' }, code: { type: 'string' }, message: { type: 'string' }, params: { type: 'object' } } }
				}
			}
		}
	}
};

/** `/api/shows/:id` → `/api/shows/{id}`; the page wildcard `/*` → `/{file}`. */
export const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}').replace(/\/\*$/, '/{file}');

function parameters(endpoint: Endpoint) {
	const list: JsonSchema[] = [];
	const from = (schema: z.ZodType | undefined, where: 'path' | 'query') => {
		if (!schema) return;
		const json = jsonSchema(schema, 'input') as { properties?: Record<string, JsonSchema>; required?: string[] };
		for (const [name, property] of Object.entries(json.properties ?? {})) {
			list.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: property });
		}
	};
	from(endpoint.params, 'path');
	from(endpoint.query, 'query');
	if (endpoint.path.endsWith('/*')) list.push({ name: 'file', in: 'path', required: true, schema: { type: 'string' } });
	return list;
}

function operation(endpoint: Endpoint): JsonSchema {
	const status = String(endpoint.status ?? 200);
	const success: JsonSchema = endpoint.response
		? { description: 'OK', content: { 'application/json': { schema: jsonSchema(endpoint.response, 'output') } } }
		: endpoint.contentType
			? { description: 'OK', content: { [endpoint.contentType]: { schema: { type: 'string' } } } }
			: { description: 'No content' };
	const errors = errorsOf(endpoint);
	const op: JsonSchema = {
		operationId: endpoint.name,
		summary: endpoint.summary,
		tags: [endpoint.name.split('.')[0]],
		'x-auth': endpoint.auth,
		'x-error-codes': errors,
		parameters: parameters(endpoint),
		responses: {
			[status]: success,
			...(errors.length > 0 ? { default: { description: `An error: ${errors.join(', ')}`, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } } } : {})
		}
	};
	if (endpoint.auth === 'session') op.security = [{ session: [] }];
	if (endpoint.auth === 'token') op.security = [{ showLink: [] }];
	if (endpoint.body) op.requestBody = { required: false, content: { 'application/json': { schema: jsonSchema(endpoint.body, 'input') } } };
	if (endpoint.upload) {
		op.requestBody = {
			required: true,
			content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', contentMediaType: 'application/octet-stream' } } } } }
		};
	}
	return op;
}

/** The OpenAPI 3.1 document of the whole HTTP API. */
export function openApiDocument(version = '0.1.0') {
	const paths: Record<string, Record<string, JsonSchema>> = {};
	for (const endpoint of endpointList) {
		(paths[openApiPath(endpoint.path)] ??= {})[endpoint.method.toLowerCase()] = operation(endpoint);
	}
	return {
		openapi: '3.1.0',
		info: {
			title: 'Showcall 场控台 HTTP API',
			version,
			description: 'Planning (session cookie), the live control API for Stream Deck / Companion and scripts (a show link token as `Authorization: Bearer <token>`), and public pages. Errors are `{ error: { code, message, fields? } }`.'
		},
		paths,
		components: {
			schemas: { Error: ERROR_SCHEMA },
			securitySchemes: {
				session: { type: 'apiKey', in: 'cookie', name: 'showcall_session' },
				showLink: { type: 'http', scheme: 'bearer', description: 'A show link’s token (producer or host)' }
			}
		}
	};
}

const AUTH_TEXT: Record<Endpoint['auth'], string> = { public: 'public', session: 'session cookie', token: 'show link token (Bearer)' };

/** docs/api.md: the table as a page for script and Stream Deck / Companion users. */
export function apiMarkdown(): string {
	const lines = [
		'# HTTP API',
		'',
		'<!-- Generated from src/lib/contract/endpoints.ts by `npm run api:docs`; tests/server/openapi.test.ts keeps it up to date. -->',
		'',
		'Every endpoint of the server, from the one endpoint table (`src/lib/contract/endpoints.ts`). The machine-readable',
		'form, with every request and response schema, is the OpenAPI 3.1 document at `GET /api/openapi.json`.',
		'',
		'- **Auth**: *public*; *session cookie* (sign in with `POST /api/session`); *show link token* — the token of a',
		'  producer or host link as `Authorization: Bearer <token>` (the live control API, for Stream Deck / Companion).',
		'- **Errors** are JSON `{ "error": { "code", "message", "fields"? } }`; the codes each endpoint can answer are listed.',
		'  State-changing requests from another site answer 403 `CROSS_SITE_REQUEST`. Each code\'s status is in',
		'  [Error codes](#error-codes) at the end.',
		''
	];
	let group = '';
	for (const endpoint of endpointList) {
		const area = endpoint.name.split('.')[0];
		if (area !== group) {
			group = area;
			lines.push(`## ${area}`, '', '| Endpoint | Name | Auth | Answer | Errors |', '| --- | --- | --- | --- | --- |');
		}
		const answer = endpoint.contentType ?? (endpoint.status === 204 ? '204 no content' : `${endpoint.status ?? 200} JSON`);
		const input = [endpoint.params && 'params', endpoint.query && 'query', endpoint.body && 'JSON body', endpoint.upload && 'multipart `file`'].filter(Boolean).join(', ');
		const errors = errorsOf(endpoint).map((code) => `\`${code}\``).join(' ');
		lines.push(`| \`${endpoint.method} ${endpoint.path}\` — ${endpoint.summary}${input ? ` (${input})` : ''} | \`${endpoint.name}\` | ${AUTH_TEXT[endpoint.auth]} | ${answer} | ${errors} |`);
		const next = endpointList[endpointList.indexOf(endpoint) + 1];
		if (!next || next.name.split('.')[0] !== area) lines.push('');
	}
	// The one status table, by status: what a code answers over HTTP (the live socket's refusals carry the same codes).
	lines.push('## Error codes', '', 'The HTTP status of every error code (the live socket\'s refusals carry the same codes).', '', '| Status | Codes |', '| --- | --- |');
	const byStatus = new Map<number, string[]>();
	for (const [code, status] of Object.entries(ERROR_STATUS)) byStatus.set(status, [...(byStatus.get(status) ?? []), `\`${code}\``]);
	for (const status of [...byStatus.keys()].sort((a, b) => a - b)) lines.push(`| ${status} | ${byStatus.get(status)!.join(' ')} |`);
	lines.push('');
	return lines.join('\n');
}
