/**
 * Rule checks from the campaign notice (DESIGN.md §6, seed/DIGEST.md): run on a show at any time
 * and before it can be reported, and on a product in the library or an Excel import. Each finding
 * has a stable English code, a severity and a short message in the UI language naming the product,
 * segment or number concerned. Pure: `now` is a parameter.
 */
import { findAdLawWords } from './adlaw';
import { formatFen, formatShanghai, type Locale } from './format';
import {
	PLATFORM_NAMES,
	PRODUCT_CATEGORY_NAMES,
	type EpochMs,
	type Person,
	type ProductCategory,
	type ProductInput,
	type Segment,
	type Show
} from './model';
import { broadcastDurationSec, warmupDurationSec } from './schedule';

export type Severity = 'error' | 'warning';

/**
 * One finding. `field` names the field concerned: on the segment when `segmentId` is set and the
 * rule is about the segment (title, script, couponRule, flashSale.rules, productId, livePriceFen),
 * on the product for product rules (`productId` set), otherwise on the show ('platforms.0.followers').
 * For AD_LAW_WORD, `index` and `length` are UTF-16 offsets into that field.
 */
export interface Finding {
	code: FindingCode;
	severity: Severity;
	message: string;
	segmentId?: string;
	productId?: number;
	field?: string;
	word?: string;
	index?: number;
	length?: number;
	params?: Record<string, string | number>;
}

/** Every rule, with its severity, in the order show-level findings are reported. */
export const FINDING_CODES = [
	{ code: 'DURATION_OUT_OF_RANGE', severity: 'error' },
	{ code: 'RUNSHEET_DURATION_MISMATCH', severity: 'warning' },
	{ code: 'HOST_COUNT', severity: 'error' },
	{ code: 'UNKNOWN_HOST', severity: 'error' },
	{ code: 'TOO_FEW_PRODUCTS', severity: 'error' },
	{ code: 'SAME_CATEGORY', severity: 'warning' },
	{ code: 'WARMUP_MISSING', severity: 'warning' },
	{ code: 'REPORT_LATE', severity: 'error' },
	{ code: 'POSTER_LATE', severity: 'warning' },
	{ code: 'FOLLOWERS_TOO_FEW', severity: 'error' },
	{ code: 'COMMISSION', severity: 'error' },
	// Per segment, in run-sheet order:
	{ code: 'SEGMENT_WITHOUT_PRODUCT', severity: 'error' },
	{ code: 'UNKNOWN_PRODUCT', severity: 'error' },
	{ code: 'FLASH_SALE_INCOMPLETE', severity: 'warning' },
	// Per product, with the first segment that presents it:
	{ code: 'TOBACCO_ALCOHOL', severity: 'error' },
	{ code: 'NO_SHOP_LINK', severity: 'error' },
	{ code: 'SHORT_SHELF_LIFE', severity: 'warning' },
	{ code: 'NO_QUALITY_CERT', severity: 'warning' },
	{ code: 'PRICE_ABOVE_DAILY', severity: 'warning' },
	{ code: 'PRICE_ABOVE_LOWEST', severity: 'warning' },
	{ code: 'AD_LAW_WORD', severity: 'warning' }
] as const satisfies readonly { code: string; severity: Severity }[];

export type FindingCode = (typeof FINDING_CODES)[number]['code'];

export const FINDING_SEVERITY = Object.fromEntries(FINDING_CODES.map((c) => [c.code, c.severity])) as Record<FindingCode, Severity>;

/** The notice's numbers. */
export const RULES = {
	minDurationMin: 90,
	maxDurationMin: 180,
	minHosts: 1,
	maxHosts: 2,
	minProducts: 5,
	warmupMin: 15,
	/** 提前3天报备 / 海报提前三天: 72 hours before the announced start. */
	leadMs: 3 * 24 * 3600_000,
	minFollowers: 200_000,
	/** At or below this, a product counts as short-shelf-life. */
	shortShelfLifeDays: 30,
	/** The run-sheet may differ from the planned duration by less than this. */
	durationToleranceSec: 60
} as const;

/** Categories the notice calls fresh (生鲜). */
export const FRESH_CATEGORIES: readonly ProductCategory[] = ['fruit_veg', 'meat_egg', 'aquatic'];


