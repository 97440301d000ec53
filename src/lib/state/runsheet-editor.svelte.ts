/**
 * The show editor's state: a draft of the show's fields and its run-sheet, edited in place, with
 * everything derived from it as the coordinator types — each segment's planned time of day, the
 * total against the planned duration, the notice's rule findings (the same pure `checkShow` the
 * server's GET /checks runs), field issues from the same zod schemas the API validates with —
 * and the save that refuses to overwrite another editor's work (expectedVersion → 409).
 *
 * Components bind to `draft` fields directly; structural edits (add, remove, duplicate, move,
 * product, flash sale, cues) go through methods so they can be tested without a browser.
 */
import { SvelteSet } from 'svelte/reactivity';
import { ApiError, call } from '$lib/api/client';
import { endpoints } from '$lib/contract/endpoints';
import type { FieldIssue } from '$lib/contract/errors';
import { valueAt, zodFieldIssues } from '$lib/contract/fields';
import type { PersonResponse } from '$lib/contract/people';
import type { ProductResponse } from '$lib/contract/products';
import { showPatchRequest, type ShowResponse } from '$lib/contract/shows';
import { contentChanges, isUnderReview, SHOW_CONTENT_FIELDS } from '$lib/core/amendment';
import { canReport, checkShow, RULES, type Finding } from '$lib/core/checks';
import type { Locale } from '$lib/core/format';
import type { EpochMs, ProducerCue, Segment, SegmentKind, Show } from '$lib/core/model';
import { unitMayUse } from '$lib/core/planning';
import { defaultFlashSale, defaultMinutes, duplicateSegment, moveSegment, newSegment, productSlot, titleForProduct } from '$lib/core/runsheet';
import { plannedSchedule, scheduleTotals, type PlannedSlot, type ScheduleTotals } from '$lib/core/schedule';
import { i18n } from '$lib/i18n';
import { addPlatform, removePlatform, toggleCast } from './show-draft';

/** The editable part of a show: what PATCH /api/shows/:id takes besides `expectedVersion`. */
export type ShowDraft = Omit<Show, 'id' | 'slug' | 'status' | 'version' | 'productIds' | 'reportedAt' | 'reportedBy' | 'approvedAt' | 'approvedBy' | 'amendment' | 'posterPublishedAt' | 'createdAt' | 'updatedAt'>;

/** The show's own fields (every one of them content the province reviews) and its run-sheet. */
const DRAFT_KEYS = [...SHOW_CONTENT_FIELDS, 'segments'] as const satisfies readonly (keyof ShowDraft)[];

/** A fresh id for a segment or a cue: 's' + 11 base-36 characters from the browser's CSPRNG. */
export function newClientId(): string {
	const bytes = new Uint8Array(11);
	crypto.getRandomValues(bytes);
	return 's' + Array.from(bytes, (b) => (b % 36).toString(36)).join('');
}

function draftOf(show: ShowResponse): ShowDraft {
	const draft = {} as Record<string, unknown>;
	for (const key of DRAFT_KEYS) draft[key] = structuredClone($state.snapshot(show[key]));
	return draft as ShowDraft;
}

/**
 * Issue keys: show fields keep their API path (`title`, `platforms.0.roomUrl`); run-sheet fields are
 * keyed by segment id (`seg:<id>.durationSec`), so an issue stays on its segment when the sheet is
 * reordered.
 */
export function issueKey(path: string, segments: readonly { id: string }[]): string {
	const m = /^segments\.(\d+)(?:\.(.*))?$/.exec(path);
	if (!m) return path;
	const segment = segments[Number(m[1])];
	return segment ? `seg:${segment.id}${m[2] ? `.${m[2]}` : ''}` : path;
}

/** The API path of an issue key, given the sheet's current order. */
function pathOf(key: string, segments: readonly { id: string }[]): string {
	const m = /^seg:([^.]+)(?:\.(.*))?$/.exec(key);
	if (!m) return key;
	const index = segments.findIndex((s) => s.id === m[1]);
	return `segments.${index}${m[2] ? `.${m[2]}` : ''}`;
}

