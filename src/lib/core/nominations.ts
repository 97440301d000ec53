/**
 * Reading product nominations (附件3) as the cities send them: find the header row under a title,
 * map columns by header (line breaks inside headers allowed), parse prices written "¥39.9",
 * "39.90元" or 39.9, check every row and name each problem by row and column, and recognise a
 * product already in the library (same unit, shop and product name). Pure: the server turns the
 * workbook into a grid of cell values; nothing here reads files or saves anything.
 */
import { checkProduct, tobaccoAlcoholWord } from './checks';
import { parseYuan } from './format';
import {
	PRODUCT_COLUMNS,
	columnLetter,
	productFieldOfHeader,
	shortProductHeader,
	type ImportColumnKey,
	type ProductColumnField
} from './forms';
import { PRODUCT_CATEGORIES, PRODUCT_CATEGORY_NAMES, MAX_STOCK, productInput, type Product, type ProductCategory, type ProductInput } from './model';
import { UNITS } from './units';

/** Largest upload the import reads, bytes. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** Most product rows one file may hold. */
export const MAX_IMPORT_ROWS = 2000;
/** Rows searched for the header (a title and a header line may sit above it). */
export const HEADER_SEARCH_ROWS = 30;

/** One cell as the sheet holds it (rich text, links and formula results already turned into text or numbers). */
export type SheetCell = string | number | boolean | null;

export type IssueSeverity = 'error' | 'warning';

export const IMPORT_ISSUE_CODES = [
	'MISSING_COLUMN',
	'REQUIRED',
	'INVALID_PRICE',
	'NEGATIVE_PRICE',
	'INVALID_STOCK',
	'INVALID_PHONE',
	'INVALID_URL',
	'URL_SCHEME_ADDED',
	'TOO_LONG',
	'UNKNOWN_UNIT',
	'UNIT_REQUIRED',
	'UNIT_NOT_ALLOWED',
	'UNKNOWN_CATEGORY',
	'DUPLICATE_ROW',
	'INVALID_VALUE',
	// Rule findings of checks.ts on the row's product:
	'TOBACCO_ALCOHOL',
	'NO_SHOP_LINK',
	'SHORT_SHELF_LIFE',
	'PRICE_ABOVE_DAILY',
	'PRICE_ABOVE_LOWEST',
	'AD_LAW_WORD'
] as const;
export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number];

/** One problem, placed by spreadsheet row (1-based, as Excel numbers it) and column. */
export interface ImportIssue {
	/** Spreadsheet row number. */
	row: number;
	/** The column's header as the notice names it ('日常零售价'), or null for the whole row. */
	column: string | null;
	/** Cell reference ('F7'), when the column is in the file. */
	cell: string | null;
	code: ImportIssueCode;
	/** 'error': the row cannot be imported; 'warning': it can, and the problem is noted. */
	severity: IssueSeverity;
	/** English. */
	message: string;
	/** 简体中文. */
	messageZh: string;
	params?: Record<string, string | number>;
}

export interface ImportColumn {
	key: ImportColumnKey;
	/** The header as written in the file. */
	header: string;
	/** 0-based column index. */
	index: number;
	letter: string;
}

export interface FieldChange {
	field: ProductColumnField | 'category';
	from: string | number | null;
	to: string | number | null;
}

export interface ImportMatch {
	productId: number;
	version: number;
	/** Fields the update would change (only columns present in the file). */
	changes: FieldChange[];
}

export interface ImportRow {
	row: number;
	/** The product to save, when the row has no error. */
	product: ProductInput | null;
	/** Cell text by field, for showing the row as written. */
	cells: Partial<Record<ImportColumnKey, string>>;
	unitCode: string | null;
	category: ProductCategory;
	/** True when the category was guessed from the name (no 品类 column or an unknown value). */
	categoryGuessed: boolean;
	match: ImportMatch | null;
	issues: ImportIssue[];
	/** No error: the row can be imported. */
	valid: boolean;
}

export interface NominationSheet {
	/** Spreadsheet row of the header. */
	headerRow: number;
	columns: ImportColumn[];
	/** Notice columns the file lacks. */
	missing: ProductColumnField[];
	rows: ImportRow[];
	/** Every issue: file-level (missing columns) first, then row by row. */
	issues: ImportIssue[];
}

