/**
 * The campaign's progress against the notice's targets (seed/DIGEST.md): provincial demo shows
 * held, shows per city, nominated products per city, the 小青优品 library, host-training sessions
 * (网络主播训练营), shows whose report or poster is late, and a month calendar. Pure: `now` is a
 * parameter.
 */
import { z } from 'zod';
import { checkShow } from './checks';
import { unitCode, type EpochMs, type Product, type Show } from './model';
import { NOMINATION_TARGET, nominationStanding, type NominationStanding } from './planning';
import { PROVINCE_CODE, UNITS } from './units';

/** The notice's numbers for 2020 (per year). */
export const CAMPAIGN_TARGETS = {
	/** 团省委组织各地至少开展15场示范直播 */
	demoShows: 15,
	/** 各市州自行组织2场以上直播推荐活动 */
	showsPerCity: 2,
	/** 各市州精选推报候选产品5-8件 */
	productsPerCityMin: NOMINATION_TARGET.min,
	productsPerCityMax: NOMINATION_TARGET.max,
	/** 50件左右 */
	library: 50,
	/** 省级开展1场网络主播培训 */
	trainingProvince: 1,
	/** 各市州至少开展1场培训 */
	trainingPerCity: 1
} as const;

const text = (max: number) => z.string().trim().max(max);

/** A host-training session (网络主播训练营) as a coordinator records it. */
export const trainingSessionInput = z.strictObject({
	unitCode,
	title: text(100).min(1).default('网络主播训练营'),
	/** When it took (or takes) place, epoch ms (shown in Asia/Shanghai). */
	startsAt: z.number().int().min(0),
	place: text(100).min(1),
	trainer: text(100).min(1),
	/** Number of trainees. */
	attendees: z.number().int().min(0).max(100_000),
	notes: text(1000).default('')
});
export type TrainingSessionInput = z.infer<typeof trainingSessionInput>;

export type TrainingSession = TrainingSessionInput & { id: number; version: number; createdAt: EpochMs; updatedAt: EpochMs };

export interface UnitProgress {
	unitCode: string;
	kind: 'province' | 'city';
	shows: { held: number; upcoming: number };
	products: { nominated: number; selected: number; status: NominationStanding };
	/** Sessions held (started before now) and planned. */
	training: { held: number; planned: number };
	/** Shows ≥ 2, products 5–8 and at least one session held (cities only). */
	onTrack: boolean;
}

export type LateCode = 'REPORT_LATE' | 'POSTER_LATE';

export interface AttentionShow {
	showId: number;
	title: string;
	unitCode: string;
	startsAt: EpochMs;
	status: Show['status'];
	issues: { code: LateCode; deadline: EpochMs; doneAt: EpochMs | null }[];
}

export interface CampaignProgress {
	demo: { held: number; upcoming: number; target: number };
	library: { selected: number; nominated: number; target: number };
	training: { provincial: number; citiesCovered: number; cities: number };
	cities: { showsOnTarget: number; productsOnTarget: number; count: number };
	units: UnitProgress[];
	attention: AttentionShow[];
}

export interface ProgressInput {
	shows: readonly Show[];
	/** Shows with a finished real live run (besides those whose status is 'ended'). */
	heldShowIds: ReadonlySet<number>;
	products: readonly Pick<Product, 'unitCode' | 'status'>[];
	trainings: readonly Pick<TrainingSession, 'unitCode' | 'startsAt'>[];
	/** Units to report on (a city account sees its own). */
	unitCodes: readonly string[];
	now: EpochMs;
}

/** A show counts as held once it has ended (status, or a finished live run). */
export function isHeld(show: Pick<Show, 'id' | 'status'>, heldShowIds: ReadonlySet<number>): boolean {
	return show.status === 'ended' || heldShowIds.has(show.id);
}


/** The report and poster deadlines a show has missed (REPORT_LATE / POSTER_LATE of checks.ts). */
export function lateIssues(show: Show, now: EpochMs): AttentionShow['issues'] {
	const findings = checkShow({ show: { ...show, segments: [] }, products: [], now, locale: 'en' });
	return findings
		.filter((f): f is typeof f & { code: LateCode } => f.code === 'REPORT_LATE' || f.code === 'POSTER_LATE')
		.map((f) => ({
			code: f.code,
			deadline: Number(f.params?.deadline ?? 0),
			doneAt: f.code === 'REPORT_LATE' ? show.reportedAt : show.posterPublishedAt
		}));
}

export function campaignProgress(input: ProgressInput): CampaignProgress {
	const { shows, heldShowIds, products, trainings, now } = input;
	const inScope = new Set(input.unitCodes);
	const held = (s: Show) => isHeld(s, heldShowIds);
	const active = products.filter((p) => p.status !== 'archived' && inScope.has(p.unitCode));

	const units: UnitProgress[] = UNITS.filter((u) => inScope.has(u.code)).map((u) => {
		const own = shows.filter((s) => s.unitCode === u.code);
		const ownProducts = active.filter((p) => p.unitCode === u.code);
		const ownTrainings = trainings.filter((t) => t.unitCode === u.code);
		const showsHeld = own.filter(held).length;
		const nominated = ownProducts.length;
		const trainingHeld = ownTrainings.filter((t) => t.startsAt <= now).length;
		const status = nominationStanding(nominated);
		return {
			unitCode: u.code,
			kind: u.kind,
			shows: { held: showsHeld, upcoming: own.filter((s) => !held(s)).length },
			products: { nominated, selected: ownProducts.filter((p) => p.status === 'selected').length, status },
			training: { held: trainingHeld, planned: ownTrainings.length - trainingHeld },
			onTrack: u.kind === 'city' && showsHeld >= CAMPAIGN_TARGETS.showsPerCity && status === 'within' && trainingHeld >= CAMPAIGN_TARGETS.trainingPerCity
		};
	});
	const cities = units.filter((u) => u.kind === 'city');
	const demo = shows.filter((s) => s.kind === 'demo' && inScope.has(s.unitCode));

	const attention: AttentionShow[] = shows
		.filter((s) => inScope.has(s.unitCode) && !held(s))
		.map((s) => ({ showId: s.id, title: s.title, unitCode: s.unitCode, startsAt: s.startsAt, status: s.status, issues: lateIssues(s, now) }))
		.filter((a) => a.issues.length > 0)
		.sort((a, b) => a.startsAt - b.startsAt);

	return {
		demo: { held: demo.filter(held).length, upcoming: demo.filter((s) => !held(s)).length, target: CAMPAIGN_TARGETS.demoShows },
		library: { selected: active.filter((p) => p.status === 'selected').length, nominated: active.length, target: CAMPAIGN_TARGETS.library },
		training: {
			provincial: trainings.filter((t) => t.unitCode === PROVINCE_CODE && t.startsAt <= now && inScope.has(t.unitCode)).length,
			citiesCovered: cities.filter((c) => c.training.held >= CAMPAIGN_TARGETS.trainingPerCity).length,
			cities: cities.length
		},
		cities: {
			showsOnTarget: cities.filter((c) => c.shows.held >= CAMPAIGN_TARGETS.showsPerCity).length,
			productsOnTarget: cities.filter((c) => c.products.status === 'within').length,
			count: cities.length
		},
		units,
		attention
	};
}
