/**
 * The notice's three forms (附件2, 附件3, 附件4) as data: titles, header lines and the exact column
 * headers, in the order the notice prints them, with the field each column holds. Exports write
 * these words; the import recognises them (and the notice's own spellings with line breaks inside
 * a header). Pure: no I/O.
 */
import type { ProductInput } from './model';

/** 附件2 「青春为家乡代言·小青优品」直播带货活动申报表: one row per show. */
export const ACTIVITY_FORM = {
	attachment: '附件2',
	title: '“青春为家乡代言·小青优品”直播带货活动申报表',
	/** The line above the table, followed by the unit's name. */
	headerLine: '申报团委（盖章）：',
	/** Extra first column when the province exports every unit at once. */
	unitColumn: '申报单位',
	columns: ['活动地点', '活动时间', '产品数量', '产品品类', '参与嘉宾', '活动执行方', '直播平台', '销售途径', '是否提取佣金'],
	note: '说明：请以Excel文件，汇总发送至团省委宣传部邮箱：hbxcb2008@163.com。'
} as const;

/** The 附件3 columns and the product field each holds, in the notice's order. */
export const PRODUCT_COLUMNS = [
	{ field: 'shopName', header: '在线店铺名' },
	{ field: 'shopPlatform', header: '平台' },
	{ field: 'name', header: '产品名称' },
	{ field: 'origin', header: '产地' },
	{ field: 'spec', header: '规格' },
	{ field: 'dailyPriceFen', header: '日常零售价' },
	{ field: 'lowestPriceFen', header: '历史最低价' },
	{ field: 'livePriceFen', header: '直播间到手价' },
	{ field: 'couponRule', header: '优惠方式（例1：10元优惠券）（例2：拍下立减）（例3：直接改价）' },
	{ field: 'sellingPoints', header: '卖点' },
	{ field: 'stock', header: '库存' },
	{ field: 'productUrl', header: '产品链接' },
	{ field: 'platformEvent', header: '是否参与聚划算等平台活动' },
	{ field: 'contactName', header: '联系人' },
	{ field: 'contactPhone', header: '联系电话' }
] as const satisfies readonly { field: keyof ProductInput; header: string }[];

export type ProductColumnField = (typeof PRODUCT_COLUMNS)[number]['field'];

/** 附件3 「小青优品」推荐产品申报表: one row per product. */
export const PRODUCT_FORM = {
	attachment: '附件3',
	title: '“小青优品”推荐产品申报表',
	/** The line below the table, followed by the unit's name. */
	footerLine: '推荐团委（盖章）：',
	unitColumn: '推荐单位',
	columns: PRODUCT_COLUMNS.map((c) => c.header),
	note: '说明：请以Excel文件，汇总发送至团省委宣传部邮箱：hbxcb2008@163.com。'
} as const;

/** Fields of 附件4, in the notice's order. `formLabel` is the label as the form prints it. */
export const AMBASSADOR_FIELDS = [
	{ key: 'name', label: '姓名', formLabel: '姓    名' },
	{ key: 'gender', label: '性别', formLabel: '性    别' },
	{ key: 'unit', label: '推荐市州', formLabel: '推荐市州' },
	{ key: 'ethnicity', label: '民族', formLabel: '民    族' },
	{ key: 'birthMonth', label: '出生年月', formLabel: '出生年月' },
	{ key: 'politicalStatus', label: '政治面貌', formLabel: '政治面貌' },
	{ key: 'position', label: '单位职务', formLabel: '单位职务' },
	{ key: 'contact', label: '联系方式', formLabel: '联系方式' },
	{ key: 'platforms', label: '个人新媒体平台', formLabel: '个人新媒体平台' },
	{ key: 'followers', label: '新媒体平台粉丝数', formLabel: '新媒体平台粉丝数' },
	{ key: 'intro', label: '个人简介（300字以内）', formLabel: '个人简介\n（300字以内）' },
	{ key: 'reason', label: '推荐理由', formLabel: '推荐理由' },
	{ key: 'unitOpinion', label: '推荐团委意见（盖章）', formLabel: '推荐团委意见\n（盖章）' }
] as const;

export type AmbassadorFieldKey = (typeof AMBASSADOR_FIELDS)[number]['key'];

/** 附件4 「青春为家乡代言·扶贫大使」推荐表: one form per person (or one row per person). */
export const AMBASSADOR_FORM = {
	attachment: '附件4',
	title: '“青春为家乡代言·扶贫大使”推荐表',
	columns: AMBASSADOR_FIELDS.map((f) => f.label)
} as const;

