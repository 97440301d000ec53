/**
 * The product on air as the host's card shows it: the run-sheet slot's price and coupon rule over
 * the library's, the stock the producer set live, the link number on each platform, and the
 * flash-sale price while a sale of this segment is open.
 */
import type { LiveFlashSale } from '../live';
import type { Platform, Segment } from '../model';

export interface HostProductView {
	id: number;
	name: string;
	spec: string;
	origin: string;
	/** 日常价, fen; null when it is not above the live price (nothing to strike through). */
	dailyPriceFen: number | null;
	/** 直播间到手价, fen. */
	livePriceFen: number;
	/** The flash-sale price while this segment's sale is open, fen. */
	flashPriceFen: number | null;
	couponRule: string;
	/** Selling points, one per line (the library keeps them as text; lines or ；separate them). */
	sellingPoints: string[];
	/** Stock set live by the producer (仅剩 N 件); null until set. */
	liveStock: number | null;
	/** Stock planned for the slot (or the library's), shown small until a live figure exists. */
	plannedStock: number | null;
	/** Link number (链接号) per platform of the show, in the show's platform order. */
	links: { platform: Platform; number: number }[];
}

/** The library fields the card reads (a run-sheet's product as screens receive it). */
export interface CardProduct {
	id: number;
	name: string;
	spec: string;
	origin: string;
	dailyPriceFen: number;
	livePriceFen: number;
	couponRule: string;
	sellingPoints: string;
	stock: number | null;
}

/** A slot's stock: set live by the producer (null until set), and planned (the slot's, else the library's). */
export interface SlotStock {
	live: number | null;
	planned: number | null;
}

/** The stock of `product` in `segment`, given the live figures by product id (the snapshot's `stock`). */
export function slotStock(segment: Pick<Segment, 'stock'>, product: Pick<CardProduct, 'id' | 'stock'>, live: Record<string, number>): SlotStock {
	return { live: live[String(product.id)] ?? null, planned: segment.stock ?? product.stock };
}

export function splitSellingPoints(text: string): string[] {
	return text
		.split(/\r?\n|[；;]/)
		.map((s) => s.replace(/^[\s•·\-*\d.、)）]+/, '').trim())
		.filter(Boolean);
}

/** The show's platforms, each once, in the show's order (a show may list two accounts on one platform). */
export function showPlatforms(platforms: readonly { platform: Platform }[]): Platform[] {
	return [...new Set(platforms.map((p) => p.platform))];
}

/** The segment's link number (链接号) on each of `platforms` that has one, each platform once, in that order. */
export function linkNumbers(segment: Pick<Segment, 'linkNumbers'>, platforms: readonly Platform[]): { platform: Platform; number: number }[] {
	return [...new Set(platforms)].flatMap((platform) => {
		const number = segment.linkNumbers[platform];
		return number === undefined ? [] : [{ platform, number }];
	});
}

export function hostProductView(
	segment: Segment,
	product: CardProduct,
	options: {
		stock: Record<string, number>;
		platforms: readonly Platform[];
		/** The flash sale open now (`flashSaleOpen`), null when none: the card shows its price when it is this segment's. */
		openSale: LiveFlashSale | null;
	}
): HostProductView {
	const livePriceFen = segment.livePriceFen ?? product.livePriceFen;
	const sale = options.openSale;
	const saleOpen = sale !== null && sale.segmentId === segment.id;
	const stock = slotStock(segment, product, options.stock);
	return {
		id: product.id,
		name: product.name,
		spec: product.spec,
		origin: product.origin,
		dailyPriceFen: product.dailyPriceFen > livePriceFen ? product.dailyPriceFen : null,
		livePriceFen,
		flashPriceFen: saleOpen ? sale.priceFen : null,
		couponRule: segment.couponRule || product.couponRule,
		sellingPoints: splitSellingPoints(product.sellingPoints),
		liveStock: stock.live,
		plannedStock: stock.planned,
		links: linkNumbers(segment, options.platforms)
	};
}