export interface EditorOptions {
	/** The products and people the account may use (the page loads them). */
	products: ProductResponse[];
	people: PersonResponse[];
	/** Language of the findings; the UI's by default. */
	locale?: () => Locale;
	/** Client clock, epoch ms (deadlines in the checks). */
	now?: () => EpochMs;
	newId?: () => string;
}

export class RunSheetEditor {
	#locale: () => Locale = () => i18n.locale;
	#clock: () => EpochMs = Date.now;
	#newId: () => string = newClientId;

	/** The show as last loaded or saved. */
	#saved = $state<ShowResponse>() as ShowResponse;
	/** What the coordinator is editing: bind inputs to its fields. */
	draft = $state<ShowDraft>() as ShowDraft;
	#products = $state<ProductResponse[]>([]);
	#people = $state<PersonResponse[]>([]);
	#now = $state(0);
	#serverIssues = $state<{ key: string; issue: FieldIssue; value: string }[]>([]);
	/** Inputs whose text cannot be read (a price 'abc', a duration '5:7x'), by issue key. */
	#unreadable = new SvelteSet<string>();
	#saving = $state(false);
	#error = $state<ApiError | null>(null);
	#conflict = $state(false);
	#announcement = $state('');
	/** Segments shown expanded. */
	readonly expanded = new SvelteSet<string>();

	constructor(show: ShowResponse, options: EditorOptions) {
		this.#locale = options.locale ?? (() => i18n.locale);
		this.#clock = options.now ?? Date.now;
		this.#newId = options.newId ?? newClientId;
		this.#products = options.products;
		this.#people = options.people;
		this.#now = this.#clock();
		this.#load(show);
	}

	// -------------------------------------------------------------------------------------------
	// What the page shows

	get saved(): ShowResponse {
		return this.#saved;
	}
	get version(): number {
		return this.#saved.version;
	}
	get saving(): boolean {
		return this.#saving;
	}
	/** The last failed save or action, other than field issues and a conflict. */
	get error(): ApiError | null {
		return this.#error;
	}
	/** Another editor saved first: the draft cannot be saved over it. */
	get conflict(): boolean {
		return this.#conflict;
	}
	/** The text for the page's aria-live region (reorders, saves). */
	get announcement(): string {
		return this.#announcement;
	}
	get now(): EpochMs {
		return this.#now;
	}

	/** Products this show may present: the show's unit's own, or every unit's for a province show. */
	readonly products = $derived(this.#products.filter((p) => unitMayUse(this.draft.unitCode, p.unitCode)));
	/** People this show may cast, on the same rule. */
	readonly people = $derived(this.#people.filter((p) => unitMayUse(this.draft.unitCode, p.unitCode)));

	product(id: number | null): ProductResponse | undefined {
		return id === null ? undefined : this.#products.find((p) => p.id === id);
	}
	person(id: number): PersonResponse | undefined {
		return this.#people.find((p) => p.id === id);
	}

	/** Names of the show's hosts and guests, in that order: the speakers a segment usually has. */
	readonly cast = $derived(
		[...this.draft.hostIds, ...this.draft.guestIds].map((id) => this.person(id)).filter((p): p is PersonResponse => p !== undefined)
	);

	readonly schedule: PlannedSlot[] = $derived(plannedSchedule(this.draft.startsAt, this.draft.segments));

	readonly totals: ScheduleTotals = $derived(scheduleTotals(this.draft.startsAt, this.draft.segments, this.draft.plannedDurationMin));

	/** The show as it would be saved, for the checks. */
	readonly #asShow: Show = $derived({
		...this.#saved,
		...this.draft,
		productIds: [...new Set(this.draft.segments.map((s) => s.productId).filter((id): id is number => id !== null))]
	});

	/** The notice's rule findings on the draft, now, in the UI language. */
	readonly findings: Finding[] = $derived(
		checkShow({
			show: this.#asShow,
			products: this.#products.filter((p) => this.#asShow.productIds.includes(p.id)),
			hosts: this.#people.filter((p) => this.draft.hostIds.includes(p.id)),
			now: this.#now,
			locale: this.#locale()
		})
	);
	readonly errorCount = $derived(this.findings.filter((f) => f.severity === 'error').length);
	readonly warningCount = $derived(this.findings.length - this.errorCount);

	findingsFor(segmentId: string): Finding[] {
		return this.findings.filter((f) => f.segmentId === segmentId);
	}

