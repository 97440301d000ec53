/**
 * The notice's Excel forms, written with exceljs in the notice's layout: 附件2 (one row per show),
 * 附件3 (one row per product) and 附件4 (one sheet per person laid out like the form, or one row per
 * person). Title row, header line, the exact column headers, wrapped text in Chinese fonts, prices
 * in yuan with two decimals, times in Asia/Shanghai, print setup for A4. Text cells are always text
 * cells: a product named `=HYPERLINK(…)` stays those characters.
 */
import type ExcelJS from 'exceljs';
import { ACTIVITY_FORM, AMBASSADOR_FIELDS, AMBASSADOR_FORM, PRODUCT_COLUMNS, PRODUCT_FORM, type AmbassadorFieldKey, type AmbassadorLayout } from '../../src/lib/core/forms';
import { formatShanghai } from '../../src/lib/core/format';
import { PLATFORM_NAMES, PRODUCT_CATEGORY_NAMES, type Person, type Product, type Show } from '../../src/lib/core/model';
import { unitByCode } from '../../src/lib/core/units';
import type { PersonRepository } from '../planning/person.repository';
import type { ProductRepository } from '../planning/product.repository';
import type { ShowRepository } from '../planning/show.repository';
import { FONT_BODY, FONT_HEAD, THIN_BORDER, emptyWorkbook, fitWidths, setText } from './spreadsheet';
import type { UnitScope } from '../domain/unit-scope';

export interface FormFile {
	buffer: Buffer;
	/** The download's name, in Chinese like the notice's attachments. */
	fileName: string;
	/** ASCII fallback name. */
	asciiName: string;
}

const unitZh = (code: string) => unitByCode(code)?.zh ?? code;
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
/** Empty bordered rows a blank form gets, as the notice prints them, for filling in by hand. */
const BLANK_ROWS = 3;

type ColumnKind = 'text' | 'yuan' | 'integer';

interface TableSpec {
	attachment: string;
	title: string;
	/** Line between the title and the table (附件2's 申报团委（盖章）：). */
	headerLine?: string;
	/** Lines under the table (附件3's 推荐团委（盖章）：, the notice's 说明). */
	footerLines: string[];
	headers: string[];
	kinds: ColumnKind[];
	rows: (string | number | null)[][];
	sheetName: string;
}

/** One table-shaped form on a new worksheet. */
function writeTable(workbook: ExcelJS.Workbook, spec: TableSpec) {
	const ws = workbook.addWorksheet(spec.sheetName, {
		pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
		headerFooter: { oddFooter: '第 &P 页，共 &N 页' }
	});
	const width = spec.headers.length;

	const label = ws.getCell(1, 1);
	setText(label, spec.attachment);
	label.font = { name: FONT_HEAD, size: 12 };

	ws.mergeCells(2, 1, 2, width);
	const title = ws.getCell(2, 1);
	setText(title, spec.title);
	title.font = { name: FONT_HEAD, size: 18, bold: true };
	title.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
	ws.getRow(2).height = 42;

	let headerRow = 3;
	if (spec.headerLine) {
		ws.mergeCells(3, 1, 3, width);
		const line = ws.getCell(3, 1);
		setText(line, spec.headerLine);
		line.font = { name: FONT_BODY, size: 12 };
		line.alignment = { vertical: 'middle' };
		ws.getRow(3).height = 24;
		headerRow = 4;
	}

	spec.headers.forEach((header, i) => {
		const cell = ws.getCell(headerRow, i + 1);
		setText(cell, header);
		cell.font = { name: FONT_HEAD, size: 11, bold: true };
		cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
		cell.border = THIN_BORDER;
		cell.fill = HEAD_FILL;
	});
	ws.getRow(headerRow).height = 48;

	const rows = spec.rows.length ? spec.rows : Array.from({ length: BLANK_ROWS }, () => spec.headers.map(() => null));
	rows.forEach((values, r) => {
		const rowNumber = headerRow + 1 + r;
		values.forEach((value, c) => {
			const cell = ws.getCell(rowNumber, c + 1);
			const kind = spec.kinds[c];
			if (value === null || value === '') {
				if (kind === 'text') cell.numFmt = '@';
			} else if (kind === 'yuan' && typeof value === 'number') {
				cell.value = value / 100;
				cell.numFmt = '0.00';
			} else if (kind === 'integer' && typeof value === 'number') {
				cell.value = value;
				cell.numFmt = '0';
			} else setText(cell, String(value));
			cell.font = { name: FONT_BODY, size: 11 };
			cell.alignment = { vertical: 'middle', wrapText: true, horizontal: kind === 'text' ? 'left' : 'right' };
			cell.border = THIN_BORDER;
		});
		if (!spec.rows.length) ws.getRow(rowNumber).height = 28;
	});

	let next = headerRow + rows.length + 1;
	for (const text of spec.footerLines) {
		ws.mergeCells(next, 1, next, width);
		const cell = ws.getCell(next, 1);
		setText(cell, text);
		cell.font = { name: FONT_BODY, size: 11 };
		cell.alignment = { vertical: 'middle', wrapText: true };
		ws.getRow(next).height = 24;
		next++;
	}

	fitWidths(ws, headerRow, width, 8, 40);
	spec.kinds.forEach((kind, i) => {
		if (kind !== 'text') ws.getColumn(i + 1).width = Math.max(ws.getColumn(i + 1).width ?? 10, 11);
	});
	ws.views = [{ state: 'frozen', ySplit: headerRow, showGridLines: true }];
	ws.pageSetup.printTitlesRow = `${headerRow}:${headerRow}`;
	return ws;
}

