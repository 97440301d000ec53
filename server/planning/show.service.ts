/**
 * Planning a show: create it with the notice's standard run-sheet, edit it safely against a second
 * editor (a stale version is refused, nothing saved), check it against the notice's rules, report
 * it (报备), approve it and withdraw it. Every successful save or delete is announced on the bus
 * (`showChanged`) so the live engine can rebroadcast the run-sheet to the screens.
 *
 * Statuses: this service owns draft → reported → approved (and back to draft, and approved back to
 * reported when its content changes); the live engine sets live and ended.
 */
import { amendment, contentChanges } from '../../src/lib/core/amendment';
import { checkShow, RULES, type Finding } from '../../src/lib/core/checks';
import { copyTitle, duplicateShow } from '../../src/lib/core/duplicate';
import type { Locale } from '../../src/lib/core/format';
import type { Segment, Show, ShowInput } from '../../src/lib/core/model';
import { planningIssues, type PlanningDraft } from '../../src/lib/core/planning';
import { standardRunSheet } from '../../src/lib/core/runsheet';
import type { FieldIssue } from '../../src/lib/contract/errors';
import type { SessionAccount } from '../../src/lib/contract/session';
import type { ShowDuplicateRequest, ShowListQuery, ShowPatchRequest } from '../../src/lib/contract/shows';
import { DomainError } from '../domain/errors';
import { canAccessUnit } from '../domain/access';
import type { LiveRepository } from '../live/live.repository';
import type { PersonRepository } from './person.repository';
import type { ProductRepository } from './product.repository';
import type { ShowChanges, ShowRepository } from './show.repository';
import type { Bus } from '../domain/bus';
import { newToken } from './links.service';
import { ensureOwnUnit, ensureProvince, listUnit, savedOrThrow, staleVersion, visible } from '../domain/scope';
import { newSegmentId, newSlug } from '../domain/ids';

/** Live statuses in which a show is on air (a real run or a rehearsal). */
const RUNNING = new Set(['live', 'paused']);

export interface ShowServiceDeps {
	shows: ShowRepository;
	/** The live engine's stored state: whether the show is on air, and its segment on air. */
	live: LiveRepository;
	products: ProductRepository;
	people: PersonRepository;
	bus: Bus;
	clock: () => number;
}

export interface CheckResult {
	findings: Finding[];
	errors: number;
	warnings: number;
	canReport: boolean;
	checkedAt: number;
}

/** Hosts speak in every segment; guests join the interaction, the second venue and the closing. */
export function withSpeakers(sheet: Segment[], hosts: string[], guests: string[]): Segment[] {
	const withGuests = new Set<Segment['kind']>(['interaction', 'remote', 'closing']);
	return sheet.map((s) => ({ ...s, speakers: [...hosts, ...(withGuests.has(s.kind) ? guests : [])].slice(0, 10) }));
}

/** Field issues for a VALIDATION error from the planning rules. */
function validation(issues: FieldIssue[]): DomainError {
	const first = issues[0];
	return new DomainError('VALIDATION', `Invalid body: ${first.path}: ${first.message}`, issues);
}

export class ShowService {
	constructor(private readonly deps: ShowServiceDeps) {}

	/** A show the account may see; 404 otherwise. */
	get(account: SessionAccount, id: number): Show {
		return visible(account, this.deps.shows.get(id), 'Show');
	}

	/** A show the account may see, or undefined (another unit's show is as missing as an unknown id). */
	find(account: SessionAccount, id: number): Show | undefined {
		const show = this.deps.shows.get(id);
		return show && canAccessUnit(account, show.unitCode) ? show : undefined;
	}

	/** Shows the account may see, by start, each with the counts of its rule findings now. */
	list(account: SessionAccount, query: ShowListQuery) {
		const { shows, products, people, clock } = this.deps;
		const list = shows.list({ ...query, unitCode: listUnit(account, query.unit) });
		const library = products.getMany([...new Set(list.flatMap((s) => s.productIds))]);
		const cast = people.getMany([...new Set(list.flatMap((s) => s.hostIds))]);
		const now = clock();
		return list.map(({ segments, ...show }) => {
			const findings = checkShow({
				show: { ...show, segments },
				products: library.filter((p) => show.productIds.includes(p.id)),
				hosts: cast.filter((p) => show.hostIds.includes(p.id)),
				now,
				locale: 'en'
			});
			const errors = findings.filter((f) => f.severity === 'error').length;
			return { ...show, segmentCount: segments.length, checks: { errors, warnings: findings.length - errors } };
		});
	}

	/** A new show with the notice's standard run-sheet built from `productIds`, in that order. */
	create(account: SessionAccount, input: ShowInput): Show {
		const { shows, products, bus, clock } = this.deps;
		ensureOwnUnit(account, input.unitCode);
		const now = clock();
		this.ensurePlannable(account, { ...input }, now);
		const library = new Map(products.getMany(input.productIds).map((p) => [p.id, p]));
		const ordered = [...new Set(input.productIds)].map((id) => library.get(id)!);
		const sheet = withSpeakers(
			standardRunSheet({ products: ordered, plannedDurationMin: input.plannedDurationMin, newId: newSegmentId }),
			this.namesOf(input.hostIds),
			this.namesOf(input.guestIds)
		);
		const show = shows.create({ ...input, slug: newSlug(), producerToken: newToken(), hostToken: newToken(), recorderToken: newToken() }, sheet, now);
		bus.emit('showChanged', show.id);
		return show;
	}

