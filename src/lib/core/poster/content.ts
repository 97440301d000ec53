/**
 * What a preheat poster (宣传预热海报) says, taken from a show, its people and its products; and
 * when it is due. Posters are always in Chinese: they are printed and posted for viewers on the
 * campaign's Chinese channels, whatever the coordinator's UI language. Pure: `now` is a parameter.
 */
import { RULES } from '../checks';
import { formatShanghai, shanghaiParts } from '../format';
import { unitByCode } from '../units';
import { PLATFORM_NAMES, type EpochMs, type Person, type Platform, type Product, type Show } from '../model';

export const POSTER_DESIGNS = ['festive', 'fresh'] as const;
export type PosterDesign = (typeof POSTER_DESIGNS)[number];
export const POSTER_FORMATS = ['a4', 'phone'] as const;
export type PosterFormat = (typeof POSTER_FORMATS)[number];
/** Where the poster's QR codes lead: each platform's live room, or the show's public page. */
export const POSTER_QR_TARGETS = ['rooms', 'public'] as const;
export type PosterQrTarget = (typeof POSTER_QR_TARGETS)[number];

export const CAMPAIGN_MARK = '青春为家乡代言';
export const CAMPAIGN_SERIES = '小青优品·公益直播带货';
export const CAMPAIGN_TOPIC = '#青春为家乡代言#';
/** The title the province awards (「青春为家乡代言·扶贫大使」), as posters print it beside a name. */
export const AMBASSADOR_TITLE = '扶贫大使';
export const MAX_POSTER_PRODUCTS = 6;
/** The poster is due this long before the announced start (notice: 提前三天). */
export const POSTER_LEAD_MS = RULES.leadMs;
/** From this long before the due date on, the poster page warns that it is due soon. */
export const POSTER_DUE_SOON_MS = 2 * 24 * 3600_000;

export interface PosterPerson {
	name: string;
	role: 'host' | 'guest';
	ambassador: boolean;
}

export interface PosterProduct {
	name: string;
	spec: string;
	/** 直播间到手价, fen: the run-sheet's price for the slot when set, else the library's. */
	livePriceFen: number;
	/** 日常零售价, fen. */
	dailyPriceFen: number;
	/** Lowest flash-sale (秒杀) price planned for it, fen. */
	flashPriceFen: number | null;
}

export interface PosterQr {
	url: string;
	/** '抖音直播间' or '扫码看直播'. */
	label: string;
	/** The account ('@青春湖北') or the platforms ('抖音·快手'). */
	sublabel: string;
}

export interface PosterContent {
	title: string;
	startsAt: EpochMs;
	/** '12月12日（周六）19:30', Asia/Shanghai. */
	dateText: string;
	/** The same date in pieces, for designs that set them apart: '12月12日', '周六', '19:30'. */
	dateParts: { monthDay: string; weekday: string; time: string };
	unitName: string;
	platforms: { platform: Platform; name: string; accountName: string }[];
	people: PosterPerson[];
	products: PosterProduct[];
	qrs: PosterQr[];
}

export type PosterShow = Pick<Show, 'title' | 'startsAt' | 'platforms' | 'hostIds' | 'guestIds' | 'productIds' | 'segments'>;

/**
 * The poster's content. Products come in run-sheet order (then the show's other products), at
 * most six; hosts first, then guests, each marked when they hold the 扶贫大使 title; unknown ids
 * are skipped. `publicUrl` is the show's public page, used when `qrTarget` is 'public'.
 */
export function posterContent(input: {
	show: PosterShow;
	people: readonly Pick<Person, 'id' | 'name' | 'ambassador'>[];
	products: readonly ProductFacts[];
	unitName: string;
	qrTarget: PosterQrTarget;
	publicUrl: string;
}): PosterContent {
	const { show } = input;
	const people = showPeople(show, input.people);
	const products = showProducts(show, input.products, MAX_POSTER_PRODUCTS);

	const platforms = show.platforms.map((p) => ({ platform: p.platform, name: PLATFORM_NAMES[p.platform].zh, accountName: p.accountName }));
	const qrs: PosterQr[] =
		input.qrTarget === 'public'
			? [{ url: input.publicUrl, label: '扫码看直播', sublabel: [...new Set(platforms.map((p) => p.name))].join('·') }]
			: show.platforms.map((p) => ({ url: p.roomUrl, label: `${PLATFORM_NAMES[p.platform].zh}直播间`, sublabel: `@${p.accountName}` }));

	return {
		title: show.title,
		startsAt: show.startsAt,
		dateText: formatShanghai(show.startsAt, 'poster', 'zh-CN'),
		dateParts: datePieces(show.startsAt),
		unitName: input.unitName,
		platforms,
		people,
		products: products.map(({ product: _p, ...rest }) => rest),
		qrs
	};
}