	/** The body PATCH would send. */
	readonly #payload = $derived({ ...$state.snapshot(this.draft), expectedVersion: this.#saved.version });

	/** Field issues of the draft from the API's own schema (negative prices, zero durations, bad URLs…). */
	readonly #schemaIssues: { key: string; issue: FieldIssue }[] = $derived.by(() => {
		const result = showPatchRequest.safeParse(this.#payload);
		return result.success ? [] : zodFieldIssues(result.error).map((issue) => ({ key: issueKey(issue.path, this.draft.segments), issue }));
	});

	/** Every field issue now: the schema's, and the server's that still apply to an unchanged value. */
	readonly issues: { key: string; issue: FieldIssue }[] = $derived([
		...this.#schemaIssues,
		...this.#serverIssues.filter((s) => JSON.stringify(valueAt(this.draft, pathOf(s.key, this.draft.segments)) ?? null) === s.value)
	]);

	/** The first issue of a field (by issue key), if any. */
	issue(key: string): FieldIssue | undefined {
		return this.issues.find((i) => i.key === key)?.issue;
	}
	/** True when a field or anything below it (`platforms`, `seg:<id>`) has an issue. */
	hasIssuesUnder(prefix: string): boolean {
		return this.issues.some((i) => i.key === prefix || i.key.startsWith(`${prefix}.`)) || [...this.#unreadable].some((k) => k === prefix || k.startsWith(`${prefix}.`));
	}

	/** Marks an input whose text cannot be read (or clears the mark); saving waits for it. */
	setUnreadable(key: string, unreadable: boolean) {
		if (unreadable) this.#unreadable.add(key);
		else this.#unreadable.delete(key);
	}
	isUnreadable(key: string): boolean {
		return this.#unreadable.has(key);
	}

	/** The saved show as the payload would be: computed when a save or load replaces it, not on every keystroke. */
	readonly #savedJson = $derived(JSON.stringify({ ...draftOf(this.#saved), expectedVersion: this.#saved.version }));
	readonly dirty = $derived(JSON.stringify(this.#payload) !== this.#savedJson);
	/** What the unsaved edits change of a reported or approved show's content: saving sends it back for approval (core/amendment). */
	readonly amendedParts = $derived(this.dirty && isUnderReview(this.#saved.status) ? contentChanges(this.#saved, this.draft) : []);
	readonly canSave = $derived(!this.#saving && !this.#conflict && this.#schemaIssues.length === 0 && this.#unreadable.size === 0);
	/** No error-level finding, nothing unsaved that is invalid: the show may be reported. */
	readonly canReport = $derived(this.#saved.status === 'draft' && canReport(this.findings) && (!this.dirty || this.canSave));

	/** Days, hours… until the report deadline (start − 3 days), ms; negative once passed. */
	readonly reportDeadline = $derived(this.draft.startsAt - RULES.leadMs);

	/** Re-reads the clock for deadline rules (the page calls it every minute). */
	tick() {
		this.#now = this.#clock();
	}

	// -------------------------------------------------------------------------------------------
	// Run-sheet edits

	#index(id: string): number {
		return this.draft.segments.findIndex((s) => s.id === id);
	}

	/** Adds a segment of `kind` with its defaults, after `afterId` (at the end when absent); answers its id. */
	addSegment(kind: SegmentKind, afterId?: string): string {
		const segment = newSegment(kind, this.#newId);
		if (kind === 'product' || kind === 'flash_sale') segment.speakers = this.#defaultSpeakers();
		this.#insert(segment, afterId);
		return segment.id;
	}

	/** Adds a product slot built from the product's 附件3 data, as the standard sheet does. */
	addProductSlot(productId: number, afterId?: string): string {
		const product = this.product(productId);
		if (!product) throw new Error(`unknown product ${productId}`);
		const segment = productSlot(product, defaultMinutes('product'), this.#newId);
		segment.speakers = this.#defaultSpeakers();
		this.#insert(segment, afterId);
		return segment.id;
	}

	#insert(segment: Segment, afterId?: string) {
		const at = afterId ? this.#index(afterId) + 1 : this.draft.segments.length;
		// Keep the closing last when adding at the end.
		const closing = afterId ? -1 : this.draft.segments.findLastIndex((s) => s.kind === 'closing');
		const index = closing >= 0 && closing === this.draft.segments.length - 1 ? closing : at;
		this.draft.segments.splice(index, 0, segment);
		this.expanded.add(segment.id);
		this.#announce(i18n.t('editor.announce.added', { n: index + 1, title: segment.title }));
	}

	#defaultSpeakers(): string[] {
		return this.cast.filter((p) => this.draft.hostIds.includes(p.id)).map((p) => p.name);
	}

	remove(id: string) {
		const index = this.#index(id);
		if (index < 0) return;
		const [removed] = this.draft.segments.splice(index, 1);
		this.expanded.delete(id);
		this.#announce(i18n.t('editor.announce.removed', { title: removed.title }));
	}

	/** A copy right after the original, with new ids for it and its cues; answers the copy's id. */
	duplicate(id: string): string | null {
		const index = this.#index(id);
		if (index < 0) return null;
		const copy = duplicateSegment($state.snapshot(this.draft.segments[index]) as Segment, this.#newId);
		this.draft.segments.splice(index + 1, 0, copy);
		this.#announce(i18n.t('editor.announce.duplicated', { n: index + 2, title: copy.title }));
		return copy.id;
	}

	/** Moves the segment at `from` to `to` (drag and drop). */
	move(from: number, to: number) {
		if (from === to || from < 0 || to < 0 || from >= this.draft.segments.length || to >= this.draft.segments.length) return;
		this.draft.segments = moveSegment(this.draft.segments, from, to);
		const moved = this.draft.segments[to];
		this.#announce(i18n.t('editor.announce.moved', { n: to + 1, total: this.draft.segments.length, title: moved.title }));
	}

	/** Moves a segment one place up (-1) or down (+1), for Alt+↑/↓; false at either end. */
	moveBy(id: string, delta: -1 | 1): boolean {
		const from = this.#index(id);
		const to = from + delta;
		if (from < 0 || to < 0 || to >= this.draft.segments.length) {
			this.#announce(i18n.t(delta < 0 ? 'editor.announce.first' : 'editor.announce.last'));
			return false;
		}
		this.move(from, to);
		return true;
	}

	/**
	 * Sets a segment's product. Its live price, coupon rule and stock follow the new product when
	 * they were the old product's (or empty); a default title becomes the product's slot title.
	 */
	setProduct(id: string, productId: number | null) {
		const segment = this.draft.segments[this.#index(id)];
		if (!segment) return;
		const before = this.product(segment.productId);
		const after = this.product(productId);
		segment.productId = productId;
		const followed = <T>(value: T, old: T | undefined) => value === null || value === '' || (before !== undefined && value === old);
		if (followed(segment.livePriceFen, before?.livePriceFen)) segment.livePriceFen = after?.livePriceFen ?? null;
		if (followed(segment.couponRule, before?.couponRule)) segment.couponRule = after?.couponRule ?? '';
		if (followed(segment.stock, before?.stock ?? null)) segment.stock = after?.stock ?? null;
		segment.title = titleForProduct(segment, before?.name ?? null, after?.name ?? null);
	}

	/** Turns a segment's flash sale on (with terms from its price and stock) or off. */
	setFlashSale(id: string, on: boolean) {
		const segment = this.draft.segments[this.#index(id)];
		if (!segment) return;
		if (!on) {
			segment.flashSale = null;
			return;
		}
		const price = segment.livePriceFen ?? this.product(segment.productId)?.livePriceFen ?? 0;
		segment.flashSale = defaultFlashSale(price, segment.stock);
	}

	/** A new producer cue, a minute after the last one (within the segment); answers its id. */
	addCue(segmentId: string): string | null {
		const segment = this.draft.segments[this.#index(segmentId)];
		if (!segment) return null;
		const last = segment.cues.reduce((max, c) => Math.max(max, c.offsetSec), -60);
		const cue: ProducerCue = { id: this.#newId(), offsetSec: Math.min(last + 60, Math.max(0, segment.durationSec - 1)), text: '', forHost: false };
		segment.cues.push(cue);
		return cue.id;
	}

	removeCue(segmentId: string, cueId: string) {
		const segment = this.draft.segments[this.#index(segmentId)];
		if (segment) segment.cues = segment.cues.filter((c) => c.id !== cueId);
	}

	/** Cues in the order they fire. */
	sortCues(segmentId: string) {
		const segment = this.draft.segments[this.#index(segmentId)];
		if (segment) segment.cues = [...segment.cues].sort((a, b) => a.offsetSec - b.offsetSec);
	}

	toggleSpeaker(segmentId: string, name: string) {
		const segment = this.draft.segments[this.#index(segmentId)];
		if (!segment) return;
		segment.speakers = segment.speakers.includes(name) ? segment.speakers.filter((s) => s !== name) : [...segment.speakers, name];
	}

	// -------------------------------------------------------------------------------------------
	// Show edits

	addPlatform() {
		addPlatform(this.draft);
	}

	removePlatform(index: number) {
		removePlatform(this.draft, index);
	}

	/** Adds or removes a person as host or guest (never both). */
	toggleCast(role: 'hostIds' | 'guestIds', personId: number) {
		toggleCast(this.draft, role, personId);
	}

	// -------------------------------------------------------------------------------------------
	// Saving

	/** Saves the draft with the version it was loaded at. True when saved. */
	async save(): Promise<boolean> {
		if (!this.canSave) return false;
		this.#saving = true;
		this.#error = null;
		const payload = this.#payload;
		try {
			const saved = await call(endpoints.shows.update, { params: { id: this.#saved.id }, body: payload });
			this.#load(saved, { keepExpanded: true });
			this.#announce(i18n.t('editor.announce.saved', { version: saved.version }));
			return true;
		} catch (err) {
			this.#fail(err, payload.segments);
			return false;
		} finally {
			this.#saving = false;
		}
	}

	/** 报备: saves unsaved edits first, then reports. */
	async report(): Promise<boolean> {
		return this.#action('report');
	}
	/** The province approves. */
	async approve(): Promise<boolean> {
		return this.#action('approve');
	}
	/** Back to draft. */
	async withdraw(): Promise<boolean> {
		return this.#action('withdraw');
	}

	async #action(action: 'report' | 'approve' | 'withdraw'): Promise<boolean> {
		if (this.dirty && !(await this.save())) return false;
		this.#saving = true;
		this.#error = null;
		try {
			const saved = await call(endpoints.shows[action], { params: { id: this.#saved.id }, body: { expectedVersion: this.#saved.version } });
			this.#load(saved, { keepExpanded: true });
			return true;
		} catch (err) {
			this.#fail(err, this.draft.segments);
			return false;
		} finally {
			this.#saving = false;
		}
	}

	/** Replaces the draft with the latest saved show (after a conflict: the user's edits are dropped). */
	async reload(): Promise<void> {
		const latest = await call(endpoints.shows.get, { params: { id: this.#saved.id } });
		this.#load(latest, { keepExpanded: true });
	}

	/** Throws the draft away. */
	discard() {
		this.#load(this.#saved, { keepExpanded: true });
	}

	/** The products and people lists changed (a product was added in another tab, say). */
	setLibrary(products: ProductResponse[], people: PersonResponse[]) {
		this.#products = products;
		this.#people = people;
	}

	#load(show: ShowResponse, options: { keepExpanded?: boolean } = {}) {
		this.#saved = show;
		this.draft = draftOf(show);
		this.#serverIssues = [];
		this.#unreadable.clear();
		this.#conflict = false;
		this.#error = null;
		if (!options.keepExpanded) this.expanded.clear();
		for (const id of [...this.expanded]) if (!show.segments.some((s) => s.id === id)) this.expanded.delete(id);
	}

	#fail(err: unknown, segments: readonly { id: string }[]) {
		const error = ApiError.from(err);
		if (error.code === 'STALE_VERSION') this.#conflict = true;
		if (error.fields.length > 0 && (error.code === 'VALIDATION' || error.code === 'FORBIDDEN')) {
			this.#serverIssues = error.fields.map((issue) => {
				const key = issueKey(issue.path, segments);
				return { key, issue, value: JSON.stringify(valueAt(this.draft, pathOf(key, this.draft.segments)) ?? null) };
			});
		}
		this.#error = error;
	}

	#announce(text: string) {
		this.#announcement = text;
	}
}
