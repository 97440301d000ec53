/** The campaign's progress for the signed-in account's units, and a month of the calendar. */
import type { ProgressResponse } from '../../src/lib/contract/progress';
import type { SessionAccount } from '../../src/lib/contract/session';
import { monthKey, monthOf, monthRange, parseMonthKey } from '../../src/lib/core/calendar';
import { CAMPAIGN_TARGETS, campaignProgress, isHeld } from '../../src/lib/core/progress';
import type { LiveRepository } from '../live/live.repository';
import type { ProductRepository } from '../planning/product.repository';
import type { ShowRepository } from '../planning/show.repository';
import type { TrainingRepository } from './training.repository';
import { unitScope } from '../domain/unit-scope';

export class ProgressService {
	constructor(
		private readonly shows: ShowRepository,
		private readonly products: ProductRepository,
		private readonly training: TrainingRepository,
		private readonly live: LiveRepository,
		private readonly clock: () => number
	) {}

	progress(account: SessionAccount, query: { month?: string; unit?: string }): ProgressResponse {
		const now = this.clock();
		const scope = unitScope(account, query.unit);
		const unitCode = scope.unit ?? undefined;
		const shows = this.shows.list({ unitCode });
		const heldShowIds = this.live.heldShowIds();
		const progress = campaignProgress({
			shows,
			heldShowIds,
			products: this.products.list({ unitCode }),
			trainings: this.training.list({ unitCodes: scope.unitCodes }),
			unitCodes: scope.unitCodes,
			now
		});
		const month = query.month ?? monthKey(monthOf(now));
		// The query's month matched MONTH_KEY_PATTERN (progressQuery).
		const { from, to } = monthRange(parseMonthKey(month)!);
		const entry = (s: (typeof shows)[number]) => ({
			id: s.id,
			title: s.title,
			unitCode: s.unitCode,
			kind: s.kind,
			status: s.status,
			startsAt: s.startsAt,
			plannedDurationMin: s.plannedDurationMin,
			held: isHeld(s, heldShowIds)
		});
		return {
			scope: account.scope,
			now,
			targets: { ...CAMPAIGN_TARGETS },
			...progress,
			upcoming: shows
				.filter((s) => !isHeld(s, heldShowIds) && s.startsAt + s.plannedDurationMin * 60_000 >= now)
				.slice(0, 8)
				.map((s) => ({ ...entry(s), reportedAt: s.reportedAt, posterPublishedAt: s.posterPublishedAt })),
			calendar: { month, shows: shows.filter((s) => s.startsAt >= from && s.startsAt < to).map(entry) }
		};
	}
}