// ---------------------------------------------------------------------------------------------
// Tobacco and alcohol by name (杜绝烟、酒)

const ALCOHOL_WORDS = [
	'白酒', '啤酒', '黄酒', '米酒', '果酒', '葡萄酒', '红酒', '洋酒', '清酒', '烧酒', '药酒', '露酒', '配制酒', '预调酒',
	'鸡尾酒', '高粱酒', '粮食酒', '原浆酒', '大曲', '二锅头', '白兰地', '威士忌', '伏特加', '朗姆酒', '劲酒', '酒'
];
const TOBACCO_WORDS = ['香烟', '卷烟', '烟草', '雪茄', '电子烟', '烟丝', '烟叶', '烟斗', '旱烟', '水烟', '烟弹', '烟油'];
/** Names with 酒 or 烟 that are neither: cooking wine, fish in distillers' grains, beer-braised duck, smoked meat. */
const NOT_TOBACCO_ALCOHOL = ['料酒', '酒糟', '啤酒鸭', '酒鬼花生', '酒店', '酒杯', '酒具', '酒器', '酒壶', '酒柜', '无酒精', '烟熏', '烟台'];

const TA_ENTRIES = [
	...ALCOHOL_WORDS.map((w) => ({ w, kind: 'alcohol' as const })),
	...TOBACCO_WORDS.map((w) => ({ w, kind: 'tobacco' as const })),
	...NOT_TOBACCO_ALCOHOL.map((w) => ({ w, kind: null }))
].sort((a, b) => b.w.length - a.w.length);

/**
 * The first word in a product name that makes it tobacco or alcohol (烟熏腊肉 is smoked meat, not
 * tobacco; 料酒 is a seasoning), or null. Any 酒 not in a known harmless word counts as alcohol.
 */
export function tobaccoAlcoholWord(name: string): { word: string; kind: 'alcohol' | 'tobacco' } | null {
	let i = 0;
	while (i < name.length) {
		const e = TA_ENTRIES.find((x) => name.startsWith(x.w, i));
		if (!e) {
			i += 1;
			continue;
		}
		if (e.kind) return { word: e.w, kind: e.kind };
		i += e.w.length;
	}
	return null;
}

// ---------------------------------------------------------------------------------------------
// Helpers

type CheckedProduct = ProductInput & { id?: number };

const tr = (locale: Locale, zh: string, en: string) => (locale === 'zh-CN' ? zh : en);
const num = (n: number, locale: Locale) => new Intl.NumberFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-US').format(n);
const minutesText = (sec: number) => String(Math.round(sec / 6) / 10);
const pname = (p: Pick<CheckedProduct, 'name'>, locale: Locale) => tr(locale, `「${p.name}」`, `“${p.name}”`);

function make(code: FindingCode, message: string, extra: Omit<Finding, 'code' | 'severity' | 'message'> = {}): Finding {
	return { code, severity: FINDING_SEVERITY[code], message, ...extra };
}

function segmentLabel(segment: Segment, position: number, locale: Locale): string {
	return tr(locale, `第${position}段「${segment.title}」`, `segment ${position} “${segment.title}”`);
}

function adLawFindings(text: string, where: string, locale: Locale, extra: Omit<Finding, 'code' | 'severity' | 'message'>): Finding[] {
	return findAdLawWords(text).map((hit) =>
		make(
			'AD_LAW_WORD',
			tr(locale, `${where}含广告法禁用词「${hit.word}」`, `${where} uses “${hit.word}”, a word the Advertising Law forbids`),
			{ ...extra, word: hit.word, index: hit.index, length: hit.length, params: { word: hit.word } }
		)
	);
}

// ---------------------------------------------------------------------------------------------
// Product rules

