/**
 * The live engine's wire: the state snapshot (HTTP control API and socket pushes carry the same
 * fields), the run-sheet screens receive, presence, alerts, the socket event maps in both
 * directions and the error codes. Documented for people in docs/realtime.md.
 */
import { z } from 'zod';
import {
	ALERT_KINDS,
	COMMAND_ID,
	LIVE_ERROR_CODES,
	LIVE_PATCH_FIELDS,
	LIVE_MODES,
	LIVE_STATUSES,
	type AlertKind,
	type LiveCommandInput,
	type LivePatch,
	type LiveSnapshot,
	type LiveState
} from '../core/live';
import { PLATFORMS, PRODUCT_CATEGORIES, SHOW_KINDS, type ProductCategory, type Segment } from '../core/model';
import { fieldIssueSchema, type ErrorCode, type FieldIssue } from './errors';
import type { FigureAddInput, FigureCheckpoint, FigureCorrectInput, FigureDeleteInput, FigureSettings } from './figures';
import type { FigureAck, FigureAckErrorCode, FigureSettingsAck, FiguresListAck, HostFigure } from './figures-live';
import { segmentResponse } from './shows';

// ---------------------------------------------------------------------------------------------
// Who is on the other end of a socket or an HTTP call.

/**
 * `producer`, `host` and `recorder` (the 场记 entering figures) come from a show link's token;
 * `coordinator` is a signed-in coordinator watching (read-only).
 */
export const SCREEN_ROLES = ['producer', 'host', 'recorder', 'coordinator'] as const;
export type ScreenRole = (typeof SCREEN_ROLES)[number];

/** Longest device name a screen may give itself, characters. */
export const MAX_DEVICE_NAME = 40;

/**
 * `socket.handshake.auth` of a screen: a show link's token, or (signed in with the session cookie)
 * the id of a show to watch read-only. `deviceId` is a random id the screen keeps across reloads,
 * so a reconnect is recognised as the same tablet; `deviceName` is shown to producers.
 */
export const liveHandshake = z.object({
	token: z.string().min(1).max(200).optional(),
	showId: z.number().int().positive().optional(),
	deviceId: z
		.string()
		.regex(/^[A-Za-z0-9_-]{1,64}$/)
		.optional(),
	deviceName: z.string().max(200).optional(),
	/** True: after a command this screen receives a `patch` (what changed) instead of the full `snapshot`. */
	patches: z.boolean().optional(),
	/**
	 * True (with `patches`): the ack of this screen's own command carries its `patch`
	 * (`{ ok: true, version, patch }`) instead of a separate push after it. Screens that do not say so
	 * (pages cached before it) get the plain ack and then their own push.
	 */
	ackPatch: z.boolean().optional(),
	/**
	 * True (with `patches`): a command's patch carries the alerts that command made due at its
	 * instant (`alerts`, see `LivePatchEvent`), instead of separate `alert` events after it: one frame.
	 * Screens that do not say so (pages cached before it) get the plain patch, then the `alert` events.
	 */
	inlineAlerts: z.boolean().optional()
});
export type LiveHandshake = z.infer<typeof liveHandshake>;

// ---------------------------------------------------------------------------------------------
// The snapshot: `GET /api/live`, every `POST /api/live/<command>`, and every socket push.

const instant = z.number().int();

