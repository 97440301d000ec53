/**
 * Seeded generators of hostile input: JSON values of every wrong shape, strings that break
 * things (huge, control characters, markup, path tricks, bad encodings), deep nesting, mutated
 * commands, and whole socket.io packets that no client library would send.
 */
import type { LiveSheetPayload } from '../../../src/lib/contract/live';
import { randomCommand } from './commands';
import type { Rng } from './rng';

export const NASTY_STRINGS = [
	'',
	' ',
	'0',
	'-1',
	'1.5',
	'1e309',
	'NaN',
	'null',
	'undefined',
	'true',
	'[]',
	'{}',
	'__proto__',
	'constructor',
	'prototype',
	'toString',
	'hasOwnProperty',
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	"'; DROP TABLE shows; --",
	'" OR 1=1 --',
	'../../../../etc/passwd',
	'..%2f..%2fetc%2fpasswd',
	'%00',
	'%ZZ',
	'\u0000',
	'\u0000\u0001\u001f\u007f',
	'\r\nSet-Cookie: x=1',
	'\ud800',
	'\uffff',
	'🎉🔥💯',
	'直播带货\u200b\u202e反转',
	'=HYPERLINK("http://x","y")',
	'+cmd|\' /C calc\'!A0',
	'9007199254740993',
	'-9007199254740993',
	'0x10',
	'1_000',
	' 12 ',
	'12abc'
];

export function fuzzString(r: Rng): string {
	const roll = r();
	if (roll < 0.5) return r.pick(NASTY_STRINGS);
	if (roll < 0.6) return 'x'.repeat(r.int(100, 5_000));
	if (roll < 0.65) return '长'.repeat(r.int(100, 3_000));
	if (roll < 0.85) return Array.from({ length: r.int(1, 40) }, () => String.fromCharCode(r.int(0, 0xffff))).join('');
	return String(r.int(-1_000_000, 1_000_000));
}

export function fuzzNumber(r: Rng): number {
	return r.pick([0, -0, 1, -1, 0.5, -0.5, 1e-9, 2 ** 31, 2 ** 53, 2 ** 53 + 2, -(2 ** 53), Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, r.int(-1e9, 1e9), r() * 1e6]);
}

export function fuzzValue(r: Rng, depth = 0): unknown {
	const roll = r();
	if (depth > 4 || roll < 0.15) return r.pick([null, true, false]);
	if (roll < 0.35) return fuzzNumber(r);
	if (roll < 0.6) return fuzzString(r);
	if (roll < 0.75) return Array.from({ length: r.int(0, 5) }, () => fuzzValue(r, depth + 1));
	const object: Record<string, unknown> = {};
	for (let i = r.int(0, 5); i > 0; i--) object[r.chance(0.3) ? r.pick(['__proto__', 'constructor', 'type', 'text', 'version', 'expectedVersion', 'id']) : fuzzString(r).slice(0, 30)] = fuzzValue(r, depth + 1);
	return object;
}