function priceFindings(product: CheckedProduct, livePriceFen: number, locale: Locale, extra: Omit<Finding, 'code' | 'severity' | 'message'>): Finding[] {
	const out: Finding[] = [];
	const name = pname(product, locale);
	const live = formatFen(livePriceFen);
	if (livePriceFen > product.dailyPriceFen) {
		const daily = formatFen(product.dailyPriceFen);
		out.push(
			make('PRICE_ABOVE_DAILY', tr(locale, `${name}的直播价 ${live} 高于日常零售价 ${daily}`, `${name}: live price ${live} is above the daily retail price ${daily}`), {
				...extra,
				field: 'livePriceFen',
				params: { product: product.name, livePriceFen, dailyPriceFen: product.dailyPriceFen }
			})
		);
	}
	if (product.lowestPriceFen !== null && livePriceFen > product.lowestPriceFen && product.priceNote.trim() === '') {
		const lowest = formatFen(product.lowestPriceFen);
		out.push(
			make(
				'PRICE_ABOVE_LOWEST',
				tr(locale, `${name}的直播价 ${live} 高于历史最低价 ${lowest}，且未说明原因`, `${name}: live price ${live} is above the historical low ${lowest} with no reason given`),
				{ ...extra, field: 'livePriceFen', params: { product: product.name, livePriceFen, lowestPriceFen: product.lowestPriceFen } }
			)
		);
	}
	return out;
}

/** Product rules other than price and wording, in FINDING_CODES order. */
function productRuleFindings(product: CheckedProduct, locale: Locale, extra: Omit<Finding, 'code' | 'severity' | 'message'>): Finding[] {
	const out: Finding[] = [];
	const name = pname(product, locale);
	const byName = tobaccoAlcoholWord(product.name);
	if (product.category === 'alcohol' || product.category === 'tobacco') {
		const cat = PRODUCT_CATEGORY_NAMES[product.category];
		out.push(
			make('TOBACCO_ALCOHOL', tr(locale, `${name}属于${cat.zh}产品，直播带货杜绝烟、酒`, `${name} is in the ${cat.en} category; tobacco and alcohol are not allowed`), {
				...extra,
				field: 'category',
				params: { product: product.name, category: product.category }
			})
		);
	} else if (byName) {
		out.push(
			make('TOBACCO_ALCOHOL', tr(locale, `${name}的名称含「${byName.word}」，直播带货杜绝烟、酒`, `${name}: the name says “${byName.word}”; tobacco and alcohol are not allowed`), {
				...extra,
				field: 'name',
				word: byName.word,
				params: { product: product.name, word: byName.word }
			})
		);
	}
	if (!product.productUrl) {
		out.push(make('NO_SHOP_LINK', tr(locale, `${name}没有在线店铺链接`, `${name} has no online shop link`), { ...extra, field: 'productUrl', params: { product: product.name } }));
	}
	if (FRESH_CATEGORIES.includes(product.category)) {
		const cat = PRODUCT_CATEGORY_NAMES[product.category];
		out.push(
			make('SHORT_SHELF_LIFE', tr(locale, `${name}属于生鲜（${cat.zh}），尽量避免保质期较短的食品`, `${name} is fresh produce (${cat.en}); short-shelf-life food should be avoided`), {
				...extra,
				field: 'category',
				params: { product: product.name, category: product.category }
			})
		);
	} else if (product.shelfLifeDays !== null && product.shelfLifeDays <= RULES.shortShelfLifeDays) {
		out.push(
			make(
				'SHORT_SHELF_LIFE',
				tr(locale, `${name}保质期仅 ${product.shelfLifeDays} 天，尽量避免保质期较短的食品`, `${name} keeps only ${product.shelfLifeDays} days; short-shelf-life food should be avoided`),
				{ ...extra, field: 'shelfLifeDays', params: { product: product.name, shelfLifeDays: product.shelfLifeDays } }
			)
		);
	}
	if (product.qualityCert.trim() === '') {
		out.push(make('NO_QUALITY_CERT', tr(locale, `${name}未填写质量认证`, `${name} has no quality certification`), { ...extra, field: 'qualityCert', params: { product: product.name } }));
	}
	return out;
}

/** Product text a host reads on air (the name, selling points and coupon rule are on the cue card). */
function productWordingFindings(product: CheckedProduct, locale: Locale, extra: Omit<Finding, 'code' | 'severity' | 'message'>): Finding[] {
	const name = pname(product, locale);
	const fields = [
		['name', tr(locale, `产品名称${name}`, `Product name ${name}`)],
		['sellingPoints', tr(locale, `${name}的卖点`, `${name}: selling points`)],
		['couponRule', tr(locale, `${name}的优惠方式`, `${name}: coupon rule`)]
	] as const;
	return fields.flatMap(([field, where]) => adLawFindings(product[field], where, locale, { ...extra, field }));
}

