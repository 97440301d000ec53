/**
 * The domain model: what a show, a segment, a product and a person are, with the field rules the
 * campaign and the product impose. Pure data (zod schemas and their types); no I/O.
 *
 * Money is integer fen (¥1.00 = 100). Instants are epoch milliseconds (server clock). Durations
 * carry their unit in the name (`durationSec`, `windowSec`).
 */
import { z } from 'zod';
import type { Amendment } from './amendment';
import { UNIT_CODES } from './units';

/** Epoch milliseconds. */
export type EpochMs = number;

export const PLATFORMS = ['douyin', 'kuaishou', 'taobao', 'douyu', 'bilibili', 'weixin', 'weibo', 'jd', 'pinduoduo'] as const;
export type Platform = (typeof PLATFORMS)[number];
/** Proper names of the platforms; these are names, not UI strings, so they live with the domain. */
export const PLATFORM_NAMES: Record<Platform, { zh: string; en: string }> = {
	douyin: { zh: '抖音', en: 'Douyin' },
	kuaishou: { zh: '快手', en: 'Kuaishou' },
	taobao: { zh: '淘宝', en: 'Taobao' },
	douyu: { zh: '斗鱼', en: 'Douyu' },
	bilibili: { zh: 'B站', en: 'Bilibili' },
	weixin: { zh: '微信视频号', en: 'WeChat Channels' },
	weibo: { zh: '微博', en: 'Weibo' },
	jd: { zh: '京东', en: 'JD.com' },
	pinduoduo: { zh: '拼多多', en: 'Pinduoduo' }
};

export const SEGMENT_KINDS = ['warmup', 'opening', 'product', 'flash_sale', 'interaction', 'remote', 'closing', 'custom'] as const;
export type SegmentKind = (typeof SEGMENT_KINDS)[number];

export const PRODUCT_CATEGORIES = [
	'tea',
	'grain_oil',
	'dried_goods',
	'snacks',
	'fruit_veg',
	'meat_egg',
	'aquatic',
	'seasoning',
	'tonic',
	'beverage',
	'handicraft',
	'alcohol',
	'tobacco',
	'other'
] as const;
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];
/** Names of the product categories, as the library and the exports show them. */
export const PRODUCT_CATEGORY_NAMES: Record<ProductCategory, { zh: string; en: string }> = {
	tea: { zh: '茶叶', en: 'tea' },
	grain_oil: { zh: '粮油', en: 'grain and oil' },
	dried_goods: { zh: '干货', en: 'dried goods' },
	snacks: { zh: '休闲零食', en: 'snacks' },
	fruit_veg: { zh: '水果蔬菜', en: 'fruit and vegetables' },
	meat_egg: { zh: '肉禽蛋', en: 'meat and eggs' },
	aquatic: { zh: '水产', en: 'aquatic products' },
	seasoning: { zh: '调味品', en: 'seasonings' },
	tonic: { zh: '滋补品', en: 'tonics' },
	beverage: { zh: '饮品', en: 'beverages' },
	handicraft: { zh: '手工艺品', en: 'handicrafts' },
	alcohol: { zh: '酒类', en: 'alcohol' },
	tobacco: { zh: '烟草', en: 'tobacco' },
	other: { zh: '其他', en: 'other' }
};

/** Catalogues the notice asks products to come from. */
export const CATALOGUES = ['hubei_poverty', 'jingchu', 'tequ'] as const;
export type Catalogue = (typeof CATALOGUES)[number];
export const CATALOGUE_NAMES: Record<Catalogue, string> = {
	hubei_poverty: '湖北扶贫产品目录',
	jingchu: '荆楚优品',
	tequ: '中国特优区'
};