async function newWorkbook(): Promise<ExcelJS.Workbook> {
	const workbook = await emptyWorkbook();
	workbook.creator = 'Showcall 场控台';
	workbook.created = new Date(0);
	return workbook;
}

async function toBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

function scopeName(scope: UnitScope): string {
	return scope.unit ? unitZh(scope.unit) : '全省汇总';
}

export class FormsService {
	constructor(
		private readonly shows: ShowRepository,
		private readonly products: ProductRepository,
		private readonly people: PersonRepository
	) {}

	showsOf(scope: UnitScope): Show[] {
		return this.shows.list({ unitCode: scope.unit ?? undefined });
	}

	productsOf(scope: UnitScope): Product[] {
		return this.products.list({ unitCode: scope.unit ?? undefined });
	}

	peopleOf(scope: UnitScope, which: 'nominees' | 'all'): Person[] {
		const all = this.people.list({ unitCode: scope.unit ?? undefined });
		return which === 'all' ? all : all.filter((p) => p.ambassador !== 'none');
	}

	/** 附件2: one row per show. */
	async activities(scope: UnitScope): Promise<FormFile> {
		const shows = this.showsOf(scope);
		const productIds = [...new Set(shows.flatMap((s) => s.productIds))];
		const products = new Map(this.products.getMany(productIds).map((p) => [p.id, p]));
		const people = new Map(this.people.getMany([...new Set(shows.flatMap((s) => s.guestIds))]).map((p) => [p.id, p]));
		const all = scope.unit === null;

		const rows = shows.map((show) => {
			const ids = show.productIds;
			const categories = [...new Set(ids.map((id) => products.get(id)?.category).filter((c) => c !== undefined))].map((c) => PRODUCT_CATEGORY_NAMES[c].zh);
			const end = show.startsAt + show.plannedDurationMin * 60_000;
			const row: (string | number | null)[] = [
				show.location,
				`${formatShanghai(show.startsAt, 'datetime', 'zh-CN')}–${formatShanghai(end, 'time', 'zh-CN')}`,
				ids.length,
				categories.join('、'),
				show.guestIds.map((id) => people.get(id)?.name ?? '').filter(Boolean).join('、'),
				show.executingParty,
				show.platforms.map((p) => `${PLATFORM_NAMES[p.platform].zh}「${p.accountName}」`).join('、'),
				show.salesChannel,
				show.commission.charged ? '是' : '否'
			];
			return all ? [unitZh(show.unitCode), ...row] : row;
		});
		const workbook = await newWorkbook();
		writeTable(workbook, {
			attachment: ACTIVITY_FORM.attachment,
			title: ACTIVITY_FORM.title,
			headerLine: `${ACTIVITY_FORM.headerLine}${scope.unit ? unitZh(scope.unit) : ''}`,
			footerLines: [ACTIVITY_FORM.note],
			headers: [...(all ? [ACTIVITY_FORM.unitColumn] : []), ...ACTIVITY_FORM.columns],
			kinds: [...(all ? (['text'] as const) : []), 'text', 'text', 'integer', 'text', 'text', 'text', 'text', 'text', 'text'],
			rows,
			sheetName: '活动申报表'
		});
		const name = scopeName(scope);
		return { buffer: await toBuffer(workbook), fileName: `附件2-直播带货活动申报表-${name}.xlsx`, asciiName: `activities-${scope.unit ?? 'all'}.xlsx` };
	}