export const liveSnapshotSchema = z.object({
	showId: z.number().int(),
	/** The run-sheet's version (`shows.version`): a screen whose sheet is older waits for the `sheet` push. */
	sheetVersion: z.number().int(),
	version: z.number().int(),
	status: z.enum(LIVE_STATUSES),
	mode: z.enum(LIVE_MODES).nullable(),
	segmentId: z.string().nullable(),
	segmentIndex: z.number().int(),
	segmentTitle: z.string().nullable(),
	segmentStartedAt: instant.nullable(),
	pausedAt: instant.nullable(),
	pausedMs: z.number(),
	adjustMs: z.number(),
	startedAt: instant.nullable(),
	endedAt: instant.nullable(),
	plannedStartAt: instant.nullable(),
	actualStarts: z.record(z.string(), instant),
	flashSale: z
		.object({ segmentId: z.string(), startedAt: instant, endsAt: instant, priceFen: z.number().int(), quantity: z.number().int() })
		.nullable(),
	stock: z.record(z.string(), z.number().int()),
	cuesDone: z.array(z.string()),
	messages: z.array(z.object({ id: z.string(), text: z.string(), sentAt: instant, ackedAt: instant.nullable() })),
	updatedAt: instant.nullable(),
	serverNow: instant,
	timing: z.object({
		remainingMs: z.number(),
		phase: z.enum(['normal', 'warning', 'danger', 'overtime']),
		segmentEndsAt: instant.nullable(),
		projectedEndAt: instant.nullable(),
		driftMs: z.number().nullable()
	})
});
/** The live state on the wire: the core's snapshot plus the show and run-sheet it belongs to. */
export type LiveWireSnapshot = LiveSnapshot & { showId: number; sheetVersion: number };
// The schema describes exactly the type.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const snapshotMatches: Same<z.infer<typeof liveSnapshotSchema>, LiveWireSnapshot> = true;
void snapshotMatches;

/** The live state as stored (`live_events.state`, each command's; the newest is the show's): the snapshot's own fields. */
export const liveStateSchema = liveSnapshotSchema.pick({
	version: true,
	status: true,
	mode: true,
	segmentId: true,
	segmentStartedAt: true,
	pausedAt: true,
	pausedMs: true,
	adjustMs: true,
	startedAt: true,
	endedAt: true,
	plannedStartAt: true,
	actualStarts: true,
	flashSale: true,
	stock: true,
	cuesDone: true,
	messages: true,
	updatedAt: true
});
const stateMatches: Same<z.infer<typeof liveStateSchema>, LiveState> = true;
void stateMatches;

/**
 * A command's push to a screen that asked for patches (`patches: true` in the handshake): what
 * changed since the version before, `{ v, base, changes, sum, serverNow? }` — see
 * `src/lib/core/live/wire.ts`. The screen's previous snapshot, the patch and the run-sheet give the
 * full snapshot again (`liveSnapshot`).
 */
export const livePatchSchema = z.object({
	v: z.number().int(),
	base: z.number().int(),
	changes: z.array(z.unknown()).max(2 * LIVE_PATCH_FIELDS.length),
	sum: z.number().int().nonnegative(),
	serverNow: instant.optional()
});
export type { LivePatch };
const patchMatches: Same<z.infer<typeof livePatchSchema>, LivePatch> = true;
void patchMatches;

const canonicalShape = liveSnapshotSchema.shape;
/** What a change may hold: the field's own schema; a merge, the object's fields (each whole). */
const mergeSchemas: Partial<Record<(typeof LIVE_PATCH_FIELDS)[number], z.ZodType>> = {
	actualStarts: canonicalShape.actualStarts,
	stock: canonicalShape.stock,
	flashSale: canonicalShape.flashSale.unwrap().partial().strict()
};

/**
 * The usual patch (numbers, instants, a status, a segment's start merged into `actualStarts`, live
 * stock: what next, pause, add-time and set-stock send), checked by hand exactly as the schemas
 * would check it: the values of these fields are taken as given, a merged record copied. Anything
 * else (messages, cues, a flash sale, a value this does not recognise, an envelope it is unsure of)
 * goes to the schemas, which decide. A screen reads one per command; the schemas' parse costs
 * several times as much (a `next`'s, ten times).
 */