export interface ParseOptions {
	/** Unit of rows without a unit column (or with an empty cell); null when the file must say. */
	defaultUnit: string | null;
	/** Whether the importing account may add products of this unit. */
	unitAllowed: (unitCode: string) => boolean;
	/** The library (at least the products of the allowed units), for recognising existing products. */
	library: readonly Product[];
}

/** Columns a nomination cannot do without. */
export const REQUIRED_COLUMNS: readonly ProductColumnField[] = ['shopName', 'name', 'dailyPriceFen', 'livePriceFen'];

const TEXT_LIMITS: Partial<Record<ProductColumnField, number>> = {
	shopName: 100,
	shopPlatform: 50,
	name: 100,
	origin: 100,
	spec: 100,
	couponRule: 200,
	sellingPoints: 1000,
	platformEvent: 200,
	contactName: 50
};

const PRICE_FIELDS = ['dailyPriceFen', 'lowestPriceFen', 'livePriceFen'] as const;
const MAX_FEN = 1_000_000_000;

// ---------------------------------------------------------------------------------------------
// Messages, in both languages

type MessageFn = (p: Record<string, string | number>) => [zh: string, en: string];

const MESSAGES: Record<ImportIssueCode, MessageFn> = {
	MISSING_COLUMN: (p) => [`缺少「${p.column}」列`, `The column “${p.column}” is missing`],
	REQUIRED: (p) => [`「${p.column}」不能为空`, `“${p.column}” is required`],
	INVALID_PRICE: (p) => [`「${p.value}」不是有效的价格（元，最多两位小数）`, `“${p.value}” is not a price (yuan, at most two decimals)`],
	NEGATIVE_PRICE: (p) => [`价格不能为负数（${p.value}）`, `A price cannot be negative (${p.value})`],
	INVALID_STOCK: (p) => [`「${p.value}」不是有效的库存数量`, `“${p.value}” is not a stock quantity`],
	INVALID_PHONE: (p) => [`「${p.value}」不是有效的电话号码`, `“${p.value}” is not a phone number`],
	INVALID_URL: (p) => [`「${p.value}」不是以 http:// 或 https:// 开头的网址`, `“${p.value}” is not a URL starting with http:// or https://`],
	URL_SCHEME_ADDED: (p) => [`链接缺少 https://，已补全为 ${p.value}`, `The link had no https://; read as ${p.value}`],
	TOO_LONG: (p) => [`内容过长（${p.length} 字，最多 ${p.max} 字）`, `Too long (${p.length} characters, at most ${p.max})`],
	UNKNOWN_UNIT: (p) => [`「${p.value}」不是活动的市州或团省委`, `“${p.value}” is not one of the campaign's units`],
	UNIT_REQUIRED: () => ['未指定推荐单位：请在上传时选择单位，或在文件中加「推荐单位」列', 'No unit: choose one when uploading, or add a “推荐单位” column'],
	UNIT_NOT_ALLOWED: (p) => [`不能导入其他单位（${p.value}）的产品`, `You cannot import products of another unit (${p.value})`],
	UNKNOWN_CATEGORY: (p) => [`品类「${p.value}」无法识别，已按名称归为「${p.guess}」`, `Category “${p.value}” is unknown; guessed “${p.guess}” from the name`],
	DUPLICATE_ROW: (p) => [`与第 ${p.firstRow} 行是同一产品（店铺名和产品名称相同）`, `Same product as row ${p.firstRow} (same shop and product name)`],
	INVALID_VALUE: (p) => [`内容无效：${p.detail}`, `Invalid value: ${p.detail}`],
	TOBACCO_ALCOHOL: (p) => [String(p.zh), String(p.en)],
	NO_SHOP_LINK: (p) => [String(p.zh), String(p.en)],
	SHORT_SHELF_LIFE: (p) => [String(p.zh), String(p.en)],
	PRICE_ABOVE_DAILY: (p) => [String(p.zh), String(p.en)],
	PRICE_ABOVE_LOWEST: (p) => [String(p.zh), String(p.en)],
	AD_LAW_WORD: (p) => [String(p.zh), String(p.en)]
};

