/**
 * The report's audience half for one run: the run's on-air intervals from its log, its checkpoints
 * (typed and imported) turned into results (`results.ts`), and which platforms gave how many.
 * Null when the run has no checkpoint left (none, or all deleted). Pure.
 */
import type { EpochMs, Platform, Segment } from '../model';
import type { LogEvent } from '../report';
import type { FigureReading } from './metrics';
import { audienceResults, type AudienceResults } from './results';
import { onAirIntervals } from './timeline';

export interface RunAudience extends AudienceResults {
	/** Platforms with checkpoints, in first-seen order, with how many were typed and imported. */
	sources: { platform: Platform; manual: number; imported: number }[];
}

export function runAudience(input: {
	segments: readonly Pick<Segment, 'id' | 'title' | 'productId'>[];
	events: readonly LogEvent[];
	readings: readonly FigureReading[];
	now: EpochMs;
}): RunAudience | null {
	const live = input.readings.filter((r) => !r.deleted);
	if (live.length === 0) return null;
	const sources = new Map<Platform, { platform: Platform; manual: number; imported: number }>();
	for (const r of live) {
		const s = sources.get(r.platform) ?? { platform: r.platform, manual: 0, imported: 0 };
		if (r.source === 'import') s.imported++;
		else s.manual++;
		sources.set(r.platform, s);
	}
	const intervals = onAirIntervals(input.events, input.now);
	return { sources: [...sources.values()], ...audienceResults({ segments: input.segments, intervals, readings: live, now: input.now }) };
}