const safeInteger = (value: unknown): value is number => Number.isSafeInteger(value);
const nullableInstant = (value: unknown) => value === null || Number.isSafeInteger(value);
const USUAL_CHANGES: Partial<Record<(typeof LIVE_PATCH_FIELDS)[number], (value: unknown) => boolean>> = {
	showId: safeInteger,
	sheetVersion: safeInteger,
	status: (value) => typeof value === 'string' && (LIVE_STATUSES as readonly string[]).includes(value),
	mode: (value) => value === null || (typeof value === 'string' && (LIVE_MODES as readonly string[]).includes(value)),
	segmentId: (value) => value === null || typeof value === 'string',
	segmentStartedAt: nullableInstant,
	pausedAt: nullableInstant,
	pausedMs: Number.isFinite,
	adjustMs: Number.isFinite,
	startedAt: nullableInstant,
	endedAt: nullableInstant,
	plannedStartAt: nullableInstant,
	updatedAt: nullableInstant
};
/** By field index, for replacements. */
const usualChange = LIVE_PATCH_FIELDS.map((field) => USUAL_CHANGES[field]);
/** The merges checked by hand (by field index): records of whole numbers (a `next` adds the segment's start to `actualStarts`). */
const USUAL_MERGES = new Set((['actualStarts', 'stock'] as const).map((field) => LIVE_PATCH_FIELDS.indexOf(field)));

/**
 * A copy of a plain object whose values are all safe integers, what `z.record(z.string(), z.number().int())`
 * gives for it; null when it is anything else (the schema decides then), a `__proto__` key included.
 */
function wholeNumberRecord(value: unknown): Record<string, number> | null {
	if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== Object.prototype || Object.hasOwn(value, '__proto__')) return null;
	const copy: Record<string, number> = {};
	for (const key of Object.keys(value)) {
		const n = (value as Record<string, unknown>)[key];
		if (!safeInteger(n)) return null;
		copy[key] = n;
	}
	return copy;
}

function readUsualPatch(raw: unknown): LivePatch | null {
	if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
	const { v, base, changes, sum, serverNow } = raw as Record<string, unknown>;
	if (!safeInteger(v) || !safeInteger(base) || !safeInteger(sum) || sum < 0) return null;
	if (!Array.isArray(changes) || changes.length > 2 * LIVE_PATCH_FIELDS.length || changes.length % 2 !== 0) return null;
	// A copy only when a merge's record is replaced by its copy (most patches only replace fields).
	let read: unknown[] = changes;
	for (let k = 0; k < changes.length; k += 2) {
		const op: unknown = changes[k];
		if (typeof op !== 'number' || !Number.isInteger(op)) return null;
		if (op >= 0) {
			const usual = usualChange[op];
			if (usual === undefined || !usual(changes[k + 1])) return null;
		} else {
			const merged = USUAL_MERGES.has(-op) ? wholeNumberRecord(changes[k + 1]) : null;
			if (merged === null) return null;
			if (read === changes) read = changes.slice();
			read[k + 1] = merged;
		}
	}
	if (serverNow === undefined) return 'serverNow' in raw ? null : { v, base, changes: read, sum };
	return safeInteger(serverNow) ? { v, base, changes: read, sum, serverNow } : null;
}

/** Reads an incoming patch, every change against its field's schema; null when it does not parse. */
export function readLivePatch(raw: unknown): LivePatch | null {
	const usual = readUsualPatch(raw);
	if (usual) return usual;
	const parsed = livePatchSchema.safeParse(raw);
	if (!parsed.success) return null;
	const { changes } = parsed.data;
	if (changes.length % 2 !== 0) return null;
	const read: unknown[] = [];
	for (let k = 0; k < changes.length; k += 2) {
		const op = changes[k];
		if (typeof op !== 'number' || !Number.isInteger(op)) return null;
		const field = LIVE_PATCH_FIELDS[Math.abs(op)];
		const schema = field === undefined ? undefined : op < 0 ? mergeSchemas[field] : canonicalShape[field];
		const value = schema?.safeParse(changes[k + 1]);
		if (!value?.success) return null;
		read.push(op, value.data);
	}
	return { ...parsed.data, changes: read };
}

// ---------------------------------------------------------------------------------------------
// The run-sheet as screens receive it.

export const liveSheetProduct = z.object({
	id: z.number().int(),
	name: z.string(),
	spec: z.string(),
	origin: z.string(),
	shopName: z.string(),
	category: z.enum(PRODUCT_CATEGORIES),
	dailyPriceFen: z.number().int(),
	livePriceFen: z.number().int(),
	couponRule: z.string(),
	sellingPoints: z.string(),
	/** Stock in the library; the live figure is `snapshot.stock[id]` once the producer sets it. */
	stock: z.number().int().nullable(),
	shelfLifeDays: z.number().int().nullable()
});
export type LiveSheetProduct = z.infer<typeof liveSheetProduct> & { category: ProductCategory };

