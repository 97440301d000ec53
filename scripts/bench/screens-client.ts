/** The benchmark's screens (screens.ts) in a worker thread, asked one request at a time. */
import { Worker } from 'node:worker_threads';
import type { z } from 'zod';
import { readScreensAnswer, screensWorkerDataSchema, type ScreensAnswer, type ScreensRequest } from './channels';

export class ScreensWorker {
	readonly #worker: Worker;
	#queue: ((answer: ScreensAnswer) => void)[] = [];
	#failed: string | null = null;

	/**
	 * `niceness` (0–19, Linux; 0, the default, is not niced): the screens' thread yields the CPU to the server's threads. Screens
	 * stand in for other devices; on this machine they would otherwise take a core the server is
	 * waiting for, and the server's own figures would show the benchmark's clients.
	 */
	constructor(options: { niceness?: number } = {}) {
		const workerData: z.input<typeof screensWorkerDataSchema> = { niceness: options.niceness ?? 0 };
		this.#worker = new Worker(new URL('./screens-worker.mjs', import.meta.url), { workerData });
		this.#worker.on('message', (message: unknown) => {
			let answer: ScreensAnswer;
			try {
				answer = readScreensAnswer(message);
			} catch (err) {
				answer = { type: 'error', message: err instanceof Error ? err.message : String(err) };
			}
			this.#queue.shift()?.(answer);
		});
		const fail = (message: string) => {
			this.#failed = message;
			for (const waiter of this.#queue.splice(0)) waiter({ type: 'error', message });
		};
		this.#worker.on('error', (err) => fail(err.stack ?? String(err)));
		this.#worker.on('exit', (code) => fail(`exited (${code})`));
	}

	async ask<T extends ScreensAnswer['type']>(request: ScreensRequest, expect: T): Promise<Extract<ScreensAnswer, { type: T }>> {
		const answer = await new Promise<ScreensAnswer>((resolve) => {
			if (this.#failed) return resolve({ type: 'error', message: this.#failed });
			this.#queue.push(resolve);
			this.#worker.postMessage(request);
		});
		if (answer.type === 'error') throw new Error(`screens worker: ${answer.message}`);
		if (answer.type !== expect) throw new Error(`screens worker answered ${answer.type}, expected ${expect}`);
		return answer as Extract<ScreensAnswer, { type: T }>;
	}

	async close() {
		await this.ask({ type: 'close' }, 'closed').catch(() => {});
		await this.#worker.terminate();
	}
}
