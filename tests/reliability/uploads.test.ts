/**
 * Upload bombs against the real server process (`node --import tsx server/index.ts`) during a live
 * show: the 4 MB file whose sheet1.xml declares 1,000 bytes and inflates to 4.2 GB (the one that
 * took the server from 247 MB to a heap OOM), an honest 1 GB one, XML nested 100,000 deep, a
 * billion-laughs DTD and 50,000 entries — each sent to the product import and to the sales import.
 * Every one is refused with its code; the process's peak RSS (VmHWM) stays within 300 MB of where
 * it was; 20 host screens never drop; a message sent while each bomb is read reaches them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import type { LiveWireSnapshot } from '../../src/lib/contract/live';
import { noticeLayoutFile } from '../fixtures/nominations';
import { billionLaughs, declaredSizeBomb, deepNesting, honestBomb, manyEntries } from '../fixtures/zip-bombs';
import { recordFigures } from './support/figures';
import { percentile, round } from './support/rng';
import { closeAll, openScreens, type TrackedScreen } from './support/screens';
import { freePort, ServerProcess, tempDir } from './support/server-process';

const PASSWORD = 'uploads-suite-password';
const MB = 1024 * 1024;

const cleanup: (() => unknown)[] = [];
afterAll(async () => {
	for (const step of cleanup.reverse()) await step();
});

/** VmRSS and VmHWM (peak) of a process, MB. */
function memoryOf(pid: number): { rss: number; peak: number } {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)![1]);
	return { rss: round(kb('VmRSS') / 1024), peak: round(kb('VmHWM') / 1024) };
}

describe('upload bombs against the running server', () => {
	it('refuses each with its code, the process stays small, and live screens see no gap', async () => {
		const dir = tempDir('showcall-uploads-');
		cleanup.push(() => dir.remove());
		const server = new ServerProcess({ port: await freePort(), databasePath: join(dir.path, 'showcall.db'), adminPassword: PASSWORD });
		cleanup.push(() => server.kill9());
		await server.start();
		const cookie = await server.signIn();
		const show = await server.demoShow(cookie);
		const bearer = { authorization: `Bearer ${show.producerToken}`, 'content-type': 'application/json' };
		await server.json('/api/live/start', { method: 'POST', headers: { authorization: bearer.authorization } });
		const screens: TrackedScreen[] = await openScreens(server.base, show.hostToken, 20, 'uploads');
		cleanup.push(() => closeAll(screens));

		const workbook = await noticeLayoutFile();
		const send = (url: string, file: Buffer) => {
			const form = new FormData();
			form.append('file', new Blob([new Uint8Array(file)]), 'bomb.xlsx');
			return fetch(`${server.base}${url}`, { method: 'POST', headers: { cookie }, body: form });
		};
		// Warm up: a valid import (the worker's first start), then the baseline.
		expect((await send('/api/imports/products?unit=yichang', workbook)).status).toBe(200);
		const before = memoryOf(server.pid!);

		const bombs: [string, Buffer, number, string][] = [
			['declared 1,000 B, inflates to 4.2 GB', declaredSizeBomb(workbook, 4200 * MB), 413, 'FILE_TOO_LARGE_UNPACKED'],
			['declares 1 GB', honestBomb(workbook, 1024 * MB), 413, 'FILE_TOO_LARGE_UNPACKED'],
			['XML 100,000 deep', deepNesting(workbook), 422, 'SPREADSHEET_UNREADABLE'],
			['billion laughs', billionLaughs(workbook), 422, 'SPREADSHEET_UNREADABLE'],
			['50,000 entries', manyEntries(workbook, 50_000), 413, 'FILE_TOO_LARGE_UNPACKED']
		];
		const answered: Record<string, string> = {};
		const deliveryMs: number[] = [];
		let n = 0;
		for (const [name, file, status, code] of bombs) {
			for (const url of ['/api/imports/products?unit=wuhan', `/api/shows/${show.showId}/sales/import`]) {
				const text = `bomb ${++n}`;
				const sent = performance.now();
				const heard = Promise.all(
					screens.map(
						(s) =>
							new Promise<void>((resolve) => {
								const off = s.conn.on('snapshot', (snap: LiveWireSnapshot) => {
									if (!snap.messages.some((m) => m.text === text)) return;
									off();
									resolve();
								});
							})
					)
				);
				const response = send(url, file);
				await server.json('/api/live/message', { method: 'POST', headers: bearer, body: JSON.stringify({ text }) });
				await heard;
				deliveryMs.push(performance.now() - sent);
				const answer = await response;
				const body = (await answer.json()) as { error: { code: string; message: string } };
				expect(answer.status, `${name} → ${url}: ${JSON.stringify(body)}`).toBe(status);
				expect(body.error.code).toBe(code);
				answered[`${name} (${url.includes('sales') ? 'sales' : 'products'})`] = `${answer.status} ${body.error.code}`;
			}
		}
		const after = memoryOf(server.pid!);

		expect(server.running).toBe(true);
		expect(screens.flatMap((s) => s.drops)).toEqual([]);
		expect(screens.every((s) => s.welcomes.length === 1)).toBe(true);
		expect(after.peak - before.peak).toBeLessThan(300);
		// The server still imports a valid file.
		expect((await send('/api/imports/products?unit=yichang', workbook)).status).toBe(200);

		recordFigures('uploads', {
			bombs: answered,
			bombBytes: Object.fromEntries(bombs.map(([name, file]) => [name, file.length])),
			rssBeforeMb: before.rss,
			rssAfterMb: after.rss,
			peakRssBeforeMb: before.peak,
			peakRssAfterMb: after.peak,
			screens: screens.length,
			screenDrops: 0,
			messageDeliveredWhileReadingP50Ms: round(percentile(deliveryMs, 50)),
			messageDeliveredWhileReadingMaxMs: round(Math.max(...deliveryMs))
		});
	});
});
