/**
 * The live state on a small wire: a command's push carries only what changed since the version
 * before (a patch), and a checksum of the whole state so a screen proves it holds the server's.
 *
 * The canonical fields of a snapshot are the state plus the show and run-sheet it belongs to;
 * everything else on a snapshot (segment index and title, timing, `serverNow`) is derived from
 * them, the run-sheet and the server's clock (`liveSnapshot`). A patch against a screen's previous
 * snapshot, plus its run-sheet, gives the full snapshot again.
 *
 * Patch `{ v, base, changes, sum, serverNow? }`:
 *   - `v`: the new version; `base`: the version it applies to (a screen holding another asks for
 *     the full snapshot);
 *   - `changes`: flat pairs `[i, value, …]` over LIVE_PATCH_FIELDS: `i` replaces field i with
 *     `value`, `-i` merges the object `value` into the object in field i (keys added or changed;
 *     a key removed replaces the whole object instead);
 *   - `sum`: `liveChecksum` of the state after applying it;
 *   - `serverNow`: the server's clock of the push, left out when it equals the new `updatedAt`
 *     (every command's push).
 * Pure: no I/O.
 */
import type { EpochMs } from '../model';
import type { LiveState } from './state';

/** The fields of a snapshot that are not derived: the state, its show and run-sheet version. */
export type LiveCanonical = LiveState & { showId: number; sheetVersion: number };

/** Field indices of a patch's `changes` (the version travels as `v`). Never reorder: append. */
export const LIVE_PATCH_FIELDS = [
	'showId',
	'sheetVersion',
	'status',
	'mode',
	'segmentId',
	'segmentStartedAt',
	'pausedAt',
	'pausedMs',
	'adjustMs',
	'startedAt',
	'endedAt',
	'plannedStartAt',
	'actualStarts',
	'flashSale',
	'stock',
	'cuesDone',
	'messages',
	'updatedAt'
] as const satisfies readonly Exclude<keyof LiveCanonical, 'version'>[];
export type LivePatchField = (typeof LIVE_PATCH_FIELDS)[number];

// Every canonical field but the version has an index.
type Missing = Exclude<keyof LiveCanonical, 'version' | LivePatchField>;
const allFields: [Missing] extends [never] ? true : false = true;
void allFields;

export interface LivePatch {
	v: number;
	base: number;
	/** `[i, value, …]`: `i` replaces LIVE_PATCH_FIELDS[i], `-i` merges an object into it. */
	changes: unknown[];
	/** `liveChecksum` of the state after the patch. */
	sum: number;
	/** The server's clock of the push; absent when it equals the new state's `updatedAt`. */
	serverNow?: EpochMs;
}

/** The canonical fields of a snapshot (or state with its show), nothing else. */
export function liveCanonical(snapshot: LiveCanonical): LiveCanonical {
	// Written out rather than copied field by field: one object shape, built at once (every patch a screen applies makes one).
	return {
		version: snapshot.version,
		showId: snapshot.showId,
		sheetVersion: snapshot.sheetVersion,
		status: snapshot.status,
		mode: snapshot.mode,
		segmentId: snapshot.segmentId,
		segmentStartedAt: snapshot.segmentStartedAt,
		pausedAt: snapshot.pausedAt,
		pausedMs: snapshot.pausedMs,
		adjustMs: snapshot.adjustMs,
		startedAt: snapshot.startedAt,
		endedAt: snapshot.endedAt,
		plannedStartAt: snapshot.plannedStartAt,
		actualStarts: snapshot.actualStarts,
		flashSale: snapshot.flashSale,
		stock: snapshot.stock,
		cuesDone: snapshot.cuesDone,
		messages: snapshot.messages,
		updatedAt: snapshot.updatedAt
	};
}

/**
 * The canonical JSON of objects and arrays already written out, by identity. A live state's objects
 * are never changed in place (the reducer and a patch build new ones), and most of them are the
 * same objects from one version to the next: a checksum after a command writes out only what the
 * command changed (on a screen, a tenth of the work of writing the whole state).
 */
const written = new WeakMap<object, string>();