export const liveSheetSchema = z.object({
	showId: z.number().int(),
	sheetVersion: z.number().int(),
	title: z.string(),
	kind: z.enum(SHOW_KINDS),
	unitCode: z.string(),
	location: z.string(),
	/** Announced start, epoch ms. */
	startsAt: instant,
	plannedDurationMin: z.number().int(),
	platforms: z.array(z.object({ platform: z.enum(PLATFORMS), accountName: z.string(), roomUrl: z.string() })),
	hosts: z.array(z.string()),
	guests: z.array(z.string()),
	/**
	 * In run-sheet order. A host's copy has no producer notes (`notes` is '') and only the cues
	 * marked `forHost`.
	 */
	segments: z.array(segmentResponse),
	/** Every product a segment names. */
	products: z.array(liveSheetProduct)
});
export type LiveSheetPayload = Omit<z.infer<typeof liveSheetSchema>, 'segments'> & { segments: Segment[] };

// ---------------------------------------------------------------------------------------------
// Presence and alerts.

export interface PresenceScreen {
	/** Server-made id of the connection. */
	id: string;
	role: ScreenRole;
	/** The name the screen gave itself ('' when none). */
	deviceName: string;
	/** When it connected, epoch ms (server clock). */
	connectedAt: number;
}

/** An alert as pushed to the show's screens (and logged: `kind` in its own column, the rest in the payload). */
export const liveAlertEventSchema = z.object({
	/** Stable per occurrence: each key is pushed once. */
	key: z.string().min(1),
	kind: z.enum(ALERT_KINDS),
	/** When it was due, epoch ms (server clock). */
	at: instant,
	/** When the server raised it, epoch ms. */
	firedAt: instant,
	segmentId: z.string().optional(),
	cueId: z.string().optional(),
	data: z.record(z.string(), z.union([z.number(), z.string()])).optional()
});
export type LiveAlertEvent = z.infer<typeof liveAlertEventSchema> & { kind: AlertKind };

export const presenceScreenSchema = z.object({
	id: z.string(),
	role: z.enum(SCREEN_ROLES),
	deviceName: z.string(),
	connectedAt: instant
});

const presenceMatches: Same<z.infer<typeof presenceScreenSchema>, PresenceScreen> = true;
void presenceMatches;

// ---------------------------------------------------------------------------------------------
// Error codes.

/** Codes of a refused socket handshake (`connect_error` → `err.data.code`) and of HTTP 401s. */
export const HANDSHAKE_ERROR_CODES = ['UNAUTHENTICATED', 'INVALID_TOKEN', 'NOT_FOUND', 'CROSS_SITE_REQUEST', 'VALIDATION', 'RATE_LIMITED'] as const;
export type HandshakeErrorCode = (typeof HANDSHAKE_ERROR_CODES)[number];

/** Codes of a refused event (an ack `{ ok: false, code, message }`): the reducer's plus the gateway's. */
export const LIVE_ACK_ERROR_CODES = [...LIVE_ERROR_CODES, 'NOT_FOUND', 'INVALID_EVENT', 'UNKNOWN_EVENT', 'RATE_LIMITED', 'INTERNAL'] as const;
export type LiveAckErrorCode = (typeof LIVE_ACK_ERROR_CODES)[number];

/** The socket's codes are the API's (ERROR_CODES): this fails to compile when one is not. */
type KnownCode<C extends ErrorCode> = C;
export type LiveSocketErrorCode = KnownCode<LiveAckErrorCode | HandshakeErrorCode | FigureAckErrorCode>;

/** Why the server dropped a screen for good (`revoked` event before the disconnect). */
export const REVOKE_CODES = ['TOKEN_ROTATED', 'SHOW_DELETED', 'SIGNED_OUT'] as const;
export type RevokeCode = (typeof REVOKE_CODES)[number];

