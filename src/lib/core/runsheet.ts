/**
 * The notice's standard run-sheet (实施指南 四、直播流程) and the edits a run-sheet editor makes:
 * new segments with sensible defaults, duplicate, move. Pure: ids come from `newId`.
 */
import { CATALOGUE_NAMES, type FlashSale, type Product, type ProducerCue, type Segment, type SegmentKind } from './model';
import { FRESH_CATEGORIES, RULES } from './checks';
import { formatFen } from './format';

/** Makes a fresh id for a segment or a cue; must match /^[A-Za-z0-9_-]{1,40}$/. */
export type NewId = () => string;

/** Minutes of the standard sheet (DESIGN.md §3). */
export const STANDARD_MINUTES = {
	warmup: 15,
	opening: 5,
	productMin: 10,
	productMax: 15,
	closingMin: 5,
	closingMax: 10,
	interactionMin: 5,
	/** Longer gaps are split into several interaction segments spread between the product slots. */
	interactionMax: 20
} as const;

const CAMPAIGN = '青春为家乡代言';

const clip = (text: string, max: number) => (text.length <= max ? text : text.slice(0, max - 1) + '…');

/** A segment with every field defaulted, then `fields` (title, script and notes clipped to their limits). */
export function buildSegment(newId: NewId, kind: SegmentKind, title: string, minutes: number, fields: Partial<Segment> = {}): Segment {
	return {
		id: newId(),
		kind,
		title: clip(title, 100),
		durationSec: Math.round(minutes * 60),
		script: '',
		notes: '',
		speakers: [],
		productId: null,
		livePriceFen: null,
		couponRule: '',
		stock: null,
		linkNumbers: {},
		flashSale: null,
		cues: [],
		...fields,
		...(fields.script !== undefined ? { script: clip(fields.script, 5000) } : {}),
		...(fields.notes !== undefined ? { notes: clip(fields.notes, 2000) } : {})
	};
}

function cue(newId: NewId, offsetMin: number, text: string, forHost = false): ProducerCue {
	return { id: newId(), offsetSec: Math.round(offsetMin * 60), text: clip(text, 200), forHost };
}

const lines = (...parts: (string | false | null | undefined)[]) => parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n');

/** 「恩施玉露」「宜红工夫茶」 */
const quoteNames = (products: readonly Pick<Product, 'name'>[]) => products.map((p) => `「${p.name}」`).join('');

function distinct<T>(items: readonly T[]): T[] {
	return [...new Set(items)];
}

// ---------------------------------------------------------------------------------------------
// Scripts, in the notice's words.

function warmupScript(products: readonly Product[]): string {
	const origins = distinct(products.map((p) => p.origin.trim()).filter(Boolean));
	return lines(
		`【欢迎】欢迎来到「${CAMPAIGN}」公益直播间！直播马上开始，先点个关注，把直播间分享给家人朋友。`,
		'【互动话题】',
		'· 你的家乡在湖北哪里？在评论区打出家乡的名字，说说家乡有什么好吃的、好玩的。',
		'· 说到湖北特产，你第一时间想到什么？猜猜今天会上哪些好物。',
		'· 参与微博话题 #青春为家乡代言#，为家乡好物打call。',
		products.length > 0 && `【好物预告】今天为大家带来 ${products.length} 款湖北好物：${quoteNames(products)}。`,
		origins.length > 0 && `【产地】${origins.join('、')}。`,
		products.some((p) => p.couponRule.trim()) && '【福利预告】开场后有专属优惠和福利，不要走开。',
		'【提醒】准点开场，开场后主播介绍活动背景和购买方式。'
	);
}

function openingScript(products: readonly Product[]): string {
	const origins = distinct(products.map((p) => p.origin.trim()).filter(Boolean));
	const catalogued = distinct(products.flatMap((p) => p.catalogues)).map((c) => `「${CATALOGUE_NAMES[c]}」`);
	return lines(
		`【活动背景】大家好，欢迎来到「${CAMPAIGN}」直播带货公益专场！这是共青团湖北省委联合省委网信办、省农业农村厅、省商务厅、省扶贫办发起的专项活动，用直播为湖北农副产品、扶贫产品和名优产品广开销路，助力疫后重振。`,
		'【公益原则】本场直播不收取上架费和佣金，利润让给湖北企业和农户，买到就是支持家乡。',
		products.length > 0 &&
			`【产品来源】今天的 ${products.length} 款产品${origins.length > 0 ? `来自${origins.join('、')}` : '来自湖北各地'}，均为「小青优品」推荐产品${catalogued.length > 0 ? `，其中有入选${catalogued.join('、')}的产品` : ''}${products.every((p) => p.qualityCert.trim()) ? '，都通过了质量认证' : ''}，企业负责售后。`,
		`【购买方式】点击屏幕下方的购物车，找到主播报出的链接号下单；直播间到手价只在直播期间有效${products.some((p) => p.couponRule.trim()) ? '，记得先领券再下单' : ''}。`,
		'【接下来】马上开始介绍今天的好物，边看边问，评论区提问主播都会回答。'
	);
}

