/**
 * What the benchmark's processes, threads and sockets say to each other is parsed on receipt
 * (scripts/bench/channels.ts, server/diagnostics.ts): a good message reads as it was sent, a
 * malformed one throws an error naming its channel, and a message of another type on a shared
 * channel (the diagnostics IPC) is left alone.
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
	readFloorCmd,
	readFloorHandshake,
	readFloorSnapshot,
	readScreensAnswer,
	readScreensRequest,
	readScreensWorkerData,
	readWsFloorCmd,
	readWsFloorDriverMessage,
	readWsFloorPush,
	type ScreensAnswer,
	type ScreensRequest
} from '../../scripts/bench/channels';
import { readDiagnosticsAnswer, readDiagnosticsRequest } from '../../server/diagnostics';

describe('the diagnostics IPC', () => {
	it('reads the requests and leaves messages of other types alone', () => {
		expect(readDiagnosticsRequest({ type: 'diagnostics:read', gc: true })).toEqual({ type: 'diagnostics:read', gc: true });
		expect(readDiagnosticsRequest({ type: 'diagnostics:reset' })).toEqual({ type: 'diagnostics:reset' });
		for (const other of [null, 'diagnostics:read', 42, {}, { type: 'other' }, { type: 7 }]) expect(readDiagnosticsRequest(other)).toBeNull();
	});

	it('throws on a request it cannot read, naming the channel', () => {
		expect(() => readDiagnosticsRequest({ type: 'diagnostics:read', gc: 'yes' })).toThrow(/^diagnostics IPC \(request\): malformed message/);
		expect(() => readDiagnosticsRequest({ type: 'diagnostics:reset', all: true })).toThrow(/^diagnostics IPC \(request\)/);
	});

	it('reads Showcall\'s answer and a floor\'s, and waits past messages of other types', () => {
		const showcall = { type: 'diagnostics', fanoutMs: [0.4, 1.2], commitMs: [0.1], publishMs: [0.2], rssBytes: 90_000_000, heapUsedBytes: 30_000_000, eventLoopDelayMs: { p50: 0, p99: 1.5, max: 3 } };
		expect(readDiagnosticsAnswer(showcall)).toEqual(showcall);
		expect(readDiagnosticsAnswer({ type: 'diagnostics', fanoutMs: [], rssBytes: 50_000_000 })).toEqual({ type: 'diagnostics', fanoutMs: [], rssBytes: 50_000_000 });
		expect(readDiagnosticsAnswer({ type: 'something-else', fanoutMs: 'x' })).toBeNull();
	});

	it('throws on an answer it cannot read, naming the channel', () => {
		expect(() => readDiagnosticsAnswer({ type: 'diagnostics', fanoutMs: ['1'], rssBytes: 1 })).toThrow(/^diagnostics IPC \(answer\): malformed message/);
		expect(() => readDiagnosticsAnswer({ type: 'diagnostics', fanoutMs: [] })).toThrow(/^diagnostics IPC \(answer\)/);
	});

	it('throws on a refusal, with its code and message', () => {
		expect(() => readDiagnosticsAnswer({ type: 'diagnostics:refused', code: 'MALFORMED_REQUEST', message: 'gc: expected boolean' })).toThrow(
			'diagnostics IPC: the process refused the request: MALFORMED_REQUEST: gc: expected boolean'
		);
		expect(() => readDiagnosticsAnswer({ type: 'diagnostics:refused', code: 'OTHER', message: 'x' })).toThrow(/^diagnostics IPC \(refusal\): malformed message/);
	});

	it('a process refuses a request it cannot read, and goes on answering', async () => {
		// The socket.io floor answers with scripts/bench/channels.ts's serveFloorDiagnostics (server/diagnostics.ts's onDiagnosticsRequest, as the server's).
		const child = fork('scripts/bench/floor-server.ts', [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
		try {
			const exited = once(child, 'exit').then(([code]) => {
				throw new Error(`the floor exited (${code})`);
			});
			const next = async () => (await Promise.race([once(child, 'message'), exited]))[0];
			child.send({ type: 'diagnostics:read', gc: 'yes' });
			const refusal = await next();
			expect(refusal).toMatchObject({ type: 'diagnostics:refused', code: 'MALFORMED_REQUEST', message: expect.stringMatching(/^diagnostics IPC \(request\): malformed message/) });
			expect(() => readDiagnosticsAnswer(refusal)).toThrow(/MALFORMED_REQUEST/);
			child.send({ type: 'diagnostics:read' });
			const answer = readDiagnosticsAnswer(await next());
			expect(answer).toMatchObject({ type: 'diagnostics', fanoutMs: [] });
			expect(child.exitCode).toBeNull();
		} finally {
			child.kill();
		}
	});
});

describe('the screens worker\'s messages', () => {
	const shows = [{ showId: 1, producerToken: 'p'.repeat(32), hostToken: 'h'.repeat(32), recorderToken: 'r'.repeat(32) }];

	it('reads every request run.ts sends (a show\'s other fields left out)', () => {
		const requests: ScreensRequest[] = [
			{ type: 'connect', target: 'showcall', url: 'http://127.0.0.1:4321', shows, screensPerShow: 50 },
			{ type: 'measure', targets: ['showcall', 'floor', 'ws-floor'], commands: 204, blockSize: 10, gapMs: 5, profile: undefined },
			{ type: 'warmup', target: 'ws-floor', commands: 30 },
			{ type: 'idle', target: 'showcall', seconds: 3 },
			{ type: 'soak', seconds: 60, intervalMs: 1000 },
			{ type: 'close', target: 'floor' },
			{ type: 'close' }
		];
		for (const request of requests) expect(readScreensRequest(structuredClone(request))).toEqual(request.type === 'connect' ? { ...request, shows: [{ producerToken: 'p'.repeat(32), hostToken: 'h'.repeat(32) }] } : request);
	});

	it('throws on a request it cannot read, naming the channel', () => {
		expect(() => readScreensRequest({ type: 'measure', targets: ['showcall'], commands: '200', blockSize: 10, gapMs: 5 })).toThrow(/^screens request \(main thread → screens worker\): malformed message/);
		expect(() => readScreensRequest({ type: 'connect', target: 'elsewhere', url: 'http://127.0.0.1:1', shows, screensPerShow: 1 })).toThrow(/^screens request/);
		expect(() => readScreensRequest({ type: 'launch' })).toThrow(/^screens request/);
	});

	it('reads every answer the worker gives, a measure with no payloads (NaN bytes) included', () => {
		const answers: ScreensAnswer[] = [
			{ type: 'connected', connectMs: 812.5 },
			{
				type: 'measured',
				targets: [
					{ target: 'showcall', commandLatenciesMs: [[1.2, 3.4]], commandKinds: ['next'], payloadBytesByType: { next: 128 }, payloadBytes: 128, snapshotBytes: 2400 },
					{ target: 'floor', commandLatenciesMs: [], commandKinds: [], payloadBytesByType: {}, payloadBytes: NaN, snapshotBytes: 0 }
				]
			},
			{ type: 'warmed' },
			{ type: 'idled', bytesPerScreenPerMin: 540, windowBytesPerScreen: 27, syncBytesPerScreen: 160, clockIntervalMs: 300_000 },
			{ type: 'soaked', latenciesMs: [2, 3], sent: 10, refused: 1, refusedCodes: { RATE_LIMITED: 1 }, skipped: 0, late: 0 },
			{ type: 'closed' },
			{ type: 'error', message: 'Error: boom' }
		];
		for (const answer of answers) expect(readScreensAnswer(structuredClone(answer))).toEqual(answer);
	});

	it('throws on an answer it cannot read, naming the channel', () => {
		expect(() => readScreensAnswer({ type: 'connected' })).toThrow(/^screens answer \(screens worker → main thread\): malformed message/);
		expect(() =>
			readScreensAnswer({ type: 'measured', targets: [{ target: 'showcall', commandLatenciesMs: [[1]], commandKinds: ['jump'], payloadBytesByType: {}, payloadBytes: 1, snapshotBytes: 1 }] })
		).toThrow(/^screens answer/);
	});

	it('reads its workerData, and refuses a niceness out of range', () => {
		expect(readScreensWorkerData({ niceness: 19 })).toEqual({ niceness: 19 });
		expect(() => readScreensWorkerData({ niceness: 20 })).toThrow(/^screens workerData: malformed message/);
		expect(() => readScreensWorkerData(null)).toThrow(/^screens workerData/);
	});
});

describe('the floors\' wires', () => {
	it('the socket.io floor reads a handshake and a command, and throws on others naming the channel', () => {
		expect(readFloorHandshake({ room: 'room-3' })).toEqual({ room: 'room-3' });
		expect(() => readFloorHandshake({})).toThrow(/^socket\.io floor handshake: malformed message/);
		expect(readFloorCmd({ seq: 7, bytes: 128 })).toEqual({ seq: 7, bytes: 128 });
		expect(() => readFloorCmd({ seq: 7 })).toThrow(/^socket\.io floor cmd: malformed message/);
		expect(() => readFloorCmd({ seq: 1.5, bytes: 10 })).toThrow(/^socket\.io floor cmd/);
	});

	it('a socket.io floor screen reads a snapshot\'s version, and throws on anything else naming the channel', () => {
		expect(readFloorSnapshot({ version: 12, pad: 'xx' })).toBe(12);
		for (const bad of [{ version: '12', pad: '' }, { version: 12 }, { version: 0, pad: '' }, { version: 2 ** 60, pad: '' }, null, 'x'])
			expect(() => readFloorSnapshot(bad)).toThrow(/^socket\.io floor snapshot: malformed message/);
	});

	it('the ws floor reads a command, and throws on others naming the channel', () => {
		expect(readWsFloorCmd('{"cmd":3,"bytes":90}')).toEqual({ cmd: 3, bytes: 90 });
		expect(() => readWsFloorCmd('{"cmd":3}')).toThrow(/^ws-floor cmd: malformed message/);
		expect(() => readWsFloorCmd('cmd 3')).toThrow(/^ws-floor cmd: malformed message: not JSON/);
	});

	it('a ws floor screen reads a push\'s version, and throws on anything else naming the channel', () => {
		expect(readWsFloorPush(JSON.stringify({ version: 5, pad: 'x'.repeat(60) }))).toBe(5);
		for (const bad of ['{"version":"5","pad":""}', '{"ready":true}', '{"version":-1,"pad":""}', 'not json'])
			expect(() => readWsFloorPush(bad)).toThrow(/^ws-floor push: malformed message/);
	});

	it('a ws floor driver tells its ack from a push, and throws on anything else naming the channel', () => {
		expect(readWsFloorDriverMessage('{"ack":9}')).toEqual({ ack: 9 });
		expect(readWsFloorDriverMessage('{"version":9,"pad":""}')).toEqual({ version: 9 });
		expect(() => readWsFloorDriverMessage('{"ack":"9"}')).toThrow(/^ws-floor ack: malformed message/);
		expect(() => readWsFloorDriverMessage('{"nack":9}')).toThrow(/^ws-floor ack or push: malformed message/);
	});
});
