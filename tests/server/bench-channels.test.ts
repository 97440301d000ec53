/**
 * What the benchmark's processes say to each other is parsed on receipt (server/diagnostics.ts): a
 * good message reads as it was sent, a malformed one throws an error naming its channel, and a
 * message of another type on a shared channel (the diagnostics IPC) is left alone.
 */
import { describe, expect, it } from 'vitest';
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
});