	/** 附件3: one row per product. */
	async productsForm(scope: UnitScope): Promise<FormFile> {
		const products = this.productsOf(scope);
		const all = scope.unit === null;
		const kindOf = (field: (typeof PRODUCT_COLUMNS)[number]['field']): ColumnKind =>
			field === 'dailyPriceFen' || field === 'lowestPriceFen' || field === 'livePriceFen' ? 'yuan' : field === 'stock' ? 'integer' : 'text';
		const rows = products.map((p) => {
			const row = PRODUCT_COLUMNS.map(({ field }) => {
				const value = p[field];
				return value === null || value === undefined ? null : (value as string | number);
			});
			return all ? [unitZh(p.unitCode), ...row] : row;
		});
		const workbook = await newWorkbook();
		writeTable(workbook, {
			attachment: PRODUCT_FORM.attachment,
			title: PRODUCT_FORM.title,
			footerLines: [`${PRODUCT_FORM.footerLine}${scope.unit ? unitZh(scope.unit) : ''}`, PRODUCT_FORM.note],
			headers: [...(all ? [PRODUCT_FORM.unitColumn] : []), ...PRODUCT_FORM.columns],
			kinds: [...(all ? (['text'] as const) : []), ...PRODUCT_COLUMNS.map((c) => kindOf(c.field))],
			rows,
			sheetName: '推荐产品申报表'
		});
		const name = scopeName(scope);
		return { buffer: await toBuffer(workbook), fileName: `附件3-小青优品推荐产品申报表-${name}.xlsx`, asciiName: `products-${scope.unit ?? 'all'}.xlsx` };
	}

	/** 附件4: one sheet per person laid out like the notice's form, or one row per person. */
	async ambassadors(scope: UnitScope, layout: AmbassadorLayout, which: 'nominees' | 'all'): Promise<FormFile> {
		const people = this.peopleOf(scope, which);
		const workbook = await newWorkbook();
		if (layout === 'rows') {
			writeTable(workbook, {
				attachment: AMBASSADOR_FORM.attachment,
				title: AMBASSADOR_FORM.title,
				footerLines: [],
				headers: [...AMBASSADOR_FORM.columns],
				kinds: AMBASSADOR_FIELDS.map(() => 'text'),
				rows: people.map((p) => AMBASSADOR_FIELDS.map((f) => ambassadorValue(p, f.key))),
				sheetName: '扶贫大使推荐表'
			});
		} else {
			const used = new Set<string>();
			people.forEach((person, i) => writePersonSheet(workbook, person, sheetName(`${i + 1} ${person.name}`, used)));
			// Nobody yet: one blank form to fill in by hand.
			if (people.length === 0) writePersonSheet(workbook, null, '扶贫大使推荐表');
		}
		const name = scopeName(scope);
		return { buffer: await toBuffer(workbook), fileName: `附件4-扶贫大使推荐表-${name}.xlsx`, asciiName: `ambassadors-${scope.unit ?? 'all'}.xlsx` };
	}
}