/**
 * The product-level rules alone, for the library page and the Excel import: tobacco/alcohol, shop
 * link, shelf life, quality certification, live price against daily and historical-low prices,
 * and Advertising-Law words in the name, selling points and coupon rule.
 */
export function checkProduct(product: CheckedProduct, locale: Locale): Finding[] {
	const extra = product.id !== undefined ? { productId: product.id } : {};
	return [
		...productRuleFindings(product, locale, extra),
		...priceFindings(product, product.livePriceFen, locale, extra),
		...productWordingFindings(product, locale, extra)
	];
}

// ---------------------------------------------------------------------------------------------
// Show rules

export interface CheckShowInput {
	show: Show;
	/** The library records of the products the show's segments reference. */
	products: readonly (CheckedProduct & { id: number })[];
	/** The show's hosts, when loaded: names them in messages and finds ids that no longer exist. */
	hosts?: readonly Pick<Person, 'id' | 'name'>[];
	/** Epoch ms; deadlines (report, poster) are judged against it. */
	now: EpochMs;
	locale: Locale;
}

const PRODUCT_KINDS: readonly Segment['kind'][] = ['product', 'flash_sale'];

/**
 * Every rule of the notice on a show: show-level findings first (in FINDING_CODES order), then per
 * segment in run-sheet order. A show's products are the distinct `productId`s of its segments;
 * product rules are reported once, with the first segment that presents the product; the live price
 * is the segment's `livePriceFen` when set, else the product's.
 */
