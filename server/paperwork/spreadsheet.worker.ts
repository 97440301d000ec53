/**
 * The worker thread that reads an uploaded workbook (see spreadsheet-reader): streams through the
 * archive counting its real bytes (zip-guard), then lets exceljs load it and answers each filled
 * sheet as a grid of plain values. Whatever the file does to this thread's memory or time, the
 * server's own thread is untouched.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { DomainError } from '../domain/errors';
import { filledSheets, inspectXlsx, loadXlsx, sheetGrid } from './spreadsheet';
import type { SheetsReply, SheetsRequest } from './spreadsheet-reader';
import { scanZip } from './zip-guard';

async function read({ buffer, limits, maxRows }: SheetsRequest): Promise<SheetsReply> {
	try {
		const buf = Buffer.from(buffer);
		await scanZip(buf, inspectXlsx(buf, limits), limits);
		const workbook = await loadXlsx(buf);
		const sheets = filledSheets(workbook).map((ws) => ({
			name: ws.name,
			rowCount: ws.actualRowCount,
			grid: ws.actualRowCount > maxRows ? null : sheetGrid(ws)
		}));
		return { ok: true, sheets };
	} catch (err) {
		if (err instanceof DomainError) return { ok: false, error: { code: err.code, message: err.message } };
		return { ok: false, error: { code: 'SPREADSHEET_UNREADABLE', message: 'The workbook cannot be read' } };
	}
}

parentPort!.postMessage(await read(workerData as SheetsRequest));