function productScript(product: Product): string {
	const saving = product.dailyPriceFen - product.livePriceFen;
	const specOrigin = [product.origin.trim() && `产地 ${product.origin.trim()}`, product.spec.trim() && `规格 ${product.spec.trim()}`].filter(Boolean).join('，');
	return lines(
		`【产品】${product.name}${specOrigin ? `（${specOrigin}）` : ''}`,
		`【价格】日常零售价 ${formatFen(product.dailyPriceFen)}，直播间到手价 ${formatFen(product.livePriceFen)}${saving > 0 ? `，立省 ${formatFen(saving)}` : ''}`,
		product.couponRule.trim() && `【优惠方式】${product.couponRule.trim()}`,
		product.sellingPoints.trim() && `【卖点】${product.sellingPoints.trim()}`,
		'【试吃试用】现场试吃/试用，说出口感、香味和用法，展示包装和规格。',
		product.qualityCert.trim() && `【质量认证】${product.qualityCert.trim()}`,
		product.stock !== null && `【库存】本场备货 ${product.stock} 件，售完即止。`,
		`【下单】点击购物车，拍下「${product.name}」对应的链接${product.shopName.trim() ? `，由「${product.shopName.trim()}」发货` : ''}。`
	);
}

function interactionScript(): string {
	return lines(
		'【互动交流】回答评论区的问题：口感、规格、发货时间、怎么保存。',
		'【试吃试用】请嘉宾现场试吃，说说真实感受。',
		'【福利】宣读秒杀和优惠规则：开抢时间、数量、每人限购；抽奖或福袋的参与方式。',
		`【话题】邀请观众分享家乡故事，带话题 #${CAMPAIGN}#。`
	);
}

function closingScript(products: readonly Product[]): string {
	const shops = products.filter((p) => p.shopName.trim()).map((p) => `「${p.name}」由「${p.shopName.trim()}」发货`);
	const fresh = products.filter((p) => FRESH_CATEGORIES.includes(p.category) || (p.shelfLifeDays !== null && p.shelfLifeDays <= RULES.shortShelfLifeDays));
	return lines(
		`【活动背景】感谢大家参与「${CAMPAIGN}」公益直播！每一单都是对湖北企业和农户的支持，欢迎继续关注「青春湖北」。`,
		'【邮寄方式】下单后由产品提供企业从产地直接发货，快递送货上门；发货时间和快递公司以店铺页面为准。',
		shops.length > 0 && `【发货店铺】${shops.join('；')}。`,
		fresh.length > 0 && `【保存提醒】${quoteNames(fresh)}保质期较短，收货后请及时冷藏、尽快食用。`,
		'【售后服务】售后由产品提供方（企业）负责：收到商品如有破损或质量问题，请保留包装并及时联系店铺客服处理。',
		'【预告】没抢到的朋友可以收藏店铺、关注「青春湖北」，下一场见！'
	);
}

// ---------------------------------------------------------------------------------------------
// The standard sheet

interface SheetMinutes {
	slots: number[];
	closing: number;
	interactions: number[];
}

/**
 * Whole minutes for the product slots, closing and interaction segments so that opening + slots +
 * interactions + closing = planned. Slots grow first (10 → 15), then the closing (5 → 10), then
 * what is left becomes interaction. When even the minimum sheet is longer than planned, the
 * minimum is kept (the rule check reports the mismatch).
 */