/** A valid, unique worksheet name: at most 31 characters, none of []:*?/\. */
function sheetName(wanted: string, used: Set<string>): string {
	const base = wanted.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28).trim() || 'Sheet';
	let name = base;
	for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 25)} (${n})`;
	used.add(name.toLowerCase());
	return name;
}

const GENDER: Record<Person['gender'], string> = { male: '男', female: '女', '': '' };

export function ambassadorValue(person: Person, key: AmbassadorFieldKey): string {
	switch (key) {
		case 'name':
			return person.name;
		case 'gender':
			return GENDER[person.gender];
		case 'unit':
			return unitZh(person.unitCode);
		case 'ethnicity':
			return person.ethnicity;
		case 'birthMonth': {
			const m = /^(\d{4})-(\d{2})$/.exec(person.birthMonth);
			return m ? `${m[1]}年${Number(m[2])}月` : person.birthMonth;
		}
		case 'politicalStatus':
			return person.politicalStatus;
		case 'position':
			return person.position;
		case 'contact':
			return person.contact;
		case 'platforms':
			return person.platforms.map((p) => `${PLATFORM_NAMES[p.platform].zh}${p.account ? `：${p.account}` : ''}`).join('\n');
		case 'followers':
			return person.platforms.map((p) => `${PLATFORM_NAMES[p.platform].zh} ${p.followers.toLocaleString('zh-CN')}`).join('\n');
		case 'intro':
			return person.intro;
		case 'reason':
			return person.reason;
		case 'unitOpinion':
			return person.unitOpinion;
	}
}

/** One person's 附件4 as the notice draws it: label/value pairs, then the long fields across. */
function writePersonSheet(workbook: ExcelJS.Workbook, person: Person | null, name: string) {
	const ws = workbook.addWorksheet(name, {
		pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 1, horizontalCentered: true }
	});
	ws.columns = [{ width: 18 }, { width: 30 }, { width: 18 }, { width: 30 }];
	const field = (key: AmbassadorFieldKey) => AMBASSADOR_FIELDS.find((f) => f.key === key)!;
	const labelCell = (cell: ExcelJS.Cell, text: string) => {
		setText(cell, text);
		cell.font = { name: FONT_HEAD, size: 12 };
		cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
		cell.border = THIN_BORDER;
	};
	const valueCell = (cell: ExcelJS.Cell, text: string, horizontal: 'left' | 'center' = 'center') => {
		setText(cell, text);
		cell.font = { name: FONT_BODY, size: 12 };
		cell.alignment = { horizontal, vertical: horizontal === 'left' ? 'top' : 'middle', wrapText: true };
		cell.border = THIN_BORDER;
	};

	setText(ws.getCell('A1'), AMBASSADOR_FORM.attachment);
	ws.getCell('A1').font = { name: FONT_HEAD, size: 12 };
	ws.mergeCells('A2:D2');
	setText(ws.getCell('A2'), AMBASSADOR_FORM.title);
	ws.getCell('A2').font = { name: FONT_HEAD, size: 18, bold: true };
	ws.getCell('A2').alignment = { horizontal: 'center', vertical: 'middle' };
	ws.getRow(2).height = 48;

	const pairs: [AmbassadorFieldKey, AmbassadorFieldKey][] = [
		['name', 'gender'],
		['unit', 'ethnicity'],
		['birthMonth', 'politicalStatus'],
		['position', 'contact'],
		['platforms', 'followers']
	];
	pairs.forEach(([left, right], i) => {
		const r = 3 + i;
		labelCell(ws.getCell(r, 1), field(left).formLabel);
		valueCell(ws.getCell(r, 2), (person ? ambassadorValue(person, left) : ''));
		labelCell(ws.getCell(r, 3), field(right).formLabel);
		valueCell(ws.getCell(r, 4), (person ? ambassadorValue(person, right) : ''));
		ws.getRow(r).height = left === 'platforms' ? 48 : 34;
	});
	const long: [AmbassadorFieldKey, number][] = [
		['intro', 170],
		['reason', 120],
		['unitOpinion', 100]
	];
	long.forEach(([key, height], i) => {
		const r = 3 + pairs.length + i;
		labelCell(ws.getCell(r, 1), field(key).formLabel);
		ws.mergeCells(r, 2, r, 4);
		valueCell(ws.getCell(r, 2), person ? ambassadorValue(person, key) : '', 'left');
		for (const c of [3, 4]) ws.getCell(r, c).border = THIN_BORDER;
		ws.getRow(r).height = height;
	});
	ws.pageSetup.printArea = `A1:D${3 + pairs.length + long.length - 1}`;
}