	/**
	 * 复制直播: a new draft in the original's unit with its whole plan and run-sheet (new segment and
	 * cue ids), starting at `request.startsAt`. The original's status trail, poster mark, slug, link
	 * tokens, live history and sales stay with it. The copy passes the same planning rules as a new
	 * show (a start in the past is refused). `locale` words the default title's copy suffix.
	 */
	duplicate(account: SessionAccount, id: number, request: ShowDuplicateRequest, locale: Locale): Show {
		const { shows, bus, clock } = this.deps;
		// Unit scoping as on every show route: another unit's show answers 404 like a missing one.
		const original = this.get(account, id);
		const now = clock();
		const { plan, segments } = duplicateShow(original, { startsAt: request.startsAt, title: request.title ?? copyTitle(original.title, locale) }, newSegmentId);
		this.ensurePlannable(account, { ...plan, segments }, now);
		const show = shows.create({ ...plan, productIds: [], slug: newSlug(), producerToken: newToken(), hostToken: newToken(), recorderToken: newToken() }, segments, now, { posterFrom: original.id });
		bus.emit('showChanged', show.id);
		return show;
	}

	/**
	 * Saves an edit of the show's fields and/or its whole run-sheet, if the show is still at
	 * `expectedVersion`. While the show is on air, the segment on air cannot be removed. A content
	 * change to a reported or approved show sends it back for approval with the change recorded
	 * (core/amendment: which fields count).
	 */
	update(account: SessionAccount, id: number, patch: ShowPatchRequest & { expectedVersion: number }): Show {
		const { shows, bus, clock } = this.deps;
		const show = this.get(account, id);
		const { expectedVersion, segments, ...fields } = patch as Omit<ShowPatchRequest, 'segments'> & { expectedVersion: number; segments?: Segment[] };
		if (fields.unitCode !== undefined) ensureOwnUnit(account, fields.unitCode);
		if (show.version !== expectedVersion) throw staleVersion('show');

		const now = clock();
		const sheet = this.ensurePlannable(account, { ...show, ...fields, segments: segments ?? show.segments, productIds: undefined }, now, show).segments;
		if (segments) this.ensureOnAirKept(id, sheet);

		// On air (a real run or a rehearsal), edits keep working as they do live: no new approval.
		const review = this.onAir(show)
			? undefined
			: amendment(show, contentChanges(show, { ...(fields as ShowChanges), segments: segments ? sheet : undefined }), account.displayName, now);
		const saved = savedOrThrow(shows.update(id, expectedVersion, { ...(fields as ShowChanges), ...review }, segments ? sheet : undefined, now), 'Show');
		bus.emit('showChanged', id);
		return saved;
	}

	/** Deletes the show with its run-sheet and live history; refused while it is on air. */
	remove(account: SessionAccount, id: number) {
		const { shows, bus } = this.deps;
		const show = this.get(account, id);
		if (this.onAir(show)) {
			throw new DomainError('SHOW_LIVE', 'The show is on air; end it before deleting it');
		}
		shows.delete(id);
		bus.emit('showChanged', id);
	}

	/** The notice's rule checks on the saved show, now. */
	checks(account: SessionAccount, id: number, locale: Locale): CheckResult {
		return this.checksOf(this.get(account, id), locale);
	}

	/** 报备: draft → reported, at least 3 days before the start and with no error-level finding. */
	report(account: SessionAccount, id: number, expectedVersion: number | undefined): Show {
		const show = this.get(account, id);
		this.ensureVersion(show, expectedVersion);
		if (show.status !== 'draft') throw this.wrongStatus(show, 'reported');
		const now = this.deps.clock();
		const deadline = show.startsAt - RULES.leadMs;
		if (now > deadline) {
			throw new DomainError('REPORT_TOO_LATE', `Shows are reported at least 3 days before the start; the deadline was ${new Date(deadline).toISOString()}`);
		}
		this.ensureNoErrors(show, now);
		return this.save(show, { status: 'reported', reportedAt: now, reportedBy: account.displayName });
	}

	/** The province approves a reported show (who and when are recorded). */
	approve(account: SessionAccount, id: number, expectedVersion: number | undefined): Show {
		const show = this.get(account, id);
		ensureProvince(account, 'approve shows');
		this.ensureVersion(show, expectedVersion);
		if (show.status !== 'reported') throw this.wrongStatus(show, 'approved');
		const now = this.deps.clock();
		this.ensureNoErrors(show, now);
		return this.save(show, { status: 'approved', approvedAt: now, approvedBy: account.displayName, amendment: null });
	}