/** JSON with every object's keys sorted: the same state gives the same text wherever it was built. Objects and arrays must not be changed after (see `written`). */
export function canonicalJson(value: unknown): string {
	if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
	if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
	let out = written.get(value);
	if (out !== undefined) return out;
	if (Array.isArray(value)) {
		out = '[';
		for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + canonicalJson(value[i]);
		out += ']';
	} else {
		const record = value as Record<string, unknown>;
		out = '{';
		for (const key of Object.keys(record).sort()) {
			const inner = record[key];
			if (inner === undefined) continue;
			out += (out.length > 1 ? ',' : '') + JSON.stringify(key) + ':' + canonicalJson(inner);
		}
		out += '}';
	}
	written.set(value, out);
	return out;
}

const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a, 32 bits, over the UTF-16 code units of `text`; an unsigned integer. */
export function fnv1a32(text: string): number {
	let hash = FNV_OFFSET;
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
	return hash >>> 0;
}

/**
 * The checksum a screen compares to prove it holds the server's state: FNV-1a 32 over the 4 bytes
 * (least significant first) of each canonical field's own hash, `fnv1a32` of its canonical JSON,
 * the fields in the order of their names sorted (`actualStarts`, `adjustMs`, … `version`). A
 * field's hash is kept by identity like its JSON, so a checksum after a command hashes only what
 * the command changed (and the few numbers every command does).
 */
export function liveChecksum(snapshot: LiveCanonical): number {
	// `combineFieldHashes(liveFieldHashes(snapshot))` without the array (the server takes one per command).
	let hash = FNV_OFFSET;
	for (let i = 0; i < CANONICAL_KEYS.length; i++) hash = combineField(hash, fieldHash(snapshot[CANONICAL_KEYS[i]]));
	return hash >>> 0;
}
const CANONICAL_KEYS = (['version', ...LIVE_PATCH_FIELDS] as const).slice().sort();
/** Where the hash of LIVE_PATCH_FIELDS[i] (and of the version) sits in `LiveFieldHashes`. */
const HASH_SLOT = LIVE_PATCH_FIELDS.map((field) => CANONICAL_KEYS.indexOf(field));
const VERSION_SLOT = CANONICAL_KEYS.indexOf('version');

/**
 * Each canonical field's hash, in `liveChecksum`'s order: what the checksum combines. A screen keeps
 * them beside its state, so a patch's checksum rehashes only the fields the patch changed.
 */
export type LiveFieldHashes = number[];

/** The field hashes of a state (see `LiveFieldHashes`). */
export function liveFieldHashes(snapshot: LiveCanonical): LiveFieldHashes {
	// A plain array rather than a Uint32Array: a typed array's allocation costs more than the hashing it saves.
	const hashes: number[] = [];
	for (let i = 0; i < CANONICAL_KEYS.length; i++) hashes.push(fieldHash(snapshot[CANONICAL_KEYS[i]]));
	return hashes;
}

/** The checksum of a state from its field hashes (`liveChecksum` = this of `liveFieldHashes`). */
export function combineFieldHashes(hashes: LiveFieldHashes): number {
	let hash = FNV_OFFSET;
	for (let i = 0; i < hashes.length; i++) hash = combineField(hash, hashes[i]);
	return hash >>> 0;
}

/** FNV-1a 32 continued over the 4 bytes of one field's hash, least significant first. */
function combineField(hash: number, field: number): number {
	hash = Math.imul(hash ^ (field & 0xff), 0x01000193);
	hash = Math.imul(hash ^ ((field >>> 8) & 0xff), 0x01000193);
	hash = Math.imul(hash ^ ((field >>> 16) & 0xff), 0x01000193);
	return Math.imul(hash ^ (field >>> 24), 0x01000193);
}

const NULL_HASH = fnv1a32('null');
const stringHashes = new Map<string, number>();
const digits = new Uint8Array(16);

/**
 * FNV-1a 32 of a safe integer's decimal text, continued from `hash` (not yet made unsigned), without
 * writing it out (most fields are instants and counts). The digits come from two int32 halves (below
 * and above 10^8): integer division there is several times cheaper than on doubles.
 */
function fnvDigits(hash: number, n: number): number {
	if (n < 0) {
		hash = Math.imul(hash ^ 0x2d, 0x01000193);
		n = -n;
	}
	let count = 0;
	// n < 2^53 < 10^16: `high` < 10^8 fits an int32, and so does `low`.
	const high = Math.floor(n / 1e8);
	let low = n - high * 1e8;
	if (high > 0) {
		// The low half's 8 digits, leading zeros included.
		for (let i = 0; i < 8; i++) {
			digits[count++] = low % 10;
			low = (low / 10) | 0;
		}
		low = high;
	}
	do {
		digits[count++] = low % 10;
		low = (low / 10) | 0;
	} while (low > 0);
	while (count > 0) hash = Math.imul(hash ^ (0x30 + digits[--count]), 0x01000193);
	return hash;
}

