/**
 * Uploads that would take the process down if unpacked whole: a declared-size bomb (headers say
 * 1,000 bytes, the stream inflates to 4.2 GB), deeply nested XML, a billion-laughs DTD, an
 * archive of 50,000 entries. Each is refused with its code — for product imports and for sales
 * files — while a live show runs with a host and a producer screen connected: they never drop,
 * and a message sent while the bomb is being read reaches the host. The reader's own limits
 * (entries, sizes, ratio, depth, a worker's memory and time) are checked with small values.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DomainError } from '../../server/domain/errors';
import { ERROR_STATUS } from '../../server/http/errors';
import { readSheets } from '../../server/paperwork/spreadsheet-reader';
import { readZipDirectory, scanZip, UNPACK_LIMITS } from '../../server/paperwork/zip-guard';
import type { LiveConnection } from '../../src/lib/realtime/live-connection';
import { noticeLayoutFile } from '../fixtures/nominations';
import { billionLaughs, declaredSizeBomb, deepNesting, honestBomb, manyEntries, SHEET, xmlBombStream, replacePart } from '../fixtures/zip-bombs';
import { closeScreens, command, demoShow, next, screen, type ShowHandle } from './live-support';
import { cityCookie, upload } from './paperwork-support';
import { listen, makeApp, signIn } from './support';

const MB = 1024 * 1024;

let workbook: Buffer;
beforeAll(async () => {
	workbook = await noticeLayoutFile();
});

const refusal = async (run: Promise<unknown>) => {
	try {
		await run;
	} catch (err) {
		// A service's DomainError carries a code; its HTTP status is the one table's.
		const e = err as DomainError;
		return { status: ERROR_STATUS[e.code], code: e.code, message: e.message };
	}
	throw new Error('not refused');
};

describe('the reader refuses what costs too much to unpack', () => {
	it('reads a real workbook in its worker', async () => {
		const sheets = await readSheets(workbook);
		expect(sheets.map((s) => [s.name, s.rowCount, s.grid?.length])).toEqual([['附件3', 8, 9]]);
		expect((await readSheets(workbook, { maxRows: 5 }))[0].grid).toBeNull();
	});

	it('a declared-size bomb: stops inflating one byte past what the entry declares', async () => {
		const bomb = declaredSizeBomb(workbook, 1024 * MB);
		expect(bomb.length).toBeLessThan(5 * MB);
		const entries = readZipDirectory(bomb); // the directory alone looks harmless
		expect(entries.find((e) => e.name === SHEET)?.declaredBytes).toBe(1000);
		expect(await refusal(scanZip(bomb, entries))).toMatchObject({ status: 413, code: 'FILE_TOO_LARGE_UNPACKED', message: expect.stringMatching(/sheet1\.xml unpacks to more than the 1000 bytes it declares/) });
	});

	it('caps each entry, the total, the ratio and the number of entries (configurable; real caps below)', async () => {
		const honest = honestBomb(workbook, 20 * MB);
		expect(await refusal(readSheets(honest, { limits: { maxEntryBytes: 10 * MB } }))).toMatchObject({ code: 'FILE_TOO_LARGE_UNPACKED', message: expect.stringMatching(/sheet1\.xml unpacks to \d+ MB; at most 10 MB/) });
		expect(await refusal(readSheets(honest, { limits: { maxTotalBytes: 15 * MB } }))).toMatchObject({ code: 'FILE_TOO_LARGE_UNPACKED', message: expect.stringMatching(/more than 15 MB/) });
		expect(await refusal(readSheets(honest, { limits: { maxRatio: 100 } }))).toMatchObject({ code: 'FILE_TOO_LARGE_UNPACKED', message: expect.stringMatching(/compressed \d+:1; a spreadsheet is at most 100:1/) });
		expect(await refusal(readSheets(workbook, { limits: { maxEntries: 5 } }))).toMatchObject({ code: 'FILE_TOO_LARGE_UNPACKED', message: expect.stringMatching(/holds \d+ files; a workbook has at most 5/) });
		// A lie that stays within the caps is still caught: the stream gives more than declared.
		const lying = replacePart(workbook, SHEET, { name: SHEET, ...xmlBombStream(3 * MB), declaredBytes: 2 * MB });
		expect(await refusal(readSheets(lying, { limits: { maxRatio: 1000 } }))).toMatchObject({ status: 413, code: 'FILE_TOO_LARGE_UNPACKED', message: expect.stringMatching(/more than the 2097152 bytes it declares/) });
		// The real caps: an honest gigabyte, and a 50 MB entry compressed beyond 200:1.
		expect(await refusal(readSheets(honestBomb(workbook, 1024 * MB)))).toMatchObject({ status: 413, message: expect.stringMatching(/at most 100 MB/) });
		expect(await refusal(readSheets(honestBomb(workbook, 50 * MB)))).toMatchObject({ status: 413, message: expect.stringMatching(/at most 200:1/) });
		expect(UNPACK_LIMITS).toMatchObject({ maxEntries: 1000, maxTotalBytes: 100 * MB, maxRatio: 200, maxXmlDepth: 128 });
	});

	it('deep nesting and DTDs are refused as the XML streams by', async () => {
		expect(await refusal(readSheets(deepNesting(workbook)))).toMatchObject({ status: 422, code: 'SPREADSHEET_UNREADABLE', message: expect.stringMatching(/nests elements more than 128 deep/) });
		expect(await refusal(readSheets(billionLaughs(workbook)))).toMatchObject({ status: 422, code: 'SPREADSHEET_UNREADABLE', message: expect.stringMatching(/DTD/) });
		// 100 levels are fine (a worksheet needs under 10).
		expect(await readSheets(deepNesting(workbook, 100))).toHaveLength(1);
	});

	it('a worker that runs out of memory or time is stopped, and answers 413 or 422', async () => {
		expect(await refusal(readSheets(workbook, { limits: { heapMb: 2 } }))).toMatchObject({ status: 413, code: 'FILE_TOO_LARGE_UNPACKED', message: expect.stringMatching(/memory/) });
		expect(await refusal(readSheets(workbook, { limits: { timeoutMs: 1 } }))).toMatchObject({ status: 422, code: 'SPREADSHEET_TIMEOUT' });
		// And the next file is read as usual.
		expect(await readSheets(workbook)).toHaveLength(1);
	});
});

describe('bombs sent while a show is live', () => {
	let app: FastifyInstance;
	let base: string;
	let show: ShowHandle;
	let host: LiveConnection;
	let producer: LiveConnection;
	const statuses: string[] = [];

	beforeAll(async () => {
		app = await makeApp();
		base = await listen(app);
		show = demoShow(app);
		host = await screen(base, { token: show.hostToken, deviceName: '主播平板' });
		producer = await screen(base, { token: show.producerToken, deviceName: '场控' });
		for (const conn of [host, producer]) conn.on('status', (status) => statuses.push(status));
		await command(app, show.producerToken, 'start');
	});
	afterAll(async () => {
		closeScreens();
		await app.close();
	});

	const bombs: [string, () => Buffer, number, string][] = [
		['a declared-size bomb (4 MB, 1,000 bytes declared, 4.2 GB inflated)', () => declaredSizeBomb(workbook, 4200 * MB), 413, 'FILE_TOO_LARGE_UNPACKED'],
		['an honest 1 GB bomb', () => honestBomb(workbook, 1024 * MB), 413, 'FILE_TOO_LARGE_UNPACKED'],
		['XML nested 100,000 deep', () => deepNesting(workbook), 422, 'SPREADSHEET_UNREADABLE'],
		['a billion-laughs DTD', () => billionLaughs(workbook), 422, 'SPREADSHEET_UNREADABLE'],
		['50,000 entries', () => manyEntries(workbook, 50_000), 413, 'FILE_TOO_LARGE_UNPACKED']
	];

	it('refuses each, for product imports and sales files, and the screens see no gap', async () => {
		const city = await cityCookie(app, 'wuhan');
		const admin = await signIn(app);
		const rssBefore = process.memoryUsage().rss;
		let n = 0;
		const delivery: number[] = [];
		for (const [name, make, status, code] of bombs) {
			const file = make();
			for (const [cookie, url] of [
				[city, '/api/imports/products?unit=wuhan'],
				[admin, `/api/shows/${show.showId}/sales/import`]
			]) {
				const text = `bomb ${++n}`;
				const sent = performance.now();
				const heard = next(host, 'snapshot', (s) => s.messages.some((m) => m.text === text));
				const response = upload(app, cookie, url, 'bomb.xlsx', file);
				await command(app, show.producerToken, 'message', { text });
				await heard;
				delivery.push(performance.now() - sent);
				const answer = await response;
				expect(answer.statusCode, `${name} → ${url}: ${answer.body}`).toBe(status);
				expect(answer.json().error.code, name).toBe(code);
			}
		}
		const rssAfter = process.memoryUsage().rss;
		console.log(`upload bombs: rss ${Math.round(rssBefore / MB)} → ${Math.round(rssAfter / MB)} MB; message to the host delivered in ${delivery.map((d) => Math.round(d)).join(', ')} ms while a bomb was read`);
		expect(rssAfter - rssBefore).toBeLessThan(300 * MB);
		// Never anything but online: no drop, no reconnection.
		expect(statuses.filter((s) => s !== 'online')).toEqual([]);
		expect(host.status).toBe('online');
		expect(producer.status).toBe('online');
		// The valid file still imports.
		expect((await upload(app, admin, '/api/imports/products?unit=yichang', 'ok.xlsx', workbook)).statusCode).toBe(200);
	}, 60_000);
});