/**
 * A command's patch as a screen receives it (a `patch` push, or in its ack): the patch, and with
 * `inlineAlerts` the alerts the command made due at its instant (each as an `alert` event would carry
 * it; left out when none). A host receives only the alerts a host acts on.
 */
export type LivePatchEvent = LivePatch & { alerts?: LiveAlertEvent[] };

/** The alerts a patch carries as a screen reads them: `unread` when one (or the list) did not read. */
export interface PatchAlertsRead {
	alerts: LiveAlertEvent[];
	unread: boolean;
}

/** Most alerts one patch carries (a command makes a handful due at once). */
const MAX_PATCH_ALERTS = 32;

/**
 * The alerts a patch (a push's, or an ack's) carries: each read like an `alert` event; one that
 * does not read is left out and `unread` says so. Null when the patch carries none.
 */
export function readPatchAlerts(raw: unknown): PatchAlertsRead | null {
	if (typeof raw !== 'object' || raw === null || !('alerts' in raw)) return null;
	const list = (raw as { alerts: unknown }).alerts;
	if (!Array.isArray(list) || list.length > MAX_PATCH_ALERTS) return { alerts: [], unread: true };
	const alerts = list.map(readLiveAlert).filter((a): a is LiveAlertEvent => a !== null);
	return { alerts, unread: alerts.length < list.length };
}

export interface LiveRefusalAck {
	ok: false;
	code: LiveAckErrorCode;
	message: string;
	/** Field issues of an INVALID_COMMAND, as every VALIDATION error of the API carries them. */
	fields?: FieldIssue[];
}
/**
 * The answer to a screen's command. `patch`: the command's patch, to a screen that connected with
 * `patches` and `ackPatch` (it gets no separate push of its own command then).
 */
export type CommandAck = { ok: true; version: number; patch?: LivePatchEvent } | LiveRefusalAck;
/**
 * A command's answer as a screen reads it: `patch` null when the ack carried one that does not read
 * (the command did take effect; the screen fetches the full state); `alerts`, those its patch carried
 * (`readPatchAlerts`).
 */
export type CommandAckRead = { ok: true; version: number; patch?: LivePatch | null; alerts?: PatchAlertsRead } | LiveRefusalAck;

const commandAckSchema = z.union([
	z.object({ ok: z.literal(true), version: z.number().int().min(1), patch: z.unknown().optional() }),
	z.object({ ok: z.literal(false), code: z.enum(LIVE_ACK_ERROR_CODES), message: z.string(), fields: z.array(fieldIssueSchema).optional() })
]);
/**
 * Reads the server's answer to a command; a refusal `INTERNAL` when it does not parse. An accepted
 * command's `patch` is read with `readLivePatch`: null when it does not read, or is not the patch
 * to the acknowledged version.
 */
export function readCommandAck(raw: unknown): CommandAckRead {
	const parsed = commandAckSchema.safeParse(raw);
	if (!parsed.success) return { ok: false, code: 'INTERNAL', message: 'Unreadable answer from the server' };
	const ack = parsed.data;
	if (!ack.ok) return ack;
	if (ack.patch === undefined) return { ok: true, version: ack.version };
	const patch = readLivePatch(ack.patch);
	const alerts = readPatchAlerts(ack.patch);
	return { ok: true, version: ack.version, patch: patch !== null && patch.v === ack.version ? patch : null, ...(alerts && { alerts }) };
}

/** Most command ids one `commands:outcome` asks about. */
export const MAX_OUTCOME_IDS = 32;
/**
 * How far back `commands:outcome` looks: the show's last this-many versions (at a command every
 * few seconds, far longer than a screen keeps an unanswered command).
 */
export const OUTCOME_WINDOW_VERSIONS = 1_000;
/** `commands:outcome`'s question: the ids of this screen's commands that were never answered. */
export const commandOutcomeQuery = z.array(z.string().regex(COMMAND_ID)).min(1).max(MAX_OUTCOME_IDS);
/** Its answer: each id the show's log has, with the version it made; an id left out did not take effect. */
export const commandOutcomeAck = z.object({ ok: z.literal(true), applied: z.record(z.string(), z.number().int().min(1)) });
export type CommandOutcomeAck = z.infer<typeof commandOutcomeAck>;

