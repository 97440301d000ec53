/**
 * File uploads: multipart/form-data with one file in a field named `file`, at most 5 MB. Routes
 * that take uploads register inside `withUploads`, so no other route parses multipart bodies.
 */
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { MAX_IMPORT_BYTES } from '../../src/lib/core/nominations';
import { fileErrors } from '../paperwork/spreadsheet';
import { DomainError } from '../domain/errors';
import type { ZodTypeProvider } from './validation';

export interface Upload {
	buffer: Buffer;
	fileName: string;
}

/** Registers `routes` in a scope that parses multipart bodies. */
export async function withUploads(app: FastifyInstance, routes: (scope: FastifyInstance) => void) {
	await app.register(async (scope) => {
		await scope.register(fastifyMultipart, { limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 10, parts: 12, fieldSize: 10_000 } });
		routes(scope.withTypeProvider<ZodTypeProvider>() as unknown as FastifyInstance);
	});
}

/** The uploaded file, whole in memory; refused with NO_FILE, UNSUPPORTED_MEDIA_TYPE or FILE_TOO_LARGE. */
export async function readUpload(request: FastifyRequest): Promise<Upload> {
	if (!request.isMultipart()) throw new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data in a field named “file”');
	const noFile = () => new DomainError('NO_FILE', 'No file: send it in a multipart field named “file”');
	let part;
	try {
		part = await request.file();
	} catch (err) {
		throw mapMultipartError(err);
	}
	if (!part) throw noFile();
	if (part.fieldname !== 'file') {
		part.file.resume();
		throw noFile();
	}
	let buffer: Buffer;
	try {
		buffer = await part.toBuffer();
	} catch (err) {
		throw mapMultipartError(err);
	}
	// Only the name's last path part, without control characters, for showing back.
	const fileName = (part.filename || 'upload').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 200) || 'upload';
	return { buffer, fileName };
}

function mapMultipartError(err: unknown): Error {
	const code = (err as { code?: string }).code;
	if (code === 'FST_REQ_FILE_TOO_LARGE') return fileErrors.tooLarge();
	if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return new DomainError('BODY_TOO_LARGE', 'Send one file at a time');
	if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data');
	if (code === 'FST_MP_PREMATURE_CLOSE') return new DomainError('BAD_REQUEST', 'The upload was interrupted');
	if (err instanceof DomainError || (err as { statusCode?: number }).statusCode !== undefined) return err as Error;
	// Anything else the multipart parser throws is a body it cannot read (a truncated part, a
	// missing boundary): the client's fault, not the server's (the fuzz test found these as 500s).
	return new DomainError('BAD_REQUEST', 'The upload could not be read as multipart/form-data');
}