/** JSON text nested `depth` levels deep (arrays or objects). */
export function deepJson(depth: number, objects: boolean): string {
	return objects ? `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

/** A command that is almost right: a valid one with one thing wrong (or a few). */
export function mutatedCommand(r: Rng, sheet: LiveSheetPayload): Record<string, unknown> {
	const command: Record<string, unknown> = { ...randomCommand(r, sheet) };
	for (let n = r.int(1, 3); n > 0; n--) {
		const keys = Object.keys(command);
		const roll = r();
		if (roll < 0.25 && keys.length > 1) delete command[r.pick(keys.filter((k) => k !== 'type'))];
		else if (roll < 0.45) command[r.pick(keys)] = fuzzValue(r);
		else if (roll < 0.55) command.type = r.pick([fuzzString(r), 'START', 'next ', 'message-ack', 'reset', 'start', 1, null]);
		else if (roll < 0.7) command[fuzzString(r).slice(0, 20) || 'extra'] = fuzzValue(r);
		else if (roll < 0.78) command.expectedVersion = r.pick([-1, 1.5, '3', null, 2 ** 53, r.int(0, 1000)]);
		// When it was issued: long ago (expired), far ahead, not a time, out of range.
		else if (roll < 0.85) command.issuedAt = r.pick([0, r.int(1, 2 ** 40), 8e15, 9e15, -1, 1.5, '3', null, 2 ** 53]);
		else command[r.pick(keys)] = r.pick([fuzzString(r), 'x'.repeat(r.int(500, 20_000))]);
	}
	return command;
}

export interface SocketCase {
	kind: string;
	/** Frames to send, in order. */
	frames: (string | Buffer)[];
	/** The ack id to wait for, when the case asks for one. */
	ackId?: number;
	/** A new connection whose handshake is this `40` payload (raw text), instead of frames on an open one. */
	handshake?: string;
	/** The frames leave the namespace: nothing more is answered on this connection (nor is it closed). */
	leaves?: boolean;
}

const RESERVED_EVENTS = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener', 'error', 'welcome', 'snapshot', '__proto__', 'constructor', 'toString', 'emit', 'on'];

/** One hostile socket input. `ackId()` hands out the connection's next ack id. */
/** A figures write that is nearly right: a real platform or not, a line or fields, one field bent. */
function mutatedFigures(r: Rng, sheet: LiveSheetPayload): unknown {
	const platform = r.chance(0.7) && sheet.platforms.length ? r.pick(sheet.platforms).platform : fuzzString(r).slice(0, 20);
	return r.pick([
		{ platform, line: r.chance(0.5) ? fuzzString(r) : r.pick(['在线 1.2万 成交 88', '1 2 3 4 5 6 7', '在线 在线', '-5', '¥1e9', '1.23456万']) },
		{ platform, figures: { viewers: fuzzValue(r) } },
		{ platform, figures: { [fuzzString(r).slice(0, 12)]: 1 } },
		{ id: fuzzValue(r), figures: { viewers: 1 }, expectedVersion: fuzzValue(r) },
		{ id: r.int(-1, 5), expectedVersion: r.int(0, 3) },
		{ reminderMin: fuzzValue(r), showToHost: r.chance(0.5) ? null : { platform, metric: fuzzString(r).slice(0, 12) } }
	]);
}

export function socketCase(r: Rng, sheet: LiveSheetPayload, ackId: () => number): SocketCase {
	const roll = r();
	const id = ackId();
	const event = (args: string, withAck = true): SocketCase['frames'] => [`42${withAck ? id : ''}[${args}]`];
	if (roll < 0.3) return { kind: 'command, almost valid', frames: event(`"command",${JSON.stringify(mutatedCommand(r, sheet))}`), ackId: id };
	if (roll < 0.35) return { kind: 'command, any value', frames: event(`"command",${JSON.stringify(fuzzValue(r)) ?? 'null'}`), ackId: id };
	if (roll < 0.4) {
		const name = r.pick(['figures:add', 'figures:correct', 'figures:delete', 'figures:settings']);
		const value = r.chance(0.5) ? mutatedFigures(r, sheet) : fuzzValue(r);
		return { kind: 'figures, any value', frames: event(`${JSON.stringify(name)},${JSON.stringify(value) ?? 'null'}`), ackId: id };
	}
	if (roll < 0.47) {
		const args = Array.from({ length: r.int(0, 4) }, () => JSON.stringify(fuzzValue(r)) ?? 'null');
		const name = r.pick(['command', 'commands:outcome', 'clock', 'beat', 'sync', 'figures:list', 'figures:add', 'figures:correct', 'figures:delete', 'figures:settings']);
		return { kind: 'known event, wrong arguments', frames: event([JSON.stringify(name), ...args].join(',')), ackId: id };
	}
	if (roll < 0.52) return { kind: 'no ack', frames: event(`"command",${JSON.stringify(r.chance(0.5) ? mutatedCommand(r, sheet) : randomCommand(r, sheet))}`, false) };
	if (roll < 0.6) {
		const name = r.chance(0.5) ? r.pick(RESERVED_EVENTS) : fuzzString(r).slice(0, 200);
		return { kind: 'unknown event', frames: event([JSON.stringify(name), JSON.stringify(fuzzValue(r)) ?? 'null'].join(',')), ackId: r.chance(0.7) ? id : undefined };
	}
	if (roll < 0.66) {
		const body = r.pick([`[${JSON.stringify(fuzzNumber(r))},1]`, '[null]', '[]', '{}', '"command"', '[{"a":1}]', '[["command"]]', '[true,{}]']);
		return { kind: 'bad event name', frames: [`42${id}${body}`], ackId: undefined };
	}
	if (roll < 0.76) {
		const text = r.pick([
			'4',
			'42',
			'42[',
			'42["command",',
			'4x',
			'49',
			'43',
			'43["x"]',
			`43${id}[1]`,
			'41',
			'40',
			'40{"token":1}',
			'40/admin,{}',
			'44',
			'45',
			'46-["command"]',
			'451-[]',
			'1',
			'5',
			'6',
			'3',
			'9',
			'',
			`42${'9'.repeat(r.int(16, 400))}["clock"]`,
			`42-1["clock"]`,
			`421.5["clock"]`,
			`42 ["clock"]`,
			`42[\"clock\"]garbage`,
			fuzzString(r)
		]);
		return text === '41' ? { kind: 'leave the namespace', frames: [text], leaves: true } : { kind: 'malformed packet', frames: [text] };
	}
	if (roll < 0.8) {
		const bytes = Buffer.from(Array.from({ length: r.int(0, 2_000) }, () => r.int(0, 255)));
		return { kind: 'binary frame', frames: [bytes] };
	}
	if (roll < 0.86) {
		const declared = r.int(1, 3);
		const sent = r.chance(0.6) ? declared : r.int(0, declared + 1);
		const num = r.chance(0.7) ? 0 : r.pick([declared + 5, -1, 1.5, 'x']);
		const header = `45${declared}-${id}["command",{"_placeholder":true,"num":${JSON.stringify(num)}}]`;
		const attachments = Array.from({ length: sent }, () => Buffer.from(Array.from({ length: r.int(0, 200) }, () => r.int(0, 255))));
		// Fewer attachments than declared leave the packet incomplete: no ack can come (the probe after it breaks it off).
		return { kind: 'binary event', frames: [header, ...attachments], ackId: sent >= declared ? id : undefined };
	}
	if (roll < 0.9) {
		const over = r.chance(0.5);
		const text = 'x'.repeat(over ? r.int(66_000, 200_000) : r.int(1_000, 60_000));
		return { kind: over ? 'over the size limit' : 'huge string', frames: event(`"command",{"type":"message","text":"${text}"}`), ackId: id };
	}
	if (roll < 0.94) {
		const depth = r.int(100, 30_000);
		return { kind: 'deep nesting', frames: event(`"command",${deepJson(depth, r.chance(0.3) && depth < 10_000)}`), ackId: id };
	}
	const auth = r.pick([
		JSON.stringify(fuzzValue(r)),
		JSON.stringify({ token: fuzzValue(r) }),
		JSON.stringify({ token: fuzzString(r), deviceId: fuzzValue(r), deviceName: fuzzValue(r) }),
		JSON.stringify({ showId: fuzzValue(r) }),
		'{"token":',
		'[]',
		deepJson(r.int(100, 20_000), false),
		`{"token":"${'x'.repeat(r.int(100, 70_000))}"}`,
		fuzzString(r)
	]);
	return { kind: 'handshake', frames: [], handshake: auth };
}