/** FNV-1a 32 of `text`'s UTF-16 code units, continued from `hash` (not yet made unsigned). */
function fnvText(hash: number, text: string): number {
	for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
	return hash;
}

/** FNV-1a 32 of `JSON.stringify(text)`, continued from `hash`: quoted as it is when nothing in it needs escaping. */
function fnvString(hash: number, text: string): number {
	let h = Math.imul(hash ^ 0x22, 0x01000193);
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		// A quote, a backslash, a control character or a surrogate: JSON.stringify knows how it is written.
		if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) return fnvText(hash, JSON.stringify(text));
		h = Math.imul(h ^ c, 0x01000193);
	}
	return Math.imul(h ^ 0x22, 0x01000193);
}

/**
 * FNV-1a 32 of `canonicalJson(value)`, continued from `hash`, without writing the text (a screen
 * hashes the `actualStarts` a next merged into on every next): the same characters, fed as they
 * would be written. Objects whose text is already written (see `written`) are hashed from it.
 */
function fnvCanonical(hash: number, value: unknown): number {
	if (typeof value === 'number') return Number.isSafeInteger(value) ? fnvDigits(hash, value) : fnvText(hash, Number.isFinite(value) ? String(value) : 'null');
	if (typeof value === 'string') return fnvString(hash, value);
	if (value === null || typeof value !== 'object') return fnvText(hash, JSON.stringify(value) ?? 'null');
	const text = written.get(value);
	if (text !== undefined) return fnvText(hash, text);
	if (Array.isArray(value)) {
		hash = Math.imul(hash ^ 0x5b, 0x01000193);
		for (let i = 0; i < value.length; i++) {
			if (i) hash = Math.imul(hash ^ 0x2c, 0x01000193);
			hash = fnvCanonical(hash, value[i]);
		}
		return Math.imul(hash ^ 0x5d, 0x01000193);
	}
	const record = value as Record<string, unknown>;
	hash = Math.imul(hash ^ 0x7b, 0x01000193);
	let first = true;
	for (const key of Object.keys(record).sort()) {
		const inner = record[key];
		if (inner === undefined) continue;
		if (!first) hash = Math.imul(hash ^ 0x2c, 0x01000193);
		first = false;
		hash = Math.imul(fnvString(hash, key) ^ 0x3a, 0x01000193);
		hash = fnvCanonical(hash, inner);
	}
	return Math.imul(hash ^ 0x7d, 0x01000193);
}

/** `fnv1a32` of canonical JSON of objects and arrays already hashed, by identity (see `written`). */
const hashed = new WeakMap<object, number>();

/** `fnv1a32(canonicalJson(value))`. */
function fieldHash(value: unknown): number {
	if (typeof value === 'number' && Number.isSafeInteger(value)) return fnvDigits(FNV_OFFSET, value) >>> 0;
	if (value === null) return NULL_HASH;
	if (typeof value === 'string') {
		// A status, a mode, a segment id: a few values, the same on every command.
		let hash = stringHashes.get(value);
		if (hash === undefined) {
			if (stringHashes.size >= 256) stringHashes.clear();
			stringHashes.set(value, (hash = fnvString(FNV_OFFSET, value) >>> 0));
		}
		return hash;
	}
	if (typeof value !== 'object') return fnvCanonical(FNV_OFFSET, value) >>> 0;
	let hash = hashed.get(value);
	if (hash === undefined) hashed.set(value, (hash = fnvCanonical(FNV_OFFSET, value) >>> 0));
	return hash;
}

/**
 * `fieldHash` of a value a patch just brought. Its objects are new (a merged record, a replaced
 * list): hashed without being remembered, as nothing will ask for them by identity again (a screen
 * keeps each field's hash beside its state); remembering them cost a screen a WeakMap entry on
 * every segment change.
 */
