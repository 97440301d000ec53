/**
 * Zod as Fastify's validator and serializer: every route declares zod schemas for its params,
 * query, body and responses; requests that do not match get a VALIDATION error with field issues,
 * and responses are parsed (unknown keys stripped) before they are written.
 */
import type { FastifyInstance, FastifySchemaCompiler, FastifyTypeProvider } from 'fastify';
import type { z } from 'zod';
import { validationError } from '../domain/errors';

const WHERE: Record<string, string> = { body: 'body', querystring: 'query', params: 'path parameters', headers: 'headers' };

/** A request part's validator from its zod schema: the parsed value, or a VALIDATION error naming the part. */
export const zodValidatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
	const zod = schema as unknown as z.ZodType;
	return (data: unknown) => {
		const result = zod.safeParse(data);
		return result.success ? { value: result.data } : { error: validationError(result.error, WHERE[httpPart ?? 'body'] ?? 'input') };
	};
};

export function registerZod(app: FastifyInstance) {
	app.setValidatorCompiler(zodValidatorCompiler);
	app.setSerializerCompiler(({ schema }) => {
		const zod = schema as unknown as z.ZodType;
		return (data: unknown) => JSON.stringify(zod.parse(data));
	});
}

/** Types the handlers' `request.body` etc. from the route's zod schemas. */
export interface ZodTypeProvider extends FastifyTypeProvider {
	validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
	serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}
