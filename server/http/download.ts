/** File downloads: the Content-Disposition of a file with a Chinese name, and the xlsx response. */
import type { FastifyReply } from 'fastify';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Content-Disposition for a download with a Chinese file name (ASCII fallback for old clients). */
export function attachment(fileName: string, asciiFallback: string): string {
	return `attachment; filename="${asciiFallback}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Sends an xlsx download; never cached (it holds contacts and prices). */
export function sendXlsx(reply: FastifyReply, file: { buffer: Buffer; fileName: string; asciiName: string }) {
	return reply
		.header('content-type', XLSX_TYPE)
		.header('content-disposition', attachment(file.fileName, file.asciiName))
		.header('cache-control', 'no-store')
		.send(file.buffer);
}