// ---------------------------------------------------------------------------------------------
// Socket events.

/** Sent once on every (re)connection: everything a screen needs to render. */
export interface LiveWelcome {
	role: ScreenRole;
	/** True for coordinators: every command is refused. */
	readOnly: boolean;
	/** This connection's id in the presence list. */
	screenId: string;
	sheet: LiveSheetPayload;
	snapshot: LiveWireSnapshot;
	/** Screens connected to the show; null for hosts (they do not see presence). */
	presence: PresenceScreen[] | null;
	/** Alerts raised in the last minutes of this run, oldest first, so a reconnecting screen can show them. */
	recentAlerts: LiveAlertEvent[];
}

/** A part of a server payload a screen could not read: it renders the rest and says what is missing. */
export type LivePart = 'sheet' | 'snapshot' | 'alerts' | 'presence';

const welcomeHead = z.object({ role: z.enum(SCREEN_ROLES), readOnly: z.boolean(), screenId: z.string() });

/** Reads an incoming run-sheet; null when it does not parse. */
export function readLiveSheet(raw: unknown): LiveSheetPayload | null {
	const parsed = liveSheetSchema.safeParse(raw);
	return parsed.success ? parsed.data : null;
}

/** Reads an incoming snapshot; null when it does not parse. */
export function readLiveSnapshot(raw: unknown): LiveWireSnapshot | null {
	const parsed = liveSnapshotSchema.safeParse(raw);
	return parsed.success ? parsed.data : null;
}

/** Reads an incoming alert; null when it does not parse. */
export function readLiveAlert(raw: unknown): LiveAlertEvent | null {
	const parsed = liveAlertEventSchema.safeParse(raw);
	return parsed.success ? parsed.data : null;
}

/** Reads an incoming presence list; null when it does not parse. */
export function readPresence(raw: unknown): PresenceScreen[] | null {
	const parsed = z.array(presenceScreenSchema).safeParse(raw);
	return parsed.success ? parsed.data : null;
}

/**
 * Reads a welcome part by part: what does not parse is null (the sheet, the snapshot, the presence
 * list) or left out (an alert), and named in `missing`. Null when not even its role is readable.
 */
export function readLiveWelcome(raw: unknown): { welcome: LiveWelcomeRead; missing: LivePart[] } | null {
	const head = welcomeHead.safeParse(raw);
	if (!head.success) return null;
	const body = raw as Record<string, unknown>;
	const missing: LivePart[] = [];
	const sheet = readLiveSheet(body.sheet);
	if (!sheet) missing.push('sheet');
	const snapshot = readLiveSnapshot(body.snapshot);
	if (!snapshot) missing.push('snapshot');
	let presence: PresenceScreen[] | null = null;
	if (body.presence !== null) {
		presence = readPresence(body.presence);
		if (!presence) missing.push('presence');
	}
	const rawAlerts = Array.isArray(body.recentAlerts) ? body.recentAlerts : [];
	const recentAlerts = rawAlerts.map(readLiveAlert).filter((a): a is LiveAlertEvent => a !== null);
	if (!Array.isArray(body.recentAlerts) || recentAlerts.length < rawAlerts.length) missing.push('alerts');
	return { welcome: { ...head.data, sheet, snapshot, presence, recentAlerts }, missing };
}

/** A welcome as read by a screen: a part that did not parse is null. */
export type LiveWelcomeRead = Omit<LiveWelcome, 'sheet' | 'snapshot'> & { sheet: LiveSheetPayload | null; snapshot: LiveWireSnapshot | null };

