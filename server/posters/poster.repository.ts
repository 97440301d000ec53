import { eq } from 'drizzle-orm';
import type { PosterDesign, PosterQrTarget } from '../../src/lib/core/poster/content';
import type { Db } from '../db/client';
import { posterSettings, shows } from '../db/schema';

export interface PosterSettings {
	design: PosterDesign;
	qrTarget: PosterQrTarget;
}

export const DEFAULT_POSTER_SETTINGS: PosterSettings = { design: 'festive', qrTarget: 'rooms' };

/** Poster choices, the published mark, and the public page's slug lookup. */
export class PosterRepository {
	constructor(private readonly db: Db) {}

	settings(showId: number): PosterSettings {
		const row = this.db.select({ design: posterSettings.design, qrTarget: posterSettings.qrTarget }).from(posterSettings).where(eq(posterSettings.showId, showId)).get();
		return row ?? DEFAULT_POSTER_SETTINGS;
	}

	saveSettings(showId: number, settings: PosterSettings, now: number, by: string) {
		this.db
			.insert(posterSettings)
			.values({ showId, ...settings, updatedAt: now, updatedBy: by })
			.onConflictDoUpdate({ target: posterSettings.showId, set: { ...settings, updatedAt: now, updatedBy: by } })
			.run();
	}

	/**
	 * Sets or clears the poster's published mark. The show's `version` is left alone: the mark is
	 * not an edit of the plan, and an editor open elsewhere must not be told its copy went stale.
	 */
	setPublished(showId: number, publishedAt: number | null, now: number) {
		this.db.update(shows).set({ posterPublishedAt: publishedAt, updatedAt: now }).where(eq(shows.id, showId)).run();
	}

	/** The id of the show with this public slug, if any (drafts included: the caller decides). */
	showIdBySlug(slug: string): number | undefined {
		return this.db.select({ id: shows.id }).from(shows).where(eq(shows.slug, slug)).get()?.id;
	}
}
