/**
 * Posters and the public page: gathers a show's people, products and unit, and hands them to the
 * pure poster core (content, layout, SVG) or to the public view. No HTTP here.
 */
import type { PosterInfoResponse, PublicShowResponse } from '../../src/lib/contract/posters';
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
import type { PersonRepository } from '../repositories/person.repository';
import type { PosterRepository } from '../repositories/poster.repository';
import type { ProductRepository } from '../repositories/product.repository';
import type { ShowRepository } from '../repositories/show.repository';

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
		private readonly posters: PosterRepository
	) {}

	private productsOf(show: Show) {
		return this.products.getMany(show.productIds);
	}

	/** The poster of a show as SVG; `origin` builds the public page's URL for the 'public' QR target. */
	svg(show: Show, choice: { design: PosterDesign; format: PosterFormat; qrTarget: PosterQrTarget }, origin: string): string {
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

	info(show: Show, origin: string, now: EpochMs): PosterInfoResponse {
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
	publicView(slug: string, now: EpochMs): PublicShowResponse | undefined {
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