/** Events the server sends. */
export interface LiveServerEvents {
	welcome: (welcome: LiveWelcome) => void;
	/** After every run-sheet change, and after every accepted command to screens that did not ask for patches. */
	snapshot: (snapshot: LiveWireSnapshot) => void;
	/**
	 * After every accepted command, to screens that asked for patches: what changed (`readLivePatch`),
	 * with the alerts the command made due to screens that asked for `inlineAlerts` (`readPatchAlerts`).
	 */
	patch: (patch: LivePatchEvent) => void;
	/** After the run-sheet was edited (also mid-show). */
	sheet: (sheet: LiveSheetPayload) => void;
	/**
	 * When an alert falls due: a host receives only those a host acts on. The alerts a command makes
	 * due at its instant come in its patch instead, to screens that asked for `inlineAlerts`.
	 */
	alert: (alert: LiveAlertEvent) => void;
	/** To producers and coordinators, when screens come and go (at most 4 a second). */
	presence: (screens: PresenceScreen[]) => void;
	/** Just before the server disconnects a screen for good. */
	revoked: (reason: { code: RevokeCode; message: string }) => void;
	/** A checkpoint added, corrected or deleted (as committed): to producer, recorder and coordinator screens. */
	figure: (checkpoint: FigureCheckpoint) => void;
	/** The show's figure settings changed: to producer, recorder and coordinator screens. */
	figureSettings: (settings: FigureSettings) => void;
	/** The one figure the producer shows hosts, with its newest value (null: none): to host screens only. */
	hostFigure: (figure: HostFigure | null) => void;
}

/** Events a screen sends; every one takes an ack callback as its last argument. */
export interface LiveClientEvents {
	/**
	 * Runs a command; the ack comes after it is committed and the other screens' push is written (with
	 * the command's `patch` to a screen that connected with `patches` and `ackPatch`).
	 */
	command: (command: LiveCommandInput, ack: (result: CommandAck) => void) => void;
	/** Clock sync: answers the server's clock, epoch ms. */
	clock: (ack: (serverNow: number) => void) => void;
	/**
	 * Answered at once with nothing (a few bytes). A screen sends one as it declares a stall (its
	 * liveness is the server's Engine.IO ping every second); pages of before that sent one every quiet
	 * second, and still may from a tablet's cache during an upgrade.
	 */
	beat: (ack: () => void) => void;
	/**
	 * After a reconnection: which of this screen's commands whose ack never came (the server
	 * restarted or the network dropped between the commit and the ack) did take effect.
	 */
	'commands:outcome': (commandIds: string[], ack: (result: CommandOutcomeAck | LiveRefusalAck) => void) => void;
	/** Asks for the welcome payload again (a screen that doubts its state). */
	sync: (ack: (result: { ok: true; welcome: LiveWelcome } | LiveRefusalAck) => void) => void;
	/** The run's figures as this screen's role sees them (a host: only its one figure). */
	'figures:list': (ack: (result: FiguresListAck | LiveRefusalAck) => void) => void;
	/** Producer and recorder: adds a checkpoint (figures or a typed line) stamped with the server's time and the segment on air. */
	'figures:add': (input: FigureAddInput, ack: (result: FigureAck | LiveRefusalAck) => void) => void;
	/** Producer and recorder: replaces a checkpoint's figures (`expectedVersion` refuses a stale correction). */
	'figures:correct': (input: FigureCorrectInput, ack: (result: FigureAck | LiveRefusalAck) => void) => void;
	/** Producer and recorder: marks a checkpoint deleted (kept in the log). */
	'figures:delete': (input: FigureDeleteInput, ack: (result: FigureAck | LiveRefusalAck) => void) => void;
	/** Producer only: the reminder interval and the figure hosts see. */
	'figures:settings': (settings: FigureSettings, ack: (result: FigureSettingsAck | LiveRefusalAck) => void) => void;
}

// ---------------------------------------------------------------------------------------------
// HTTP control API.

/**
 * `POST /api/live/<command>`: one of LIVE_COMMAND_TYPES (others answer 404); the body holds its
 * fields, and optionally `expectedVersion` and `issuedAt` (epoch ms, server clock: refused
 * `422 COMMAND_EXPIRED` more than 3 s later, `422 COMMAND_FROM_FUTURE` more than 5 s ahead).
 */
export const liveCommandParams = z.strictObject({ command: z.string().max(60) });
/** The body is checked against the command's own schema in the handler; absent means `{}`. */
export const liveCommandBody = z.record(z.string(), z.unknown()).nullish();