function sheetMinutes(productCount: number, plannedDurationMin: number): SheetMinutes {
	const m = STANDARD_MINUTES;
	const slots: number[] = Array.from({ length: productCount }, () => m.productMin);
	let closing: number = m.closingMin;
	let left = plannedDurationMin - m.opening - productCount * m.productMin - m.closingMin;
	if (left <= 0) return { slots, closing, interactions: [] };

	const grow = Math.min(left, productCount * (m.productMax - m.productMin));
	for (let i = 0; i < productCount; i++) slots[i] += Math.floor(grow / productCount) + (i < grow % productCount ? 1 : 0);
	left -= grow;
	const extend = Math.min(left, m.closingMax - m.closingMin);
	closing += extend;
	left -= extend;
	if (left <= 0) return { slots, closing, interactions: [] };

	// Under 5 minutes left: an interaction needs 5, so take the rest from the (full) closing.
	if (left < m.interactionMin) {
		closing -= m.interactionMin - left;
		left = m.interactionMin;
	}
	const count = Math.min(Math.max(1, productCount), Math.ceil(left / m.interactionMax));
	const interactions = Array.from({ length: count }, (_, i) => Math.floor(left / count) + (i < left % count ? 1 : 0));
	return { slots, closing, interactions };
}

export interface StandardRunSheetInput {
	/** The show's products, in presentation order. */
	products: readonly Product[];
	/** Planned broadcast length, minutes, from the announced start (the warm-up runs before it). */
	plannedDurationMin: number;
	newId: NewId;
}

/**
 * The notice's standard run-sheet: warm-up 15 min ending at the announced start, opening 5 min,
 * one 10–15 min product slot per product, interaction segments spread between the slots when 5 or
 * more minutes would otherwise be left over, closing 5–10 min. Opening to closing adds up to
 * `plannedDurationMin` whenever the products fit in it.
 */
export function standardRunSheet({ products, plannedDurationMin, newId }: StandardRunSheetInput): Segment[] {
	const minutes = sheetMinutes(products.length, plannedDurationMin);
	const sheet: Segment[] = [
		buildSegment(newId, 'warmup', '活动预热', STANDARD_MINUTES.warmup, {
			script: warmupScript(products),
			notes: '提前15分钟开播预热；置顶话题 #青春为家乡代言#，检查画面、声音和购物车链接。',
			cues: [cue(newId, 0, '开启直播间，开始预热'), cue(newId, STANDARD_MINUTES.warmup - 5, '还有5分钟准时开场', true)]
		}),
		buildSegment(newId, 'opening', '开场介绍', STANDARD_MINUTES.opening, {
			script: openingScript(products),
			notes: '按直播预告时间准时开场。',
			cues: [cue(newId, 0, '准时开场'), cue(newId, 1, '置顶活动介绍和购买方式')]
		})
	];
	// Interaction k goes after product slot ceil((k+1)·n/(count+1)): evenly spread, never two in a row.
	const after = new Map<number, number[]>();
	minutes.interactions.forEach((min, k) => {
		const slot = Math.ceil(((k + 1) * products.length) / (minutes.interactions.length + 1));
		after.set(slot, [...(after.get(slot) ?? []), min]);
	});
	const pushInteractions = (slot: number) => {
		for (const min of after.get(slot) ?? []) {
			sheet.push(buildSegment(newId, 'interaction', '互动交流', min, { script: interactionScript(), notes: '提前确认抽奖、福袋规则和奖品。' }));
		}
	};
	pushInteractions(0);
	products.forEach((product, i) => {
		sheet.push(productSlot(product, minutes.slots[i], newId));
		pushInteractions(i + 1);
	});
	sheet.push(
		buildSegment(newId, 'closing', '活动结束', minutes.closing, {
			script: closingScript(products),
			notes: '重点说明邮寄方式和售后服务。',
			cues: [cue(newId, 0, '置顶发货与售后说明'), cue(newId, Math.max(0, minutes.closing - 1), '感谢观看，准备下播', true)]
		})
	);
	return sheet;
}

/**
 * A product slot as the standard sheet makes it: the product's title, script outline from its 附件3
 * data, live price, coupon rule, stock, and the usual cues (explain, put up the link, release
 * stock, hand out the coupon). `minutes` is the planned length.
 */
export function productSlot(product: Product, minutes: number, newId: NewId): Segment {
	const coupon = product.couponRule.trim();
	return buildSegment(newId, 'product', slotTitle('product', product.name), minutes, {
		script: productScript(product),
		notes: product.contactName.trim() || product.contactPhone.trim() ? `企业联系人：${[product.contactName.trim(), product.contactPhone.trim()].filter(Boolean).join(' ')}` : '',
		productId: product.id,
		livePriceFen: product.livePriceFen,
		couponRule: coupon,
		stock: product.stock,
		cues: [
			cue(newId, 0, `讲解「${product.name}」`),
			cue(newId, 2, `上链接「${product.name}」`, true),
			...(product.stock !== null ? [cue(newId, 2, `放库存 ${product.stock}`)] : []),
			...(coupon ? [cue(newId, 5, `发券：${coupon}`, true)] : [])
		]
	});
}