export const PRODUCT_STATUSES = ['candidate', 'selected', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export const SHOW_KINDS = ['demo', 'city'] as const;
export type ShowKind = (typeof SHOW_KINDS)[number];

export const SHOW_STATUSES = ['draft', 'reported', 'approved', 'live', 'ended'] as const;
export type ShowStatus = (typeof SHOW_STATUSES)[number];

export const AMBASSADOR_STATUSES = ['none', 'nominated', 'awarded'] as const;
export type AmbassadorStatus = (typeof AMBASSADOR_STATUSES)[number];

export const unitCode = z.enum(UNIT_CODES);
const text = (max: number) => z.string().trim().max(max);
const fen = z.number().int().min(0).max(1_000_000_000);
/** Largest stock a product or segment may carry. */
export const MAX_STOCK = 100_000_000;
const id = z.number().int().positive();
/** Only http(s) URLs: live rooms and shops are opened by phones and printed as QR codes. */
export const httpUrl = z.httpUrl().max(2000);

// ---------------------------------------------------------------------------------------------
// Products (小青优品): every column of 附件3 plus what the library needs.

export const productInput = z.strictObject({
	unitCode,
	/** 在线店铺名 */
	shopName: text(100).min(1),
	/** 平台 (the shop's platform, free text as cities write it: 淘宝, 抖音小店…) */
	shopPlatform: text(50).default(''),
	/** 产品名称 */
	name: text(100).min(1),
	/** 产地 */
	origin: text(100).default(''),
	/** 规格 */
	spec: text(100).default(''),
	/** 日常零售价 (fen) */
	dailyPriceFen: fen,
	/** 历史最低价 (fen) */
	lowestPriceFen: fen.nullable().default(null),
	/** 直播间到手价 (fen) */
	livePriceFen: fen,
	/** Why the live price is above the historical low, when it is. */
	priceNote: text(300).default(''),
	/** 优惠方式 */
	couponRule: text(200).default(''),
	/** 卖点 */
	sellingPoints: text(1000).default(''),
	/** 库存 */
	stock: z.number().int().min(0).max(MAX_STOCK).nullable().default(null),
	/** 产品链接 */
	productUrl: httpUrl.nullable().default(null),
	/** 是否参与聚划算等平台活动 */
	platformEvent: text(200).default(''),
	/** 联系人 */
	contactName: text(50).default(''),
	/** 联系电话 */
	contactPhone: z
		.string()
		.trim()
		.regex(/^[0-9+\-() ]{0,20}$/)
		.default(''),
	category: z.enum(PRODUCT_CATEGORIES),
	shelfLifeDays: z.number().int().min(1).max(36500).nullable().default(null),
	/** Quality certification (e.g. 绿色食品 LB-xx-xxxx, SC licence); empty when none. */
	qualityCert: text(200).default(''),
	catalogues: z.array(z.enum(CATALOGUES)).max(CATALOGUES.length).default([]),
	status: z.enum(PRODUCT_STATUSES).default('candidate')
});
export type ProductInput = z.infer<typeof productInput>;
export type Product = ProductInput & { id: number; version: number; createdAt: EpochMs; updatedAt: EpochMs };

// ---------------------------------------------------------------------------------------------
// People: hosts, guests and 扶贫大使, with the fields of 附件4.

export const personPlatform = z.strictObject({
	platform: z.enum(PLATFORMS),
	account: text(100).default(''),
	followers: z.number().int().min(0).max(10_000_000_000).default(0)
});
export type PersonPlatform = z.infer<typeof personPlatform>;

export const personInput = z.strictObject({
	/** 推荐市州 */
	unitCode,
	/** 姓名 */
	name: text(50).min(1),
	/** 性别 */
	gender: z.enum(['male', 'female', '']).default(''),
	/** 民族 */
	ethnicity: text(20).default(''),
	/** 出生年月, YYYY-MM */
	birthMonth: z
		.string()
		.regex(/^(19|20)\d\d-(0[1-9]|1[0-2])$/)
		.or(z.literal(''))
		.default(''),
	/** 政治面貌 */
	politicalStatus: text(20).default(''),
	/** 单位职务 */
	position: text(100).default(''),
	/** 联系方式 */
	contact: text(100).default(''),
	/** 个人新媒体平台 and 新媒体平台粉丝数 */
	platforms: z.array(personPlatform).max(10).default([]),
	/** 个人简介（300字以内） */
	intro: text(300).default(''),
	/** 推荐理由 */
	reason: text(1000).default(''),
	/** 推荐团委意见 */
	unitOpinion: text(300).default('')
});
export type PersonInput = z.infer<typeof personInput>;
export type Person = PersonInput & {
	id: number;
	version: number;
	ambassador: AmbassadorStatus;
	/** When and by whom (account display name) the unit nominated the person as 扶贫大使. */
	ambassadorNominatedAt: EpochMs | null;
	ambassadorNominatedBy: string | null;
	/** When and by whom the province awarded the title. */
	ambassadorAwardedAt: EpochMs | null;
	ambassadorAwardedBy: string | null;
};

// ---------------------------------------------------------------------------------------------
// Shows and their run-sheets.

export const showPlatform = z.strictObject({
	platform: z.enum(PLATFORMS),
	/** The live room's URL, printed as a QR code on the poster. */
	roomUrl: httpUrl,
	accountName: text(100).min(1),
	followers: z.number().int().min(0).max(10_000_000_000),
	/** A provincial 青春湖北 account (exempt from the 200,000-follower rule). */
	provincial: z.boolean().default(false)
});
export type ShowPlatform = z.infer<typeof showPlatform>;

export const producerCue = z.strictObject({
	id: z.string().min(1).max(40),
	/** Seconds after the segment starts. */
	offsetSec: z.number().int().min(0).max(6 * 3600),
	text: text(200).min(1),
	/** Shown to hosts too ("链接已上") once ticked off. */
	forHost: z.boolean().default(false)
});
export type ProducerCue = z.infer<typeof producerCue>;

export const flashSale = z.strictObject({
	priceFen: fen,
	quantity: z.number().int().min(1).max(10_000_000),
	/** How long the sale stays open once started, seconds. */
	windowSec: z.number().int().min(5).max(3600),
	/** Planned start, seconds after the segment starts. */
	offsetSec: z.number().int().min(0).max(6 * 3600).default(0),
	/** Rules the host reads out. */
	rules: text(500).default('')
});
export type FlashSale = z.infer<typeof flashSale>;

export const segmentInput = z.strictObject({
	/** Stable across edits, so the live state and the event log keep pointing at the same segment. */
	id: z
		.string()
		.regex(/^[A-Za-z0-9_-]{1,40}$/),
	kind: z.enum(SEGMENT_KINDS),
	title: text(100).min(1),
	durationSec: z.number().int().min(1).max(6 * 3600),
	/** Host script: talking points read on the cue card. */
	script: text(5000).default(''),
	/** Producer notes, never shown to hosts. */
	notes: text(2000).default(''),
	speakers: z.array(text(50)).max(10).default([]),
	productId: id.nullable().default(null),
	livePriceFen: fen.nullable().default(null),
	couponRule: text(200).default(''),
	stock: z.number().int().min(0).max(MAX_STOCK).nullable().default(null),
	/** 链接号 on each platform the show streams on. */
	linkNumbers: z.partialRecord(z.enum(PLATFORMS), z.number().int().min(1).max(999)).default({}),
	flashSale: flashSale.nullable().default(null),
	cues: z.array(producerCue).max(50).default([])
});
export type SegmentInput = z.input<typeof segmentInput>;
export type Segment = z.infer<typeof segmentInput>;

export const commission = z.strictObject({
	/** 是否提取佣金: must be false. */
	charged: z.boolean().default(false),
	/** 上架费: must be false. */
	listingFee: z.boolean().default(false),
	note: text(200).default('')
});

/** Longest show title, characters (UTF-16 units, as zod counts them). */
export const SHOW_TITLE_MAX = 60;

export const showInput = z.strictObject({
	unitCode,
	title: text(SHOW_TITLE_MAX).min(1),
	kind: z.enum(SHOW_KINDS),
	location: text(100).default(''),
	/** Announced start, epoch ms (shown in Asia/Shanghai). */
	startsAt: z.number().int().min(0),
	plannedDurationMin: z.number().int().min(1).max(24 * 60),
	platforms: z.array(showPlatform).min(1).max(8),
	hostIds: z.array(id).max(10).default([]),
	guestIds: z.array(id).max(20).default([]),
	/** 活动执行方 */
	executingParty: text(100).default(''),
	/** 销售途径 */
	salesChannel: text(200).default(''),
	commission: commission.default({ charged: false, listingFee: false, note: '' }),
	productIds: z.array(id).max(60).default([])
});
export type ShowInput = z.infer<typeof showInput>;

export type Show = ShowInput & {
	id: number;
	slug: string;
	status: ShowStatus;
	version: number;
	segments: Segment[];
	reportedAt: EpochMs | null;
	reportedBy: string | null;
	approvedAt: EpochMs | null;
	approvedBy: string | null;
	/** A content change since the show was reported or approved, awaiting (re-)approval: see core/amendment. */
	amendment: Amendment | null;
	posterPublishedAt: EpochMs | null;
	createdAt: EpochMs;
	updatedAt: EpochMs;
};

/**
 * A whole run-sheet: segment ids and cue ids unique across the sheet, because the live state and
 * the event log refer to them by id alone.
 */
export const runSheetInput = z
	.array(segmentInput)
	.max(200)
	.superRefine((segments, ctx) => {
		const seen = new Set<string>();
		segments.forEach((segment, i) => {
			if (seen.has(segment.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `Duplicate segment id ${segment.id}`, params: { reason: 'duplicate_id' } });
			seen.add(segment.id);
			segment.cues.forEach((cue, j) => {
				if (seen.has(cue.id)) ctx.addIssue({ code: 'custom', path: [i, 'cues', j, 'id'], message: `Duplicate cue id ${cue.id}`, params: { reason: 'duplicate_id' } });
				seen.add(cue.id);
			});
		});
	});