export function checkShow({ show, products, hosts, now, locale }: CheckShowInput): Finding[] {
	const out: Finding[] = [];
	const library = new Map(products.map((p) => [p.id, p]));
	const segments = show.segments;
	const productIds = [...new Set(segments.map((s) => s.productId).filter((id): id is number => id !== null))];

	// Duration: the notice's 90–180 minutes, and the run-sheet against the plan.
	const planned = show.plannedDurationMin;
	if (planned < RULES.minDurationMin || planned > RULES.maxDurationMin) {
		out.push(
			make('DURATION_OUT_OF_RANGE', tr(locale, `计划时长 ${planned} 分钟，应为 90–180 分钟`, `Planned duration is ${planned} min; it must be 90–180 min`), {
				field: 'plannedDurationMin',
				params: { minutes: planned, min: RULES.minDurationMin, max: RULES.maxDurationMin }
			})
		);
	}
	const broadcastSec = broadcastDurationSec(show.startsAt, segments);
	const diffSec = broadcastSec - planned * 60;
	if (Math.abs(diffSec) >= RULES.durationToleranceSec) {
		const diff = minutesText(Math.abs(diffSec));
		out.push(
			make(
				'RUNSHEET_DURATION_MISMATCH',
				tr(
					locale,
					`流程单从开场到结束共 ${minutesText(broadcastSec)} 分钟，比计划时长 ${planned} 分钟${diffSec > 0 ? '多' : '少'} ${diff} 分钟`,
					`The run-sheet runs ${minutesText(broadcastSec)} min from the start, ${diff} min ${diffSec > 0 ? 'more' : 'less'} than the planned ${planned} min`
				),
				{ field: 'segments', params: { broadcastSec, plannedMin: planned, diffSec } }
			)
		);
	}

	// People
	const hostIds = [...new Set(show.hostIds)];
	if (hostIds.length < RULES.minHosts || hostIds.length > RULES.maxHosts) {
		const names = hostIds.map((id) => hosts?.find((h) => h.id === id)?.name ?? `#${id}`);
		out.push(
			make(
				'HOST_COUNT',
				hostIds.length === 0
					? tr(locale, '未指定主播，每场需 1–2 名主播', 'No host assigned; a show needs 1–2 hosts')
					: tr(locale, `主播 ${hostIds.length} 人（${names.join('、')}），每场限 1–2 人`, `${hostIds.length} hosts (${names.join(', ')}); a show has 1–2 hosts`),
				{ field: 'hostIds', params: { count: hostIds.length, min: RULES.minHosts, max: RULES.maxHosts } }
			)
		);
	}
	if (hosts) {
		for (const id of hostIds.filter((id) => !hosts.some((h) => h.id === id))) {
			out.push(make('UNKNOWN_HOST', tr(locale, `主播 #${id} 不在人员库中`, `Host #${id} is not in the people list`), { field: 'hostIds', params: { hostId: id } }));
		}
	}

	// Products
	if (productIds.length < RULES.minProducts) {
		out.push(
			make(
				'TOO_FEW_PRODUCTS',
				tr(locale, `流程单中只有 ${productIds.length} 种产品，每场不少于 5 种`, `The run-sheet has ${productIds.length} products; a show needs at least 5`),
				{ field: 'segments', params: { count: productIds.length, min: RULES.minProducts } }
			)
		);
	}
	const byCategory = new Map<ProductCategory, CheckedProduct[]>();
	for (const id of productIds) {
		const p = library.get(id);
		if (p && p.category !== 'other') byCategory.set(p.category, [...(byCategory.get(p.category) ?? []), p]);
	}
	for (const [category, same] of byCategory) {
		if (same.length < 2) continue;
		const cat = PRODUCT_CATEGORY_NAMES[category];
		const names = same.map((p) => pname(p, locale)).join(tr(locale, '', ', '));
		out.push(
			make(
				'SAME_CATEGORY',
				tr(locale, `${same.length} 种产品同属「${cat.zh}」：${names}，注意避免同质化`, `${same.length} products are ${cat.en}: ${names}; avoid several of one kind`),
				{ field: 'segments', params: { category, count: same.length } }
			)
		);
	}

	// Warm-up: warm-up segments that run before the announced start.
	const warmupSec = warmupDurationSec(show.startsAt, segments);
	if (warmupSec < RULES.warmupMin * 60) {
		out.push(
			make(
				'WARMUP_MISSING',
				warmupSec === 0
					? tr(locale, '开场前没有预热环节，应提前 15 分钟进入直播间预热', 'No warm-up before the announced start; go live 15 min early to warm up')
					: tr(locale, `开场前预热只有 ${minutesText(warmupSec)} 分钟，应提前 15 分钟进入直播间预热`, `Only ${minutesText(warmupSec)} min of warm-up before the start; go live 15 min early`),
				{ field: 'segments', params: { warmupSec, minMin: RULES.warmupMin } }
			)
		);
	}

	// Deadlines: 3 days before the announced start.
	const deadline = show.startsAt - RULES.leadMs;
	const when = (ms: EpochMs) => formatShanghai(ms, 'datetime', locale);
	if (show.reportedAt !== null ? show.reportedAt > deadline : now > deadline) {
		out.push(
			make(
				'REPORT_LATE',
				show.reportedAt !== null
					? tr(locale, `报备于 ${when(show.reportedAt)}，晚于截止时间 ${when(deadline)}（开播前 3 天）`, `Reported ${when(show.reportedAt)}, after the deadline ${when(deadline)} (3 days before the start)`)
					: tr(locale, `尚未报备，截止时间 ${when(deadline)}（开播前 3 天）已过`, `Not reported, and the deadline ${when(deadline)} (3 days before the start) has passed`),
				{ field: 'reportedAt', params: { deadline } }
			)
		);
	}
	if (show.posterPublishedAt !== null ? show.posterPublishedAt > deadline : now > deadline) {
		out.push(
			make(
				'POSTER_LATE',
				show.posterPublishedAt !== null
					? tr(locale, `海报发布于 ${when(show.posterPublishedAt)}，晚于 ${when(deadline)}（开播前 3 天）`, `Poster published ${when(show.posterPublishedAt)}, after ${when(deadline)} (3 days before the start)`)
					: tr(locale, `海报尚未发布，截止时间 ${when(deadline)}（开播前 3 天）已过`, `Poster not published, and the deadline ${when(deadline)} (3 days before the start) has passed`),
				{ field: 'posterPublishedAt', params: { deadline } }
			)
		);
	}

	// Platforms: a unit's own account needs 200,000 followers; 青春湖北 accounts are exempt.
	show.platforms.forEach((pl, i) => {
		if (pl.provincial || pl.followers >= RULES.minFollowers) return;
		const platform = PLATFORM_NAMES[pl.platform];
		out.push(
			make(
				'FOLLOWERS_TOO_FEW',
				tr(
					locale,
					`${platform.zh}账号「${pl.accountName}」粉丝 ${num(pl.followers, locale)}，自选平台需至少 ${num(RULES.minFollowers, locale)}（「青春湖北」省级账号除外）`,
					`${platform.en} account “${pl.accountName}” has ${num(pl.followers, locale)} followers; an own account needs at least ${num(RULES.minFollowers, locale)} (provincial 青春湖北 accounts exempt)`
				),
				{ field: `platforms.${i}.followers`, params: { platform: pl.platform, followers: pl.followers, min: RULES.minFollowers } }
			)
		);
	});

	if (show.commission.charged) {
		out.push(make('COMMISSION', tr(locale, '本场登记为提取佣金，公益直播不收取佣金', 'The show charges a commission; public-interest shows take none'), { field: 'commission.charged' }));
	}
	if (show.commission.listingFee) {
		out.push(make('COMMISSION', tr(locale, '本场登记收取上架费，公益直播不收取上架费', 'The show charges a listing fee; public-interest shows take none'), { field: 'commission.listingFee' }));
	}

	out.push(...adLawFindings(show.title, tr(locale, '直播标题', 'The show title'), locale, { field: 'title' }));

	// Segments, in run-sheet order.
	const seenProducts = new Set<number>();
	const seenPrices = new Set<string>();
	segments.forEach((segment, i) => {
		const label = segmentLabel(segment, i + 1, locale);
		const at = { segmentId: segment.id };
		const product = segment.productId !== null ? library.get(segment.productId) : undefined;
		if (PRODUCT_KINDS.includes(segment.kind) && segment.productId === null) {
			out.push(make('SEGMENT_WITHOUT_PRODUCT', tr(locale, `${label}未选择产品`, `${label} has no product`), { ...at, field: 'productId' }));
		}
		if (segment.productId !== null && !product) {
			out.push(
				make('UNKNOWN_PRODUCT', tr(locale, `${label}引用的产品 #${segment.productId} 不在产品库中`, `${label} refers to product #${segment.productId}, which is not in the library`), {
					...at,
					productId: segment.productId,
					field: 'productId',
					params: { productId: segment.productId }
				})
			);
		}
		if (segment.kind === 'flash_sale' && !segment.flashSale) {
			out.push(make('FLASH_SALE_INCOMPLETE', tr(locale, `${label}未设置秒杀价、数量和时长`, `${label} has no flash-sale price, quantity or window`), { ...at, field: 'flashSale' }));
		}
		if (product) {
			const onProduct = { ...at, productId: product.id };
			if (!seenProducts.has(product.id)) out.push(...productRuleFindings(product, locale, onProduct));
			const live = segment.livePriceFen ?? product.livePriceFen;
			const priceKey = `${product.id}:${live}`;
			if (!seenPrices.has(priceKey)) out.push(...priceFindings(product, live, locale, onProduct));
			seenPrices.add(priceKey);
			if (!seenProducts.has(product.id)) out.push(...productWordingFindings(product, locale, onProduct));
			seenProducts.add(product.id);
		}
		out.push(...adLawFindings(segment.title, tr(locale, `${label}的标题`, `${label}: title`), locale, { ...at, field: 'title' }));
		out.push(...adLawFindings(segment.script, tr(locale, `${label}的主播稿`, `${label}: host script`), locale, { ...at, field: 'script' }));
		// The product's own coupon rule is checked with the product; only a segment's own wording here.
		if (segment.couponRule.trim() !== (product?.couponRule.trim() ?? '')) {
			out.push(...adLawFindings(segment.couponRule, tr(locale, `${label}的优惠方式`, `${label}: coupon rule`), locale, { ...at, field: 'couponRule' }));
		}
		if (segment.flashSale) {
			out.push(...adLawFindings(segment.flashSale.rules, tr(locale, `${label}的秒杀规则`, `${label}: flash-sale rules`), locale, { ...at, field: 'flashSale.rules' }));
		}
	});
	return out;
}

/** True when none of the findings is an error (warnings do not block reporting). */
export function canReport(findings: readonly Pick<Finding, 'severity'>[]): boolean {
	return findings.every((f) => f.severity !== 'error');
}


/** Categories a notice-compliant show may not sell (直播带货杜绝烟、酒): TOBACCO_ALCOHOL. */
export const BANNED_CATEGORIES: readonly ProductCategory[] = ['alcohol', 'tobacco'];
