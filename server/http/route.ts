/**
 * Registers a route from its entry in the endpoint table (src/lib/contract/endpoints.ts): method,
 * path, the zod schemas (params, query, body, the answer) and the auth kind come from the entry,
 * so each exists once; the handler's request and answer are typed from them.
 */
import type {
	FastifyContextConfig,
	FastifyInstance,
	FastifySchemaCompiler,
	FastifySerializerCompiler,
	RawReplyDefaultExpression,
	RawRequestDefaultExpression,
	RawServerDefault,
	RouteGenericInterface,
	RouteHandlerMethod,
	onSendHookHandler
} from 'fastify';
import type { Endpoint } from '../../src/lib/contract/endpoint';
import type { ZodTypeProvider } from './validation';


type Part<E, K extends string> = E extends { [P in K]: infer S } ? S : undefined;
type StatusOf<E> = E extends { status: infer S extends number } ? S : 200;

/** The Fastify schema of an entry, as types. */
export type RouteSchema<E extends Endpoint> = {
	params: Part<E, 'params'>;
	querystring: Part<E, 'query'>;
	body: Part<E, 'body'>;
	response: E extends { response: infer R } ? { [S in StatusOf<E>]: R } : undefined;
};

export type RouteHandler<E extends Endpoint> = RouteHandlerMethod<
	RawServerDefault,
	RawRequestDefaultExpression,
	RawReplyDefaultExpression,
	RouteGenericInterface,
	FastifyContextConfig,
	RouteSchema<E>,
	ZodTypeProvider
>;

/** What a route may add to its entry: more config (a rate limit; `auth` always comes from the entry), its own validator and serializer, its own onSend hook. */
export interface RouteExtras {
	config?: Omit<FastifyContextConfig, 'auth'>;
	validatorCompiler?: FastifySchemaCompiler<unknown>;
	serializerCompiler?: FastifySerializerCompiler<unknown>;
	onSend?: onSendHookHandler;
}

/** A request under /api (its URL, query and all): `/api`, `/api/…` or `/api?…`, not `/apiary`. The API's, answered with JSON (or a file it sends), never the app's page. */
export function isApiUrl(url: string): boolean {
	if (!url.startsWith('/api')) return false;
	const next = url.charCodeAt(4);
	return Number.isNaN(next) || next === 0x2f /* / */ || next === 0x3f /* ? */;
}

export function route<E extends Endpoint>(app: FastifyInstance, endpoint: E, handler: RouteHandler<E>, extras: RouteExtras = {}) {
	const schema: Record<string, unknown> = {};
	if (endpoint.params) schema.params = endpoint.params;
	if (endpoint.query) schema.querystring = endpoint.query;
	if (endpoint.body) schema.body = endpoint.body;
	if (endpoint.response) schema.response = { [endpoint.status ?? 200]: endpoint.response };
	app.withTypeProvider<ZodTypeProvider>().route({
		method: endpoint.method,
		url: endpoint.path,
		config: { ...extras.config, auth: endpoint.auth },
		schema: schema as RouteSchema<E>,
		...(extras.validatorCompiler ? { validatorCompiler: extras.validatorCompiler } : {}),
		...(extras.serializerCompiler ? { serializerCompiler: extras.serializerCompiler } : {}),
		...(extras.onSend ? { onSend: extras.onSend } : {}),
		handler
	});
}