/** Events a wall might send by mistake or malice: its own (only `clock` is heard), the server's, the live socket's, anything. */
const WALL_EVENTS = ['clock', 'wall', 'shows', 'untile', 'revoked', 'command', 'beat', 'sync', 'figures:add', 'figures:list', 'join', 'leave', 'subscribe', 'list'];

/**
 * One hostile input on a wall's connection (namespace `/wall`; `ackId()` hands out the next ack id).
 * A wall has one event of its own, `clock`; everything else it emits must be ignored.
 */
export function wallCase(r: Rng, ackId: () => number): SocketCase {
	const roll = r();
	const id = ackId();
	const event = (args: string, withAck = true): SocketCase['frames'] => [`42/wall,${withAck ? id : ''}[${args}]`];
	const anyArgs = () => Array.from({ length: r.int(0, 4) }, () => JSON.stringify(fuzzValue(r)) ?? 'null');
	if (roll < 0.3) {
		const name = r.chance(0.8) ? r.pick(WALL_EVENTS) : r.chance(0.5) ? r.pick(RESERVED_EVENTS) : fuzzString(r).slice(0, 200);
		return { kind: 'event, any arguments', frames: event([JSON.stringify(name), ...anyArgs()].join(','), r.chance(0.8)), ackId: undefined };
	}
	if (roll < 0.4) return { kind: 'clock, wrong arguments', frames: event(['"clock"', ...anyArgs(), ...(r.chance(0.5) ? [] : ['null'])].join(',')) };
	if (roll < 0.47) {
		const body = r.pick([`[${JSON.stringify(fuzzNumber(r))},1]`, '[null]', '[]', '{}', '"clock"', '[{"a":1}]', '[["clock"]]', '[true,{}]']);
		return { kind: 'bad event name', frames: [`42/wall,${id}${body}`] };
	}
	if (roll < 0.6) {
		const text = r.pick([
			'42/wall,',
			'42/wall,[',
			'42/wall,["clock",',
			'42/wall',
			'42/wal,["clock"]',
			'42/wall/,["clock"]',
			`42/WALL,${id}["clock"]`,
			'43/wall,1[1]',
			'43/wall,["x"]',
			'40/wall,{}',
			'40/wall,{"deviceId":1}',
			'44/wall,{}',
			'45/wall,',
			'46/wall,1-["clock"]',
			`42/wall,${'9'.repeat(r.int(16, 400))}["clock"]`,
			`42/wall,-1["clock"]`,
			`42/wall,1.5["clock"]`,
			`42/wall, ["clock"]`,
			`42/wall,["clock"]garbage`,
			// The main namespace, which this connection never joined.
			`42${id}["command",{"type":"next"}]`,
			'4',
			'42',
			'4x',
			'9',
			'',
			fuzzString(r)
		]);
		return { kind: 'malformed packet', frames: [text] };
	}
	if (roll < 0.63) return { kind: 'leave the namespace', frames: ['41/wall,'], leaves: true };
	if (roll < 0.7) {
		const bytes = Buffer.from(Array.from({ length: r.int(0, 2_000) }, () => r.int(0, 255)));
		return { kind: 'binary frame', frames: [bytes] };
	}
	if (roll < 0.77) {
		const declared = r.int(1, 3);
		const sent = r.chance(0.6) ? declared : r.int(0, declared + 1);
		const num = r.chance(0.7) ? 0 : r.pick([declared + 5, -1, 1.5, 'x']);
		const header = `45${declared}-/wall,${id}[${JSON.stringify(r.pick(WALL_EVENTS))},{"_placeholder":true,"num":${JSON.stringify(num)}}]`;
		const attachments = Array.from({ length: sent }, () => Buffer.from(Array.from({ length: r.int(0, 200) }, () => r.int(0, 255))));
		return { kind: 'binary event', frames: [header, ...attachments] };
	}
	if (roll < 0.84) {
		const over = r.chance(0.4);
		const text = 'x'.repeat(over ? r.int(66_000, 150_000) : r.int(1_000, 60_000));
		return { kind: over ? 'over the size limit' : 'huge string', frames: event(`${JSON.stringify(r.pick(WALL_EVENTS))},"${text}"`) };
	}
	if (roll < 0.9) {
		const depth = r.int(100, 30_000);
		return { kind: 'deep nesting', frames: event(`"clock",${deepJson(depth, r.chance(0.3) && depth < 10_000)}`) };
	}
	const auth = r.pick([
		JSON.stringify(fuzzValue(r)),
		JSON.stringify({ deviceId: fuzzValue(r) }),
		JSON.stringify({ deviceId: fuzzString(r), token: fuzzValue(r) }),
		JSON.stringify({ showId: fuzzValue(r) }),
		'{"deviceId":',
		'[]',
		'null',
		deepJson(r.int(100, 20_000), false),
		`{"deviceId":"${'x'.repeat(r.int(60, 70_000))}"}`,
		fuzzString(r)
	]);
	return { kind: 'handshake', frames: [], handshake: auth };
}
