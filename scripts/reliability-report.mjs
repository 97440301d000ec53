#!/usr/bin/env node
// `npm run reliability:report [-- long|fast]`: the figures the reliability suites wrote to
// test-results/reliability/ (by `npm run test:long`, or the fast profile inside `npm test`), as the
// table of docs/reliability.md. Prints what is there; says which figures are missing.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const profile = process.argv[2] ?? 'long';
const dir = new URL('../test-results/reliability/', import.meta.url).pathname;
const read = (suite) => {
	const file = join(dir, `${suite}.${profile}.json`);
	return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
};

const crash = read('crash');
const cut = read('network-cut');
const slow = read('network-slow-consumer');
const sleep = read('network-sleep');
const freeze = read('freeze');
const races = read('races');
const fuzzSocket = read('fuzz-socket');
const fuzzHttp = read('fuzz-http');
const access = read('access');
const crossSite = read('access-cross-site');
const secrets = read('secrets');
const backup = read('backup');
const uploads = read('uploads');
const fresh = read('fresh-screens');

const rows = [
	['kills survived (kill -9, half mid-burst)', crash && `${crash.kills} (${crash.midBurstKills} mid-burst, ${crash.commandsInFlightAtMidBurstKills} commands in flight)`],
	['acknowledged commands lost', crash && `${crash.acknowledgedLost} of ${crash.acknowledged}`],
	['reconnect after restart p50 / p99 / max', crash && `${crash.reconnectP50Ms} / ${crash.reconnectP99Ms} / ${crash.reconnectMaxMs} ms (${crash.reconnects} reconnections, ${crash.reconnectsOver5s} over 5 s)`],
	['cut connection noticed / back after heal (p50)', cut && `${cut.detectP50Ms} ms (heartbeat ${cut.heartbeatMs} ms) / ${cut.recoverAfterHealP50Ms} ms`],
	['healthy screens p99 without / with stalled ones', slow && `${slow.baselineP99Ms} / ${slow.withStalledP99Ms} ms (stalled dropped past 1 MB after ${slow.commandsUntilDropped} commands)`],
	['tablet asleep 30 min: back on the server state after waking', sleep && `${sleep.backOnStateAfterWakeMs} ms`],
	[
		'frozen server (SIGSTOP 10 s): noticed p50 / p99 / max; back after SIGCONT p50 / p99 / max',
		freeze &&
			`${freeze.detectP50Ms} / ${freeze.detectP99Ms} / ${freeze.detectMaxMs} ms; ${freeze.recoverP50Ms} / ${freeze.recoverP99Ms} / ${freeze.recoverMaxMs} ms (${freeze.freezes} freezes × ${freeze.screens} screens)`
	],
	['commands issued during a freeze: applied', freeze && `${freeze.lateCommandsApplied} of ${freeze.lateCommands} (${Object.entries(freeze.outcomes).map(([k, n]) => `${k} ${n}`).join(', ')})`],
	['idle screen: bytes received a minute (the heartbeat pings)', freeze && `${freeze.idleBytesPerScreenPerMin} B (over ${freeze.idleSeconds} s)`],
	['races: producers, accepted commands, versions', races && `${races.producers} for ${races.seconds} s, ${races.accepted} accepted of ${races.attempts}, final version ${races.finalVersion}, 0 gaps`],
	['fuzz cases run / failures', fuzzSocket && fuzzHttp && `${fuzzSocket.events + fuzzHttp.requests} (${fuzzSocket.events} socket events, ${fuzzHttp.requests} HTTP requests) / ${fuzzSocket.failures + fuzzHttp.failures}`],
	['fuzz heap after GC, warm-up → end', fuzzSocket && fuzzHttp && `socket ${fuzzSocket.heapAfterWarmupMb} → ${fuzzSocket.heapAtEndMb} MB, HTTP ${fuzzHttp.heapAfterWarmupMb} → ${fuzzHttp.heapAtEndMb} MB`],
	['upload bombs refused / peak RSS before → after / message while reading p50, max', uploads && `${Object.keys(uploads.bombs).length} / ${uploads.peakRssBeforeMb} → ${uploads.peakRssAfterMb} MB / ${uploads.messageDeliveredWhileReadingP50Ms}, ${uploads.messageDeliveredWhileReadingMaxMs} ms (${uploads.screens} screens, ${uploads.screenDrops} drops)`],
	['routes covered by the access test', access && `${access.routes} (${access.byKind.public} public, ${access.byKind.token} token, ${access.byKind.session} session)${crossSite ? `; ${crossSite.stateChangingRoutes} state-changing routes refuse cross-site` : ''}`],
	['secrets found in a trace-level log', secrets && `${secrets.leaks} of ${secrets.secretsSearched} searched, ${secrets.requestsLogged} requests logged`],
	['backup mid-show: resumed at', backup && `version ${backup.versionAtBackup} (+1 → ${backup.resumedAt}), ${backup.commandsDuringBackup} commands during the backup`],
	['fresh screen after a restart shows the show, p50 / p99 / max', fresh && `${fresh.shownP50Ms} / ${fresh.shownP99Ms} / ${fresh.shownMaxMs} ms (${fresh.screens} pages after ${fresh.restarts} restarts, ${fresh.overBudget} over 3 s, ${fresh.failures} failures)`]
];
console.log(`Reliability figures (${profile} profile, from ${dir})\n`);
const width = Math.max(...rows.map(([label]) => label.length));
for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value ?? '— (not run)'}`);
