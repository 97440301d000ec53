/**
 * Reading an uploaded workbook without risking the server: the cheap checks (what the file is, its
 * zip directory) run here; the unpacking and parsing run in a worker thread with its own memory
 * limits and a time limit. A pathological file costs at most that worker, which is then gone, and
 * is answered `413 FILE_TOO_LARGE_UNPACKED`, `422 SPREADSHEET_UNREADABLE` or
 * `422 SPREADSHEET_TIMEOUT`; the live shows on the main thread never notice.
 */
import { Worker } from 'node:worker_threads';
import type { SheetCell } from '../../src/lib/core/nominations';
import type { ErrorCode } from '../../src/lib/contract/errors';
import { DomainError } from '../domain/errors';
import { inspectXlsx } from './spreadsheet';
import { UNPACK_LIMITS, unpackErrors, type UnpackLimits } from './zip-guard';

export interface ReaderLimits extends UnpackLimits {
	/** The worker's V8 heap (old generation), MB. */
	heapMb: number;
	/** How long a worker may read one file, ms. */
	timeoutMs: number;
	/** Workers reading at once; more uploads wait their turn. */
	concurrency: number;
}

export const READER_LIMITS: ReaderLimits = { ...UNPACK_LIMITS, heapMb: 256, timeoutMs: 20_000, concurrency: 2 };

export interface SheetData {
	name: string;
	rowCount: number;
	/** Null when the sheet has more than `maxRows` rows (not read into a grid). */
	grid: SheetCell[][] | null;
}

export interface SheetsRequest {
	buffer: Uint8Array;
	limits: UnpackLimits;
	maxRows: number;
}

export type SheetsReply = { ok: true; sheets: SheetData[] } | { ok: false; error: { code: ErrorCode; message: string } };

export const readerErrors = {
	outOfMemory: (heapMb: number) => unpackErrors.tooLarge(`reading it needs more than the ${heapMb} MB of memory an upload may use`),
	timeout: (ms: number) => new DomainError('SPREADSHEET_TIMEOUT', `The workbook took longer than ${ms / 1000} s to read; save it again in Excel, or split it`),
	crashed: () => unpackErrors.unreadable('the reader stopped on it')
};

const WORKER = new URL('./spreadsheet-worker.mjs', import.meta.url);

let running = 0;
const waiting: (() => void)[] = [];

async function slot<T>(concurrency: number, run: () => Promise<T>): Promise<T> {
	while (running >= concurrency) await new Promise<void>((resolve) => waiting.push(resolve));
	running++;
	try {
		return await run();
	} finally {
		running--;
		waiting.shift()?.();
	}
}

/**
 * The filled sheets of an uploaded .xlsx (in workbook order), read in a worker thread within
 * `limits`. Sheets of more than `maxRows` rows come without a grid.
 */
export async function readSheets(buf: Buffer, options: { maxRows?: number; limits?: Partial<ReaderLimits> } = {}): Promise<SheetData[]> {
	const limits = { ...READER_LIMITS, ...options.limits };
	inspectXlsx(buf, limits); // refuses the cheap cases before any thread starts
	const request: SheetsRequest = { buffer: new Uint8Array(buf), limits, maxRows: options.maxRows ?? Number.MAX_SAFE_INTEGER };
	const reply = await slot(limits.concurrency, () => inWorker(request, limits));
	if (!reply.ok) throw new DomainError(reply.error.code, reply.error.message);
	return reply.sheets;
}

function inWorker(request: SheetsRequest, limits: ReaderLimits): Promise<SheetsReply> {
	return new Promise((resolve, reject) => {
		const worker = new Worker(WORKER, {
			workerData: request,
			transferList: [request.buffer.buffer as ArrayBuffer],
			resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: Math.min(32, Math.max(4, limits.heapMb / 8)) },
			stdout: false,
			stderr: false
		});
		let settled = false;
		const settle = (done: () => void) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			done();
			void worker.terminate();
		};
		const timer = setTimeout(() => settle(() => reject(readerErrors.timeout(limits.timeoutMs))), limits.timeoutMs);
		worker.once('message', (reply: SheetsReply) => settle(() => resolve(reply)));
		worker.once('error', (err: Error & { code?: string }) =>
			settle(() => reject(err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? readerErrors.outOfMemory(limits.heapMb) : readerErrors.crashed()))
		);
		worker.once('exit', () => settle(() => reject(readerErrors.crashed())));
	});
}