function makeIssue(
	code: ImportIssueCode,
	severity: IssueSeverity,
	row: number,
	column: ImportColumn | ImportColumnKey | null,
	params: Record<string, string | number> = {}
): ImportIssue {
	const key = column === null ? null : typeof column === 'string' ? column : column.key;
	const name = key === null ? null : shortProductHeader(key);
	const cell = column !== null && typeof column === 'object' ? `${column.letter}${row}` : null;
	const [messageZh, message] = MESSAGES[code]({ column: name ?? '', ...params });
	// Rule findings carry their texts in params; the issue keeps only the plain parameters.
	const { zh: _zh, en: _en, ...rest } = params;
	return { row, column: name, cell, code, severity, message, messageZh, ...(Object.keys(rest).length ? { params: rest } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Cells

/** A cell as text: numbers without exponent or grouping, booleans as 是/否, trimmed. */
export function cellText(cell: SheetCell | undefined): string {
	if (cell === null || cell === undefined) return '';
	if (typeof cell === 'boolean') return cell ? '是' : '否';
	if (typeof cell === 'number') {
		if (!Number.isFinite(cell)) return '';
		if (Number.isInteger(cell)) return Number.isSafeInteger(cell) ? String(cell) : cell.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 0 });
		return String(cell);
	}
	return cell.replace(/\r\n?/g, '\n').trim();
}

export type PriceResult = { ok: true; fen: number } | { ok: false; code: 'INVALID_PRICE' | 'NEGATIVE_PRICE' };

/** A price cell (yuan) to fen: 39.9, '¥39.9', '39.90元', '1,299'. Excel's float noise (39.900000001) is rounded. */
export function parsePriceCell(cell: SheetCell): PriceResult {
	if (typeof cell === 'number') {
		if (!Number.isFinite(cell)) return { ok: false, code: 'INVALID_PRICE' };
		if (cell < 0) return { ok: false, code: 'NEGATIVE_PRICE' };
		const fen = Math.round(cell * 100);
		if (Math.abs(cell * 100 - fen) > 1e-6 || fen > MAX_FEN) return { ok: false, code: 'INVALID_PRICE' };
		return { ok: true, fen };
	}
	const text = cellText(cell);
	const fen = parseYuan(text);
	if (fen === null) {
		return /^[-−－]\s*[¥￥]?\s*[0-9０-９]/.test(text) || /^[¥￥]\s*[-−－]/.test(text) ? { ok: false, code: 'NEGATIVE_PRICE' } : { ok: false, code: 'INVALID_PRICE' };
	}
	if (fen > MAX_FEN) return { ok: false, code: 'INVALID_PRICE' };
	return { ok: true, fen };
}

/** A stock cell: 1000, '1,000', '1000件'. Null when not a whole number ≥ 0. */
export function parseStockCell(cell: SheetCell): number | null {
	if (typeof cell === 'number') return Number.isInteger(cell) && cell >= 0 && cell <= MAX_STOCK ? cell : null;
	const text = cellText(cell)
		.normalize('NFKC')
		.replace(/,/g, '')
		.replace(/\s*(件|份|箱|盒|袋|瓶|罐|包|斤|个|只|套|提|组|单)$/, '');
	if (!/^\d{1,12}$/.test(text)) return null;
	const n = Number(text);
	return n <= MAX_STOCK ? n : null;
}

/**
 * A Chinese phone number as people write it: a mobile (11 digits, 1xx…) or a landline with its
 * area code (0718-8221234), optionally with +86 and spaces, hyphens or brackets. The digits are
 * checked, not just the characters: a 20-digit "number" is refused.
 */
export function isPlausiblePhone(text: string): boolean {
	const t = text.normalize('NFKC').trim();
	if (!/^[0-9+\-() ]{5,20}$/.test(t)) return false;
	let digits = t.replace(/[^0-9]/g, '');
	if (t.startsWith('+')) {
		if (!digits.startsWith('86')) return digits.length >= 7 && digits.length <= 15;
		digits = digits.slice(2);
	}
	if (/^1[3-9]\d{9}$/.test(digits)) return true;
	// Landline: area code 0xx or 0xxx, then 7–8 digits; or a local number of 7–8 digits.
	return /^0\d{2,3}\d{7,8}$/.test(digits) || /^\d{7,8}$/.test(digits);
}

export type UrlResult = { ok: true; url: string; schemeAdded: boolean } | { ok: false };

/** A shop link: http(s) only; a bare 'item.taobao.com/…' gets https:// added. */
export function parseShopUrl(text: string): UrlResult {
	let candidate = text.trim();
	let schemeAdded = false;
	if (!/^[a-z][a-z0-9+.-]*:/i.test(candidate) && /^[\w-]+(\.[\w-]+)+([/?#]\S*)?$/.test(candidate)) {
		candidate = `https://${candidate}`;
		schemeAdded = true;
	}
	if (candidate.length > 2000 || /\s/.test(candidate)) return { ok: false };
	try {
		const url = new URL(candidate);
		if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false };
		if (!url.hostname.includes('.') && url.hostname !== 'localhost') return { ok: false };
		return { ok: true, url: candidate, schemeAdded };
	} catch {
		return { ok: false };
	}
}

// ---------------------------------------------------------------------------------------------
// Units and categories

function unitAliases(): { code: string; names: string[] }[] {
	return UNITS.map((u) => {
		const names = [u.code, u.zh, u.en];
		if (u.kind === 'province') names.push('团省委', '湖北省', '省级', '湖北', '省团委', '共青团湖北省委员会');
		else {
			const short = u.zh.replace(/(市|林区|土家族苗族自治州)$/, '');
			names.push(short, `${short}市`, `${short}州`, `${short}团市委`, `${short}团州委`, `${short}团委`, `${u.zh}团委`, `${short}市团委`, `${short}州团委`, `共青团${u.zh}委`, `共青团${short}市委`);
		}
		return { code: u.code, names: names.map((n) => n.normalize('NFKC').replace(/\s+/g, '').toLowerCase()) };
	});
}
const UNIT_ALIASES = unitAliases();

/** The unit a cell names ('武汉', '恩施州', '宜昌市团委', 'wuhan'), or null. */
export function unitFromText(text: string): string | null {
	const t = text.normalize('NFKC').replace(/\s+/g, '').toLowerCase().replace(/[（(]盖章[）)]$/, '');
	if (t === '') return null;
	return UNIT_ALIASES.find((u) => u.names.includes(t))?.code ?? null;
}

/**
 * Words that say what a product is. Chinese names put the head noun last (香菇酱 is a sauce, 山茶油
 * an oil), so the guess takes the word that ends furthest right, then the longest.
 */
const CATEGORY_WORDS: [string, ProductCategory][] = [
	...(['茶', '玉露', '毛尖', '红茶', '绿茶', '黑茶', '青砖', '白茶', '茶叶', '硒茶', '工夫'] as const).map((w) => [w, 'tea'] as [string, ProductCategory]),
	...(['米', '大米', '面', '面条', '挂面', '热干面', '油', '菜籽油', '茶油', '山茶油', '香油', '粮', '杂粮', '面粉', '米粉', '粉丝', '小米', '玉米', '糙米'] as const).map(
		(w) => [w, 'grain_oil'] as [string, ProductCategory]
	),
	...(['菇', '香菇', '花菇', '木耳', '银耳', '干货', '笋干', '莲子', '红枣', '核桃', '板栗', '干', '黄花菜', '葛粉'] as const).map(
		(w) => [w, 'dried_goods'] as [string, ProductCategory]
	),
	...(['糖', '麻糖', '饼', '糕', '酥', '零食', '锅巴', '豆干', '藕粉', '米酥', '果干', '坚果', '瓜子', '花生', '薯片', '鸭脖', '糍粑'] as const).map(
		(w) => [w, 'snacks'] as [string, ProductCategory]
	),
	...(['橙', '脐橙', '柑', '桔', '橘', '梨', '桃', '苹果', '猕猴桃', '藕', '莲藕', '菜', '蔬菜', '水果', '瓜', '柚', '葡萄', '莓', '李', '杏', '枇杷', '樱桃', '土豆', '红薯', '山药', '萝卜'] as const).map(
		(w) => [w, 'fruit_veg'] as [string, ProductCategory]
	),
	...(['肉', '腊肉', '香肠', '腊肠', '蛋', '鸡蛋', '鸭蛋', '皮蛋', '咸蛋', '鸡', '鸭', '鹅', '牛肉', '羊肉', '猪肉', '火腿'] as const).map((w) => [w, 'meat_egg'] as [string, ProductCategory]),
	...(['鱼', '虾', '小龙虾', '龙虾', '蟹', '螃蟹', '甲鱼', '鳝', '黄鳝', '鳅', '泥鳅', '鱼糕', '武昌鱼', '藕带'] as const).map((w) => [w, 'aquatic'] as [string, ProductCategory]),
	...(['酱', '辣椒酱', '醋', '酱油', '调料', '盐', '豆瓣', '花椒', '辣椒', '豆豉', '腐乳', '料酒'] as const).map((w) => [w, 'seasoning'] as [string, ProductCategory]),
	...(['蜜', '蜂蜜', '天麻', '灵芝', '枸杞', '人参', '葛根', '黄精', '杜仲', '石斛', '当归', '滋补'] as const).map((w) => [w, 'tonic'] as [string, ProductCategory]),
	...(['饮', '饮料', '汁', '果汁', '矿泉水', '水', '奶', '牛奶', '咖啡', '汤', '酸梅汤', '豆浆'] as const).map((w) => [w, 'beverage'] as [string, ProductCategory]),
	...(['布', '布艺', '绣', '刺绣', '编', '竹编', '陶', '瓷', '工艺', '工艺品', '雕', '木雕', '挑花', '漆器', '剪纸', '扇'] as const).map(
		(w) => [w, 'handicraft'] as [string, ProductCategory]
	)
];

function categoryByWords(text: string): ProductCategory | null {
	let best: { end: number; length: number; category: ProductCategory } | null = null;
	for (const [word, category] of CATEGORY_WORDS) {
		const at = text.lastIndexOf(word);
		if (at < 0) continue;
		const end = at + word.length;
		if (!best || end > best.end || (end === best.end && word.length > best.length)) best = { end, length: word.length, category };
	}
	return best?.category ?? null;
}

/**
 * A guess at a product's category from its name (then its spec and selling points): tobacco and
 * alcohol first (so 白酒 is never a "beverage"), then the word that ends furthest right. 'other'
 * when nothing fits.
 */
export function guessCategory(name: string, ...more: string[]): ProductCategory {
	const ta = tobaccoAlcoholWord(name);
	if (ta) return ta.kind;
	for (const text of [name, ...more]) {
		const found = categoryByWords(text);
		if (found) return found;
	}
	return 'other';
}

/** A category cell ('茶叶', 'tea', '粮油'), or null when it names none. */
export function categoryFromText(text: string): ProductCategory | null {
	const t = text.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
	if (t === '') return null;
	for (const category of PRODUCT_CATEGORIES) {
		const names = PRODUCT_CATEGORY_NAMES[category];
		if (t === category || t === names.zh || t === names.en.toLowerCase().replace(/\s+/g, '')) return category;
	}
	return null;
}

// ---------------------------------------------------------------------------------------------
// Matching

/** Shop and product names compared the way people mean them: NFKC, no spaces, case-folded. */
export function matchKey(unitCode: string, shopName: string, name: string): string {
	const norm = (s: string) => s.normalize('NFKC').replace(/[\s\u3000]+/g, '').toLowerCase();
	return `${unitCode}\u0000${norm(shopName)}\u0000${norm(name)}`;
}

// ---------------------------------------------------------------------------------------------
// The sheet

/** Finds the header row: the first of the top rows naming the product name and at least three other 附件3 columns. */
export function findHeaderRow(grid: readonly (readonly SheetCell[])[]): { index: number; columns: ImportColumn[] } | null {
	const limit = Math.min(grid.length, HEADER_SEARCH_ROWS);
	for (let r = 0; r < limit; r++) {
		const columns: ImportColumn[] = [];
		const seen = new Set<ImportColumnKey>();
		(grid[r] ?? []).forEach((cell, index) => {
			const header = cellText(cell);
			const key = productFieldOfHeader(header);
			// A merged header repeats its text: the first column wins.
			if (key && !seen.has(key)) {
				seen.add(key);
				columns.push({ key, header, index, letter: columnLetter(index) });
			}
		});
		const noticeColumns = columns.filter((c) => c.key !== 'unit' && c.key !== 'category').length;
		if (seen.has('name') && noticeColumns >= 4) return { index: r, columns };
	}
	return null;
}

/** Data rows below the header that hold anything (for the row limit, before the full parse). */
export function countDataRows(grid: readonly (readonly SheetCell[])[], headerIndex: number): number {
	let n = 0;
	for (let r = headerIndex + 1; r < grid.length; r++) if ((grid[r] ?? []).some((c) => cellText(c) !== '')) n++;
	return n;
}

const FOOTER_WORDS = ['推荐团委', '申报团委', '说明', '填表', '注：', '注:', '备注', '联系人：', '制表'];

/** Rule findings on an imported product: tobacco and alcohol block the row; the rest are noted. */
const FINDING_COLUMN: Partial<Record<string, ImportColumnKey>> = {
	name: 'name',
	productUrl: 'productUrl',
	livePriceFen: 'livePriceFen',
	sellingPoints: 'sellingPoints',
	couponRule: 'couponRule'
};

/**
 * Reads a nomination sheet (the grid of one worksheet, row 0 = spreadsheet row 1). Null when no
 * header row is found. Every data row comes back with its product (if valid), its issues and,
 * when the library already has it, the match with the changes an update would make.
 */
export function parseNominationSheet(grid: readonly (readonly SheetCell[])[], options: ParseOptions): NominationSheet | null {
	const header = findHeaderRow(grid);
	if (!header) return null;
	const headerRow = header.index + 1;
	const byKey = new Map(header.columns.map((c) => [c.key, c]));
	const issues: ImportIssue[] = [];
	const missing = PRODUCT_COLUMNS.map((c) => c.field).filter((f) => !byKey.has(f));
	for (const field of missing) {
		issues.push(makeIssue('MISSING_COLUMN', REQUIRED_COLUMNS.includes(field) ? 'error' : 'warning', headerRow, field));
	}
	const missingRequired = missing.some((f) => REQUIRED_COLUMNS.includes(f));

	const library = new Map(options.library.map((p) => [matchKey(p.unitCode, p.shopName, p.name), p]));
	const firstRowOf = new Map<string, number>();
	const rows: ImportRow[] = [];

	for (let r = header.index + 1; r < grid.length; r++) {
		const line = grid[r] ?? [];
		const row = r + 1;
		const cells: Partial<Record<ImportColumnKey, string>> = {};
		for (const column of header.columns) {
			const text = cellText(line[column.index]);
			if (text !== '') cells[column.key] = text;
		}
		const anything = line.some((c) => cellText(c) !== '');
		if (!anything) continue;
		// Only unmapped columns (序号…): nothing to import.
		if (Object.keys(cells).length === 0) continue;
		// A footer (推荐团委（盖章）：, 说明：…): one text, maybe merged across the row, that reads like one.
		const texts = new Set(line.map((c) => cellText(c)).filter((t) => t !== ''));
		const first = line.map((c) => cellText(c)).find((t) => t !== '') ?? '';
		const noProduct = cells.name === undefined && cells.dailyPriceFen === undefined && cells.livePriceFen === undefined;
		if ((noProduct || texts.size === 1) && FOOTER_WORDS.some((w) => first.startsWith(w))) continue;
		rows.push(parseRow(row, line, cells, header.columns, byKey, missingRequired, options, library, firstRowOf));
	}
	for (const row of rows) issues.push(...row.issues);
	return { headerRow, columns: header.columns, missing, rows, issues };
}

function parseRow(
	row: number,
	line: readonly SheetCell[],
	cells: Partial<Record<ImportColumnKey, string>>,
	columns: ImportColumn[],
	byKey: Map<ImportColumnKey, ImportColumn>,
	missingRequired: boolean,
	options: ParseOptions,
	library: Map<string, Product>,
	firstRowOf: Map<string, number>
): ImportRow {
	const issues: ImportIssue[] = [];
	const col = (key: ImportColumnKey) => byKey.get(key) ?? key;
	const raw = (key: ImportColumnKey): SheetCell => {
		const c = byKey.get(key);
		return c ? (line[c.index] ?? null) : null;
	};
	const text = (key: ProductColumnField): string => {
		const value = cells[key] ?? '';
		const max = TEXT_LIMITS[key];
		if (max !== undefined && value.length > max) issues.push(makeIssue('TOO_LONG', 'error', row, col(key), { length: value.length, max }));
		return value;
	};

	// Unit
	let unitCode: string | null = options.defaultUnit;
	if (cells.unit !== undefined) {
		const named = unitFromText(cells.unit);
		if (!named) {
			issues.push(makeIssue('UNKNOWN_UNIT', 'error', row, col('unit'), { value: cells.unit }));
			unitCode = null;
		} else if (!options.unitAllowed(named)) {
			issues.push(makeIssue('UNIT_NOT_ALLOWED', 'error', row, col('unit'), { value: cells.unit }));
			unitCode = null;
		} else unitCode = named;
	} else if (unitCode === null) {
		issues.push(makeIssue('UNIT_REQUIRED', 'error', row, byKey.has('unit') ? col('unit') : null));
	}

	// Texts
	const shopName = text('shopName');
	const name = text('name');
	for (const key of ['shopName', 'name'] as const) {
		if (byKey.has(key) && !cells[key]) issues.push(makeIssue('REQUIRED', 'error', row, col(key)));
	}

	// Prices
	const prices: Partial<Record<(typeof PRICE_FIELDS)[number], number | null>> = {};
	for (const key of PRICE_FIELDS) {
		if (!byKey.has(key)) continue;
		const cell = raw(key);
		if (cellText(cell) === '') {
			if (key !== 'lowestPriceFen') issues.push(makeIssue('REQUIRED', 'error', row, col(key)));
			prices[key] = null;
			continue;
		}
		const parsed = parsePriceCell(cell);
		if (parsed.ok) prices[key] = parsed.fen;
		else issues.push(makeIssue(parsed.code, 'error', row, col(key), { value: cellText(cell) }));
	}

	// Stock
	let stock: number | null = null;
	if (cells.stock !== undefined) {
		stock = parseStockCell(raw('stock'));
		if (stock === null) issues.push(makeIssue('INVALID_STOCK', 'error', row, col('stock'), { value: cells.stock }));
	}

	// Link
	let productUrl: string | null = null;
	if (cells.productUrl !== undefined) {
		const parsed = parseShopUrl(cells.productUrl);
		if (!parsed.ok) issues.push(makeIssue('INVALID_URL', 'error', row, col('productUrl'), { value: cells.productUrl }));
		else {
			productUrl = parsed.url;
			if (parsed.schemeAdded) issues.push(makeIssue('URL_SCHEME_ADDED', 'warning', row, col('productUrl'), { value: parsed.url }));
		}
	}

	// Phone
	const contactPhone = cells.contactPhone ?? '';
	if (contactPhone !== '' && !isPlausiblePhone(contactPhone)) {
		issues.push(makeIssue('INVALID_PHONE', 'error', row, col('contactPhone'), { value: contactPhone }));
	}

	const texts = {
		shopPlatform: text('shopPlatform'),
		origin: text('origin'),
		spec: text('spec'),
		couponRule: text('couponRule'),
		sellingPoints: text('sellingPoints'),
		platformEvent: text('platformEvent'),
		contactName: text('contactName')
	};

	// Match against the library and earlier rows.
	const key = unitCode && shopName && name ? matchKey(unitCode, shopName, name) : null;
	const existing = key ? library.get(key) : undefined;
	if (key) {
		const first = firstRowOf.get(key);
		if (first !== undefined) issues.push(makeIssue('DUPLICATE_ROW', 'error', row, col('name'), { firstRow: first }));
		else firstRowOf.set(key, row);
	}

	// Category: the file's 品类 column, else the library's (for an update), else a guess.
	const guessed = guessCategory(name, texts.spec, texts.sellingPoints);
	let category: ProductCategory = existing?.category ?? guessed;
	let categoryGuessed = !existing;
	if (cells.category !== undefined) {
		const named = categoryFromText(cells.category);
		if (named) {
			category = named;
			categoryGuessed = false;
		} else {
			issues.push(
				makeIssue('UNKNOWN_CATEGORY', 'warning', row, col('category'), { value: cells.category, guess: PRODUCT_CATEGORY_NAMES[category].zh })
			);
		}
	}

	const candidate = {
		unitCode: unitCode ?? '',
		shopName,
		shopPlatform: texts.shopPlatform,
		name,
		origin: texts.origin,
		spec: texts.spec,
		dailyPriceFen: prices.dailyPriceFen ?? existing?.dailyPriceFen ?? 0,
		lowestPriceFen: byKey.has('lowestPriceFen') ? (prices.lowestPriceFen ?? null) : (existing?.lowestPriceFen ?? null),
		livePriceFen: prices.livePriceFen ?? existing?.livePriceFen ?? 0,
		priceNote: existing?.priceNote ?? '',
		couponRule: texts.couponRule,
		sellingPoints: texts.sellingPoints,
		stock: byKey.has('stock') ? stock : (existing?.stock ?? null),
		productUrl: byKey.has('productUrl') ? productUrl : (existing?.productUrl ?? null),
		platformEvent: texts.platformEvent,
		contactName: texts.contactName,
		contactPhone,
		category,
		shelfLifeDays: existing?.shelfLifeDays ?? null,
		qualityCert: existing?.qualityCert ?? '',
		catalogues: existing?.catalogues ?? [],
		status: existing?.status ?? 'candidate'
	} satisfies ProductInput;
	// Columns missing from the file keep what the library has.
	if (existing) {
		for (const field of ['shopPlatform', 'origin', 'spec', 'couponRule', 'sellingPoints', 'platformEvent', 'contactName', 'contactPhone'] as const) {
			if (!byKey.has(field)) candidate[field] = existing[field];
		}
	}

	const hasError = () => missingRequired || issues.some((i) => i.severity === 'error');
	let product: ProductInput | null = null;
	if (!hasError()) {
		const parsed = productInput.safeParse(candidate);
		if (parsed.success) product = parsed.data;
		else {
			for (const issue of parsed.error.issues) {
				const field = String(issue.path[0] ?? '') as ImportColumnKey;
				issues.push(makeIssue('INVALID_VALUE', 'error', row, byKey.has(field) ? col(field) : null, { detail: `${issue.path.join('.')}: ${issue.message}` }));
			}
		}
	}

	// The campaign's product rules, on what the row would save.
	if (name !== '' && !missingRequired) {
		const zh = checkProduct({ ...candidate }, 'zh-CN');
		const en = checkProduct({ ...candidate }, 'en');
		const priceProblem = issues.some((i) => i.code === 'INVALID_PRICE' || i.code === 'NEGATIVE_PRICE' || (i.code === 'REQUIRED' && i.column?.includes('价')));
		zh.forEach((finding, i) => {
			if (finding.code === 'NO_QUALITY_CERT') return; // 附件3 has no column for it.
			if (priceProblem && finding.code.startsWith('PRICE_')) return; // Prices that did not parse say nothing.
			const findingKey = finding.field ? FINDING_COLUMN[finding.field] : undefined;
			const where: ImportColumn | ImportColumnKey | null = findingKey ? col(findingKey) : finding.field === 'category' ? (byKey.get('category') ?? col('name')) : null;
			const severity: IssueSeverity = finding.code === 'TOBACCO_ALCOHOL' ? 'error' : 'warning';
			const params: Record<string, string | number> = { zh: finding.message, en: en[i]?.message ?? finding.message };
			if (finding.word) params.word = finding.word;
			issues.push(makeIssue(finding.code as ImportIssueCode, severity, row, where, params));
		});
		if (issues.some((i) => i.code === 'TOBACCO_ALCOHOL')) product = null;
	}

	const match: ImportMatch | null = existing ? { productId: existing.id, version: existing.version, changes: product ? changesOf(existing, product, byKey) : [] } : null;
	issues.sort((a, b) => (a.cell && b.cell ? columnOrder(a.cell) - columnOrder(b.cell) : a.cell ? -1 : b.cell ? 1 : 0));
	return { row, product, cells, unitCode, category, categoryGuessed, match, issues, valid: product !== null && !hasError() };
}

function columnOrder(cell: string): number {
	const letters = /^[A-Z]+/.exec(cell)?.[0] ?? '';
	return [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
}

/** What an update would change, over the columns the file has. */
export function changesOf(existing: Product, next: ProductInput, present: ReadonlyMap<ImportColumnKey, unknown>): FieldChange[] {
	const out: FieldChange[] = [];
	for (const { field } of PRODUCT_COLUMNS) {
		if (!present.has(field)) continue;
		const from = existing[field] as string | number | null;
		const to = next[field] as string | number | null;
		if ((from ?? '') !== (to ?? '')) out.push({ field, from: from ?? null, to: to ?? null });
	}
	if (present.has('category') && existing.category !== next.category) out.push({ field: 'category', from: existing.category, to: next.category });
	return out;
}

