/**
 * Support for the paperwork tests: city accounts, multipart uploads through inject, xlsx
 * downloads read back with exceljs, and a real live run of a show written through the reducer.
 */
import type { FastifyInstance } from 'fastify';
import ExcelJS from 'exceljs';
import { accountOf } from './planning-support';

/** A coordinator account of a city unit (made on first use) and its session cookie. */
export const cityCookie = (app: FastifyInstance, unitCode: string): Promise<string> => accountOf(app, `coord-${unitCode}`, unitCode);

/** A multipart/form-data body with one file part. */
export function multipart(fileName: string, content: Buffer, field = 'file', type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') {
	const boundary = `----showcall${Math.random().toString(16).slice(2)}`;
	const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${encodeURIComponent(fileName)}"\r\nContent-Type: ${type}\r\n\r\n`);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
	return { payload: Buffer.concat([head, content, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export async function upload(app: FastifyInstance, cookie: string, url: string, fileName: string, content: Buffer) {
	const body = multipart(fileName, content);
	return app.inject({ method: 'POST', url, payload: body.payload, headers: { ...body.headers, cookie } });
}

export async function readXlsx(buffer: Buffer): Promise<ExcelJS.Workbook> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
	return workbook;
}

/** The text values of a row, from column 1. */
export function rowTexts(ws: ExcelJS.Worksheet, row: number): string[] {
	const out: string[] = [];
	ws.getRow(row).eachCell({ includeEmpty: true }, (cell, col) => (out[col - 1] = cell.value === null || cell.value === undefined ? '' : String(cell.value)));
	return out;
}

export function showByTitle(app: FastifyInstance, part: string) {
	const show = app.deps.repos.shows.list().find((s) => s.title.includes(part));
	if (!show) throw new Error(`no show titled …${part}…`);
	return show;
}