/** The organiser as posters name it: 共青团湖北省委, 共青团武汉市委. */
export function organiserName(unitCode: string): string {
	const unit = unitByCode(unitCode);
	if (!unit) return unitCode;
	return unit.kind === 'province' ? unit.zh : `共青团${unit.zh}委`;
}

/** Hosts first, then guests (a host listed as a guest too appears once), each with their 扶贫大使 title; unknown ids skipped. */
export function showPeople(show: Pick<Show, 'hostIds' | 'guestIds'>, people: readonly Pick<Person, 'id' | 'name' | 'ambassador'>[]): PosterPerson[] {
	const person = (id: number, role: PosterPerson['role']): PosterPerson[] => {
		const p = people.find((x) => x.id === id);
		return p ? [{ name: p.name, role, ambassador: p.ambassador === 'awarded' }] : [];
	};
	const hostIds = [...new Set(show.hostIds)];
	const guestIds = [...new Set(show.guestIds)].filter((id) => !hostIds.includes(id));
	return [...hostIds.flatMap((id) => person(id, 'host')), ...guestIds.flatMap((id) => person(id, 'guest'))];
}

type ProductFacts = Pick<Product, 'id' | 'name' | 'spec' | 'livePriceFen' | 'dailyPriceFen'>;

/**
 * The show's products with the prices viewers get: in run-sheet order, then the show's other
 * products; the live price is the product slot's (直播间到手价) when the run-sheet sets one, else
 * the library's; the flash price is the lowest planned 秒杀 price. Unknown ids are skipped.
 */
export function showProducts<P extends ProductFacts>(show: Pick<Show, 'productIds' | 'segments'>, library: readonly P[], limit = Infinity): (PosterProduct & { product: P })[] {
	const order: number[] = [];
	for (const s of show.segments) if (s.productId !== null && !order.includes(s.productId)) order.push(s.productId);
	for (const id of show.productIds) if (!order.includes(id)) order.push(id);
	const out: (PosterProduct & { product: P })[] = [];
	for (const id of order) {
		if (out.length >= limit) break;
		const p = library.find((x) => x.id === id);
		if (!p) continue;
		const slot = show.segments.find((s) => s.productId === id && s.kind === 'product' && s.livePriceFen !== null);
		const flash = show.segments.filter((s) => s.productId === id && s.flashSale).map((s) => s.flashSale!.priceFen);
		out.push({
			name: p.name,
			spec: p.spec,
			livePriceFen: slot?.livePriceFen ?? p.livePriceFen,
			dailyPriceFen: p.dailyPriceFen,
			flashPriceFen: flash.length ? Math.min(...flash) : null,
			product: p
		});
	}
	return out;
}

export type PosterDeadlineState = 'published' | 'published_late' | 'open' | 'due_soon' | 'overdue';

export interface PosterDeadline {
	/** start − 3 days, epoch ms. */
	dueAt: EpochMs;
	state: PosterDeadlineState;
	/** ms until the due date; negative once it has passed. */
	msLeft: number;
}

/** When the poster is due and where it stands: published (on time or late), open, due soon, overdue. */
export function posterDeadline(show: Pick<Show, 'startsAt' | 'posterPublishedAt'>, now: EpochMs): PosterDeadline {
	const dueAt = show.startsAt - POSTER_LEAD_MS;
	const msLeft = dueAt - now;
	if (show.posterPublishedAt !== null) return { dueAt, msLeft, state: show.posterPublishedAt <= dueAt ? 'published' : 'published_late' };
	return { dueAt, msLeft, state: msLeft < 0 ? 'overdue' : msLeft <= POSTER_DUE_SOON_MS ? 'due_soon' : 'open' };
}

const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

function datePieces(startsAt: EpochMs): PosterContent['dateParts'] {
	const p = shanghaiParts(startsAt);
	return { monthDay: `${p.month}月${p.day}日`, weekday: WEEKDAYS[p.weekday], time: formatShanghai(startsAt, 'time', 'zh-CN') };
}
