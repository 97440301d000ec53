/**
 * A host tablet in its own process, so a test can put it to sleep for real (SIGSTOP: no timers, no
 * reads) and wake it (SIGCONT). It runs the client library with the product's settings and answers
 * `{ type: 'report' }` over IPC with what the screen would show.
 *   node --import tsx tests/reliability/support/tablet.ts <url> <token> <deviceId>
 */
import { liveTiming } from '../../../src/lib/core/live';
import { LiveConnection } from '../../../src/lib/realtime/live-connection';

const [url, token, deviceId] = process.argv.slice(2);
const live = new LiveConnection({ url, token, deviceId, deviceName: '主播平板（睡眠测试）' }).connect();
let welcomes = 0;
live.on('welcome', () => welcomes++);

export interface TabletReport {
	type: 'report';
	status: string;
	welcomes: number;
	version: number | null;
	segmentId: string | null;
	messages: string[];
	serverNow: number;
	offsetMs: number | null;
	remainingMs: number | null;
}

process.on('message', (message: { type?: string }) => {
	if (message?.type !== 'report') return;
	const snapshot = live.snapshot;
	const sheet = live.sheet;
	const serverNow = live.serverNow();
	const report: TabletReport = {
		type: 'report',
		status: live.status,
		welcomes,
		version: snapshot?.version ?? null,
		segmentId: snapshot?.segmentId ?? null,
		messages: snapshot?.messages.map((m) => m.text) ?? [],
		serverNow,
		offsetMs: live.clock?.offsetMs ?? null,
		remainingMs: snapshot && sheet ? liveTiming(snapshot, sheet, serverNow).remainingMs : null
	};
	process.send?.(report);
});
process.on('disconnect', () => {
	live.close();
	process.exit(0);
});