/** How 附件4 is laid out: one sheet per person like the notice's form, or one row per person. */
export const AMBASSADOR_LAYOUTS = ['sheets', 'rows'] as const;
export type AmbassadorLayout = (typeof AMBASSADOR_LAYOUTS)[number];

// ---------------------------------------------------------------------------------------------
// Cell text

/**
 * True when spreadsheet software could take the text for a formula: it starts with `=`, `+`, `-`,
 * `@`, a tab or a carriage return (OWASP's list). Such text must be written as a text cell.
 */
export function looksLikeFormula(text: string): boolean {
	return /^[=+\-@\t\r]/.test(text);
}

/**
 * A header as people write it, reduced for comparison: NFKC (full-width to half-width), every
 * kind of whitespace and line break removed, Chinese and ASCII brackets unified. '在线\n\n店铺名'
 * and '在线店铺名' compare equal.
 */
export function normalizeHeader(text: string): string {
	return text
		.normalize('NFKC')
		.replace(/[\s\u00a0\u3000]+/g, '')
		.replace(/[“”"'‘’]/g, '');
}

/** Header words that name each 附件3 field, beyond the notice's own (cities rename columns). */
const PRODUCT_HEADER_SYNONYMS: Record<ProductColumnField, readonly string[]> = {
	shopName: ['在线店铺名', '店铺名', '店铺名称', '在线店铺', '网店名称', '店铺'],
	shopPlatform: ['平台', '店铺平台', '销售平台', '电商平台'],
	name: ['产品名称', '商品名称', '产品名', '品名', '产品'],
	origin: ['产地', '原产地'],
	spec: ['规格', '产品规格', '商品规格'],
	dailyPriceFen: ['日常零售价', '零售价', '日常价', '日常售价'],
	lowestPriceFen: ['历史最低价', '最低价'],
	livePriceFen: ['直播间到手价', '到手价', '直播价', '直播到手价'],
	couponRule: ['优惠方式'],
	sellingPoints: ['卖点', '产品卖点'],
	stock: ['库存', '库存数量', '库存量'],
	productUrl: ['产品链接', '商品链接', '链接', '店铺链接'],
	platformEvent: ['是否参与聚划算等平台活动', '是否参与平台活动', '平台活动'],
	contactName: ['联系人'],
	contactPhone: ['联系电话', '电话', '手机', '联系方式']
};

/** Optional columns the import understands besides the notice's. */
export const EXTRA_PRODUCT_COLUMNS = {
	unit: ['推荐单位', '单位', '推荐团委', '市州', '推荐市州', '申报单位'],
	category: ['品类', '产品品类', '类别', '产品类别']
} as const;

export type ImportColumnKey = ProductColumnField | keyof typeof EXTRA_PRODUCT_COLUMNS;

/** The field a header names, or null. Headers that carry examples in brackets (优惠方式（例1…）) match by their first words. */
export function productFieldOfHeader(header: string): ImportColumnKey | null {
	const h = normalizeHeader(header);
	if (h === '') return null;
	const bare = h.replace(/[（(][^）)]*[）)]/g, '');
	for (const column of PRODUCT_COLUMNS) {
		const words = PRODUCT_HEADER_SYNONYMS[column.field];
		if (words.some((w) => w === h || w === bare)) return column.field;
	}
	// 优惠方式（例1：…） and 是否参与聚划算等平台活动 variants: by their start.
	if (bare.startsWith('优惠方式')) return 'couponRule';
	if (bare.startsWith('是否参与')) return 'platformEvent';
	for (const [key, words] of Object.entries(EXTRA_PRODUCT_COLUMNS) as [keyof typeof EXTRA_PRODUCT_COLUMNS, readonly string[]][]) {
		if (words.some((w) => w === h || w === bare)) return key;
	}
	return null;
}

/** The notice's header of a 附件3 field, on one line. */
export function productHeader(field: ProductColumnField): string {
	return PRODUCT_COLUMNS.find((c) => c.field === field)!.header;
}

/** Short header for messages: '优惠方式' rather than the whole header with its examples. */
export function shortProductHeader(key: ImportColumnKey): string {
	if (key === 'couponRule') return '优惠方式';
	if (key === 'unit') return EXTRA_PRODUCT_COLUMNS.unit[0];
	if (key === 'category') return EXTRA_PRODUCT_COLUMNS.category[0];
	return productHeader(key);
}

/** Spreadsheet column letters: 0 → 'A', 25 → 'Z', 26 → 'AA'. */
export function columnLetter(index: number): string {
	let n = index + 1;
	let out = '';
	while (n > 0) {
		const r = (n - 1) % 26;
		out = String.fromCharCode(65 + r) + out;
		n = Math.floor((n - 1) / 26);
	}
	return out;
}
