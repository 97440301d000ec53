/**
 * Posters and the public page: gathers a show's people, products and unit, and hands them to the
 * pure poster core (content, layout, SVG) or to the public view. No HTTP here.
 */
import type { PosterInfoResponse, PosterSettingsBody, PublicShowResponse } from '../../src/lib/contract/posters';
import type { SessionAccount } from '../../src/lib/contract/session';
import type { EpochMs, Show } from '../../src/lib/core/model';
import {
	CAMPAIGN_TOPIC,
	POSTER_DESIGNS,
	organiserName,
	posterContent,
	posterDeadline,
	renderPoster,
	showPeople,
	showProducts,
	type PosterDesign,
	type PosterFormat,
	type PosterQrTarget
} from '../../src/lib/core/poster';
import { unitByCode } from '../../src/lib/core/units';
import type { PersonRepository } from '../planning/person.repository';
import type { PosterRepository } from './poster.repository';
import type { ProductRepository } from '../planning/product.repository';
import type { ShowRepository } from '../planning/show.repository';
import { DomainError } from '../domain/errors';
import { visible } from '../domain/scope';

/** A publish date may run ahead of the server clock by this much (a laptop clock a little fast). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** Warm-up opens 15 minutes before the announced start (notice: 活动预热). */
const WARMUP_MS = 15 * 60_000;

export const publicPageUrl = (origin: string, slug: string) => `${origin}/s/${slug}`;

/** True for loopback, link-local, private-range and .local hosts: a phone outside the LAN cannot open them. */
export function isLocalOrigin(origin: string): boolean {
	let host: string;
	try {
		host = new URL(origin).hostname.replace(/^\[|\]$/g, '');
	} catch {
		return true;
	}
	if (host === 'localhost' || host.endsWith('.local') || host.endsWith('.localhost') || host === '::1' || /^f[cd]|^fe80:/i.test(host)) return true;
	const ip = host.split('.').map(Number);
	if (ip.length !== 4 || ip.some((n) => !Number.isInteger(n))) return false;
	const [a, b] = ip;
	return a === 127 || a === 10 || (a === 192 && b === 168) || (a === 172 && b >= 16 && b <= 31) || (a === 169 && b === 254) || a === 0;
}

export class PosterService {
	constructor(
		private readonly shows: ShowRepository,
		private readonly people: PersonRepository,
		private readonly products: ProductRepository,
		private readonly posters: PosterRepository,
		private readonly clock: () => number
	) {}

	/** The show when the coordinator may manage it; another unit's show answers 404 like a missing one. */
	private managed(account: SessionAccount, showId: number): Show {
		return visible(account, this.shows.get(showId), 'Show');
	}

	/** The poster's settings, deadline and public page of a show; `origin` builds the public page's URL. */
	infoFor(account: SessionAccount, showId: number, origin: string): PosterInfoResponse {
		return this.info(this.managed(account, showId), origin, this.clock());
	}

	saveSettings(account: SessionAccount, showId: number, settings: PosterSettingsBody, origin: string): PosterInfoResponse {
		const show = this.managed(account, showId);
		this.posters.saveSettings(show.id, settings, this.clock(), account.username);
		return this.info(show, origin, this.clock());
	}

	/** Records when the poster went out (now when absent); a date in the future is refused. */
	publish(account: SessionAccount, showId: number, publishedAt: EpochMs | undefined, origin: string): PosterInfoResponse {
		const show = this.managed(account, showId);
		const now = this.clock();
		const at = publishedAt ?? now;
		if (at > now + FUTURE_TOLERANCE_MS) {
			throw new DomainError('VALIDATION', 'Invalid body: publishedAt: cannot be in the future', [
				{ path: 'publishedAt', code: 'too_big', message: 'The publish date cannot be in the future', params: { maximum: now } }
			]);
		}
		this.posters.setPublished(show.id, at, now);
		return this.info({ ...show, posterPublishedAt: at }, origin, now);
	}

	unpublish(account: SessionAccount, showId: number, origin: string): PosterInfoResponse {
		const show = this.managed(account, showId);
		const now = this.clock();
		this.posters.setPublished(show.id, null, now);
		return this.info({ ...show, posterPublishedAt: null }, origin, now);
	}

	/** The poster as SVG in the design, format and QR target asked for (the saved ones where not). */
	svgFor(account: SessionAccount, showId: number, choice: { design?: PosterDesign; format: PosterFormat; qr?: PosterQrTarget }, origin: string) {
		const show = this.managed(account, showId);
		const saved = this.posters.settings(show.id);
		const design = choice.design ?? saved.design;
		return { show, design, svg: this.svg(show, { design, format: choice.format, qrTarget: choice.qr ?? saved.qrTarget }, origin) };
	}

	private productsOf(show: Show) {
		return this.products.getMany(show.productIds);
	}

	/** The poster of a show as SVG; `origin` builds the public page's URL for the 'public' QR target. */
	private svg(show: Show, choice: { design: PosterDesign; format: PosterFormat; qrTarget: PosterQrTarget }, origin: string): string {
		const content = posterContent({
			show,
			people: this.people.getMany([...show.hostIds, ...show.guestIds]),
			products: this.productsOf(show),
			unitName: organiserName(show.unitCode),
			qrTarget: choice.qrTarget,
			publicUrl: publicPageUrl(origin, show.slug)
		});
		return renderPoster(content, choice.design, choice.format, { idPrefix: `poster-${choice.design}-${choice.format}` });
	}

	private info(show: Show, origin: string, now: EpochMs): PosterInfoResponse {
		const settings = this.posters.settings(show.id);
		const deadline = posterDeadline(show, now);
		const publicUrl = publicPageUrl(origin, show.slug);
		return {
			showId: show.id,
			title: show.title,
			status: show.status,
			startsAt: show.startsAt,
			design: settings.design,
			qrTarget: settings.qrTarget,
			designs: [...POSTER_DESIGNS],
			deadline: { ...deadline, msLeft: Math.round(deadline.msLeft) },
			publishedAt: show.posterPublishedAt,
			publicUrl,
			publicPageOpen: show.status !== 'draft',
			publicUrlIsLocal: isLocalOrigin(publicUrl),
			serverNow: now
		};
	}

	/** What the public page shows, or undefined for an unknown slug or a draft. */
	publicView(slug: string): PublicShowResponse | undefined {
		const now = this.clock();
		const id = this.posters.showIdBySlug(slug);
		const show = id === undefined ? undefined : this.shows.get(id);
		if (!show || show.status === 'draft') return undefined;
		const unit = unitByCode(show.unitCode);
		return {
			slug: show.slug,
			title: show.title,
			status: show.status,
			startsAt: show.startsAt,
			endsAt: show.startsAt + show.plannedDurationMin * 60_000,
			warmupMs: WARMUP_MS,
			unit: { code: show.unitCode, nameZh: organiserName(show.unitCode), nameEn: unit?.en ?? show.unitCode },
			platforms: show.platforms.map((p) => ({ platform: p.platform, accountName: p.accountName, roomUrl: p.roomUrl })),
			people: showPeople(show, this.people.getMany([...show.hostIds, ...show.guestIds])),
			products: showProducts(show, this.productsOf(show)).map(({ product, ...p }) => ({ ...p, origin: product.origin })),
			topic: CAMPAIGN_TOPIC,
			serverNow: now
		};
	}
}