// ---------------------------------------------------------------------------------------------
// Editing

const DEFAULTS: Record<SegmentKind, { title: string; minutes: number; script: string }> = {
	warmup: { title: '活动预热', minutes: STANDARD_MINUTES.warmup, script: warmupScript([]) },
	opening: { title: '开场介绍', minutes: STANDARD_MINUTES.opening, script: openingScript([]) },
	product: {
		title: '产品讲解',
		minutes: 12,
		script: '【产品】\n【价格】日常零售价，直播间到手价\n【优惠方式】\n【卖点】\n【试吃试用】\n【下单】报链接号'
	},
	flash_sale: {
		title: '秒杀',
		minutes: 5,
		script: '【秒杀规则】秒杀价、数量、开抢时间，每人限购件数；倒数开抢，售完即止。'
	},
	interaction: { title: '互动交流', minutes: 10, script: interactionScript() },
	remote: {
		title: '第二现场',
		minutes: 10,
		script: '【第二现场】连线产地/工厂：展示产地环境、生产流程，请农户或企业负责人讲讲产品的故事。'
	},
	closing: { title: '活动结束', minutes: STANDARD_MINUTES.closingMax, script: closingScript([]) },
	custom: { title: '自定义环节', minutes: 5, script: '' }
};

/**
 * A new segment of `kind` with the defaults an editor starts from: title, planned minutes and a
 * script outline (a product or flash-sale segment still needs its product; a flash sale its
 * `flashSale` terms).
 */
export function newSegment(kind: SegmentKind, newId: NewId): Segment {
	const d = DEFAULTS[kind];
	return buildSegment(newId, kind, d.title, d.minutes, { script: d.script });
}

/** Planned minutes of a new segment of `kind` (a product slot added from the library: 12). */
export function defaultMinutes(kind: SegmentKind): number {
	return DEFAULTS[kind].minutes;
}

/**
 * The default title of a product or flash-sale slot: '产品讲解｜恩施玉露' / '秒杀｜恩施玉露', the bare
 * '产品讲解' / '秒杀' without a product. Other kinds count as product slots.
 */
export function slotTitle(kind: SegmentKind, productName?: string): string {
	const base = DEFAULTS[kind === 'flash_sale' ? 'flash_sale' : 'product'].title;
	return productName ? `${base}｜${productName}` : base;
}

/**
 * The title of a segment whose product changes from `before` to `after` (product names, null for
 * none): a default slot title (bare, or the old product's) becomes the new product's; a title the
 * coordinator wrote stays, as does any title when the product is removed.
 */
export function titleForProduct(segment: Pick<Segment, 'kind' | 'title'>, before: string | null, after: string | null): string {
	if (after === null) return segment.title;
	const defaults = [slotTitle('product'), slotTitle('flash_sale'), ...(before !== null ? [slotTitle('product', before), slotTitle('flash_sale', before)] : [])];
	return defaults.includes(segment.title) ? slotTitle(segment.kind, after) : segment.title;
}

/** Flash-sale terms a segment starts from: its price, up to 100 units (its stock when fewer), 2 minutes opening 1 minute in. */
export function defaultFlashSale(priceFen: number, stock: number | null): FlashSale {
	return { priceFen, quantity: Math.min(stock ?? 100, 100) || 100, windowSec: 120, offsetSec: 60, rules: '' };
}

/** A copy of `segment` with a new id for it and for each of its cues; nothing is shared with the original. */
export function duplicateSegment(original: Segment, newId: NewId): Segment {
	return {
		...original,
		id: newId(),
		speakers: [...original.speakers],
		linkNumbers: { ...original.linkNumbers },
		flashSale: original.flashSale ? { ...original.flashSale } : null,
		cues: original.cues.map((c) => ({ ...c, id: newId() }))
	};
}

/**
 * A new array with the segment at index `from` moved so that it ends up at index `to`. Out-of-range
 * indices leave the order unchanged (still a new array).
 */
export function moveSegment<T>(segments: readonly T[], from: number, to: number): T[] {
	const out = [...segments];
	const valid = (i: number) => Number.isInteger(i) && i >= 0 && i < out.length;
	if (!valid(from) || !valid(to) || from === to) return out;
	const [moved] = out.splice(from, 1);
	out.splice(to, 0, moved);
	return out;
}