	/** Back to draft: the unit withdraws its report, or the province returns it for changes. */
	withdraw(account: SessionAccount, id: number, expectedVersion: number | undefined): Show {
		const show = this.get(account, id);
		this.ensureVersion(show, expectedVersion);
		if (show.status !== 'reported' && show.status !== 'approved') throw this.wrongStatus(show, 'withdrawn');
		return this.save(show, { status: 'draft', reportedAt: null, reportedBy: null, approvedAt: null, approvedBy: null, amendment: null });
	}

	checksOf(show: Show, locale: Locale, now = this.deps.clock()): CheckResult {
		const findings = checkShow({
			show,
			products: this.deps.products.getMany(show.productIds),
			hosts: this.deps.people.getMany(show.hostIds),
			now,
			locale
		});
		const errors = findings.filter((f) => f.severity === 'error').length;
		return { findings, errors, warnings: findings.length - errors, canReport: errors === 0, checkedAt: now };
	}

	// -------------------------------------------------------------------------------------------

	private namesOf(ids: readonly number[]): string[] {
		const people = this.deps.people.getMany(ids);
		return ids.map((id) => people.find((p) => p.id === id)?.name).filter((name): name is string => name !== undefined);
	}

	private save(show: Show, changes: ShowChanges): Show {
		const saved = savedOrThrow(this.deps.shows.update(show.id, show.version, changes, undefined, this.deps.clock()), 'Show');
		this.deps.bus.emit('showChanged', show.id);
		return saved;
	}

	private ensureVersion(show: Show, expectedVersion: number | undefined) {
		if (expectedVersion !== undefined && expectedVersion !== show.version) throw staleVersion('show');
	}

	private wrongStatus(show: Show, wanted: string) {
		return new DomainError('INVALID_STATUS', `A ${show.status} show cannot be ${wanted}`);
	}

	/** 422 CHECKS_FAILED with each error-level finding as a field issue. */
	private ensureNoErrors(show: Show, now: number) {
		const errors = this.checksOf(show, 'en', now).findings.filter((f) => f.severity === 'error');
		if (errors.length === 0) return;
		const fields = errors.map((f) => {
			const index = f.segmentId ? show.segments.findIndex((s) => s.id === f.segmentId) : -1;
			const path = index >= 0 && !f.productId ? `segments.${index}.${f.field ?? ''}`.replace(/\.$/, '') : (f.field ?? '');
			return { path, code: f.code, message: f.message };
		});
		throw new DomainError('CHECKS_FAILED', `${errors.length} rule check(s) fail: ${[...new Set(errors.map((f) => f.code))].join(', ')}`, fields);
	}

	/**
	 * The planning rules that need the clock and the library (400 VALIDATION with field issues).
	 * What `account` may not see answers like what does not exist: another unit's product or person
	 * is `unknown_*` to a city account, and a segment id that a show of another unit already uses is
	 * quietly replaced (answers the run-sheet to save) rather than refused, so no id is confirmed.
	 */
	private ensurePlannable<T extends PlanningDraft>(account: SessionAccount, draft: T, now: number, saved?: Show): T {
		const { products, people, shows } = this.deps;
		const seen = <R extends { unitCode: string }>(records: R[]) => records.filter((r) => canAccessUnit(account, r.unitCode));
		const productIds = [...(draft.productIds ?? []), ...(draft.segments ?? []).map((s) => s.productId).filter((p): p is number => p !== null)];
		const taken = shows.segmentIdsTakenElsewhere(saved?.id ?? null, (draft.segments ?? []).map((s) => s.id));
		const segments = draft.segments?.map((s) => {
			const unit = taken.get(s.id);
			return unit !== undefined && !canAccessUnit(account, unit) ? { ...s, id: newSegmentId() } : s;
		});
		const checked = segments ? { ...draft, segments } : draft;
		const issues = planningIssues(checked, {
			now,
			savedStartsAt: saved?.startsAt,
			products: new Map(seen(products.getMany([...new Set(productIds)])).map((p) => [p.id, p])),
			people: new Map(seen(people.getMany([...new Set([...draft.hostIds, ...draft.guestIds])])).map((p) => [p.id, p])),
			idsTakenElsewhere: new Set([...taken.keys()].filter((id) => canAccessUnit(account, taken.get(id)!)))
		});
		if (issues.length > 0) throw validation(issues);
		return checked;
	}

	/** Live, or its live state running (a real run or a rehearsal). */
	private onAir(show: Show): boolean {
		const live = this.deps.live.load(show.id)?.state;
		return show.status === 'live' || (live !== undefined && RUNNING.has(live.status));
	}

	private ensureOnAirKept(id: number, sheet: readonly Segment[]) {
		const live = this.deps.live.load(id)?.state;
		if (!live || !RUNNING.has(live.status) || !live.segmentId) return;
		if (!sheet.some((s) => s.id === live.segmentId)) {
			throw new DomainError('CURRENT_SEGMENT', 'The segment on air cannot be removed while the show is running');
		}
	}
}