function freshFieldHash(value: unknown): number {
	if (typeof value !== 'object' || value === null) return fieldHash(value);
	return fnvCanonical(FNV_OFFSET, value) >>> 0;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Same JSON value (key order aside). */
function same(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	return canonicalJson(a) === canonicalJson(b);
}

/**
 * The patch from `prev` to `next` (canonical fields of each; extra fields are ignored), with the
 * server's clock of the push (`serverNow`, default: the new `updatedAt`).
 */
export function diffLive(prev: LiveCanonical, next: LiveCanonical, serverNow: EpochMs | null = next.updatedAt): LivePatch {
	const changes: unknown[] = [];
	LIVE_PATCH_FIELDS.forEach((field, i) => {
		const a: unknown = prev[field];
		const b: unknown = next[field];
		if (same(a, b)) return;
		if (i > 0 && isPlainObject(a) && isPlainObject(b) && Object.keys(a).every((k) => k in b)) {
			const merged: Record<string, unknown> = {};
			for (const [k, value] of Object.entries(b)) if (!same(a[k], value)) merged[k] = value;
			changes.push(-i, merged);
		} else changes.push(i, b);
	});
	const patch: LivePatch = { v: next.version, base: prev.version, changes, sum: liveChecksum(next) };
	if (serverNow !== null && serverNow !== next.updatedAt) patch.serverNow = serverNow;
	return patch;
}

export type LivePatchOutcome =
	/** `hashes`: the new state's field hashes, for the next patch (see `applyLivePatch`). */
	| { ok: true; state: LiveCanonical; serverNow: EpochMs | null; hashes: LiveFieldHashes }
	/** `gap`: the patch is not against `prev`'s version; `mismatch`: applied, the checksum differs (or a change does not fit). */
	| { ok: false; reason: 'gap' | 'mismatch' };

/**
 * Applies `patch` to `prev` (never mutated); the result's checksum must be the patch's `sum`.
 * `prevHashes`: `prev`'s field hashes when known (the last outcome's `hashes`): only the fields the
 * patch changes are hashed again. They must be `prev`'s: wrong ones fail the checksum (a mismatch).
 */
export function applyLivePatch(prev: LiveCanonical, patch: LivePatch, prevHashes?: LiveFieldHashes): LivePatchOutcome {
	if (patch.base !== prev.version) return { ok: false, reason: 'gap' };
	const { changes } = patch;
	if (changes.length % 2 !== 0) return { ok: false, reason: 'mismatch' };
	// The fields by index (an array's elements rather than keyed stores into an object), then one
	// object literal: one shape for every state a screen builds.
	const values: unknown[] = [
		prev.showId,
		prev.sheetVersion,
		prev.status,
		prev.mode,
		prev.segmentId,
		prev.segmentStartedAt,
		prev.pausedAt,
		prev.pausedMs,
		prev.adjustMs,
		prev.startedAt,
		prev.endedAt,
		prev.plannedStartAt,
		prev.actualStarts,
		prev.flashSale,
		prev.stock,
		prev.cuesDone,
		prev.messages,
		prev.updatedAt
	];
	let changed = 0;
	for (let k = 0; k < changes.length; k += 2) {
		const op = changes[k];
		const value = changes[k + 1];
		if (typeof op !== 'number' || !Number.isInteger(op)) return { ok: false, reason: 'mismatch' };
		const i = Math.abs(op);
		if (i >= LIVE_PATCH_FIELDS.length) return { ok: false, reason: 'mismatch' };
		if (op >= 0) values[i] = value;
		else {
			const target = values[i];
			if (!isPlainObject(target) || !isPlainObject(value)) return { ok: false, reason: 'mismatch' };
			values[i] = { ...target, ...value };
		}
		changed |= 1 << i;
	}
	const hashes = prevHashes ? prevHashes.slice() : liveFieldHashes(prev);
	hashes[VERSION_SLOT] = fieldHash(patch.v);
	for (let i = 0; changed !== 0; i++, changed >>>= 1) if (changed & 1) hashes[HASH_SLOT[i]] = freshFieldHash(values[i]);
	if (combineFieldHashes(hashes) !== patch.sum) return { ok: false, reason: 'mismatch' };
	const state = {
		version: patch.v,
		showId: values[0],
		sheetVersion: values[1],
		status: values[2],
		mode: values[3],
		segmentId: values[4],
		segmentStartedAt: values[5],
		pausedAt: values[6],
		pausedMs: values[7],
		adjustMs: values[8],
		startedAt: values[9],
		endedAt: values[10],
		plannedStartAt: values[11],
		actualStarts: values[12],
		flashSale: values[13],
		stock: values[14],
		cuesDone: values[15],
		messages: values[16],
		updatedAt: values[17]
	} as LiveCanonical;
	return { ok: true, state, serverNow: patch.serverNow ?? state.updatedAt, hashes };
}
