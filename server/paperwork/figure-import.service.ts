/**
 * After the show: a platform's minute-level live data export or order export (.csv in UTF-8,
 * GB18030 or UTF-16, or .xlsx read by the guarded workbook reader) read into checkpoints of a run.
 * `preview` stores nothing; `confirm` reads the same file again and, in one transaction, replaces
 * the run's earlier import of that platform with it. An order export's per-product totals become
 * the show's sales figures only when the coordinator asks (`sales: 'replace'`).
 */
import type { FigureImportPreview, FigureImportResult } from '../../src/lib/contract/figure-imports';
import type { ExportColumn } from '../../src/lib/core/figures/export-cells';
import { DEFAULT_CSV_LIMITS } from '../../src/lib/core/figures/csv';
import { MAX_EXPORT_ROWS } from '../../src/lib/core/figures/export-cells';
import { decodeCsvBytes, parseCsv } from '../../src/lib/core/figures/exports';
import { attributeCheckpoints, importSpan, matchExportProducts, readPlatformExport, salesFromOrders, type AttributedCheckpoint, type PlatformExport } from '../../src/lib/core/figures/import';
import type { FigureReading } from '../../src/lib/core/figures/metrics';
import { onAirIntervals } from '../../src/lib/core/figures/timeline';
import { shanghaiParts } from '../../src/lib/core/format';
import type { Platform, Show } from '../../src/lib/core/model';
import { MAX_IMPORT_BYTES } from '../../src/lib/core/nominations';
import { DomainError } from '../domain/errors';
import type { LiveRepository } from '../live/live.repository';
import type { ProductRepository } from '../planning/product.repository';
import type { SalesRepository } from './sales.repository';
import { fileErrors, inspectXlsx } from './spreadsheet';
import { readSheets } from './spreadsheet-reader';

/** Where imported checkpoints are kept (the figures storage of the live feature). */
export interface ImportedCheckpointStore {
	/** The run's checkpoints, deleted ones included. */
	list(showId: number, runId: number): (FigureReading & { deleted: boolean })[];
	/** Replaces the run's imported checkpoints of `platform` with `checkpoints`, in one transaction. */
	replaceImported(showId: number, runId: number, platform: Platform, checkpoints: readonly AttributedCheckpoint[], actor: string, now: number): { stored: number; replaced: number };
}

export const figureImportErrors = {
	unsupported: () => new DomainError('UNSUPPORTED_FILE', 'Upload the platform\'s export as .csv or .xlsx'),
	noRun: () => new DomainError('NO_RUN', 'The show has not run yet: figures belong to a run (start it, or choose a run that exists)'),
	unknownRun: () => new DomainError('NOT_FOUND', 'Run not found'),
	notPlatform: (platform: string) => new DomainError('UNKNOWN_PLATFORM', `The show does not stream on ${platform}`),
	notRecognised: (detail: string) =>
		new DomainError('EXPORT_NOT_RECOGNISED', `Neither a live room's minute data (时间 and a figure such as 在线人数 or 成交金额) nor an order export (订单编号 and an amount): ${detail}`),
	noData: () => new DomainError('EXPORT_NO_DATA', 'The export has a header but no minute or paid order with figures'),
	outsideRun: () => new DomainError('EXPORT_OUTSIDE_RUN', 'No figure of the export falls within the run: is it the export of another day or another show?'),
	tooManyRows: () => new DomainError('TOO_MANY_ROWS', `The export has more than ${MAX_EXPORT_ROWS} rows`),
	csv: (message: string) => new DomainError('CSV_MALFORMED', message)
};

interface ReadFile {
	encoding: string;
	grids: unknown[][][];
}

/** The grids of an uploaded export: the sheets of a workbook, or the one table of a CSV. */
export async function readExportFile(buf: Buffer): Promise<ReadFile> {
	if (buf.length === 0) throw fileErrors.empty();
	if (buf.length > MAX_IMPORT_BYTES) throw fileErrors.tooLarge();
	if (buf[0] === 0x50 && buf[1] === 0x4b) {
		const sheets = await readSheets(buf, { maxRows: MAX_EXPORT_ROWS + 100 });
		if (sheets.some((s) => !s.grid)) throw figureImportErrors.tooManyRows();
		if (sheets.length === 0) throw fileErrors.empty();
		return { encoding: 'xlsx', grids: sheets.map((s) => s.grid!) };
	}
	if (buf[0] === 0xd0 && buf[1] === 0xcf) inspectXlsx(buf); // refuses with NOT_XLSX (an old .xls) or PASSWORD_PROTECTED
	const utf16 = buf[0] === 0xff && buf[1] === 0xfe;
	if (!utf16 && buf.subarray(0, 4096).includes(0)) throw figureImportErrors.unsupported();
	const { text, encoding } = decodeCsvBytes(buf);
	// Commas, or tabs when a back office saves "CSV" tab-separated.
	const head = text.slice(0, 4096);
	const delimiter = (head.match(/\t/g)?.length ?? 0) > (head.match(/,/g)?.length ?? 0) ? '\t' : ',';
	const csv = parseCsv(text, DEFAULT_CSV_LIMITS, delimiter);
	if (!csv.ok) throw csv.error.code === 'CSV_TOO_MANY_ROWS' ? figureImportErrors.tooManyRows() : figureImportErrors.csv(csv.error.message);
	if (csv.rows.every((r) => r.every((c) => c.trim() === ''))) throw fileErrors.empty();
	return { encoding, grids: [csv.rows] };
}

const column = (field: string, c: ExportColumn, reading: 'level' | 'cumulative' | 'perMinute' | null = null) => ({ field, header: c.header, letter: c.letter, reading });

export class FigureImportService {
	constructor(
		private readonly live: LiveRepository,
		private readonly products: ProductRepository,
		private readonly sales: SalesRepository,
		private readonly checkpoints: ImportedCheckpointStore,
		private readonly clock: () => number
	) {}

	/** Reads the file into what would be stored; stores nothing. */
	async preview(show: Show, query: { platform: Platform; run?: number }, file: { buffer: Buffer; fileName: string }): Promise<FigureImportPreview> {
		return (await this.#read(show, query, file)).preview;
	}

	/** Reads the file again and stores its checkpoints (and, when asked, an order export's sales figures). */
	async confirm(show: Show, query: { platform: Platform; run?: number; sales: 'keep' | 'replace' }, file: { buffer: Buffer; fileName: string }, actor: string): Promise<FigureImportResult> {
		const { preview, checkpoints } = await this.#read(show, query, file);
		if (preview.checkpoints.inRun === 0) throw figureImportErrors.outsideRun();
		const now = this.clock();
		const { stored, replaced } = this.checkpoints.replaceImported(show.id, preview.runId, query.platform, checkpoints, actor, now);
		const sales = preview.orders?.sales ?? [];
		const salesSaved = query.sales === 'replace' && sales.length > 0;
		if (salesSaved) this.sales.replace(show.id, sales.map(({ productId, orders, units, gmvFen }) => ({ productId, orders, units, gmvFen })), now, actor);
		return { preview, stored, replaced, salesSaved };
	}

	async #read(show: Show, query: { platform: Platform; run?: number }, file: { buffer: Buffer; fileName: string }) {
		if (!show.platforms.some((p) => p.platform === query.platform)) throw figureImportErrors.notPlatform(query.platform);
		const runs = this.live.runs(show.id);
		const run = query.run === undefined ? (runs.find((r) => r.mode === 'live') ?? null) : (runs.find((r) => r.id === query.run) ?? null);
		if (!run) throw query.run === undefined ? figureImportErrors.noRun() : figureImportErrors.unknownRun();

		const { encoding, grids } = await readExportFile(file.buffer);
		const day = shanghaiParts(run.startedAt);
		const showDate = `${day.year}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
		let read: PlatformExport | null = null;
		let refusal = '';
		for (const grid of grids) {
			const r = readPlatformExport(grid, showDate);
			if (r.kind !== null) {
				read = r;
				break;
			}
			if (r.issues.some((i) => i.code === 'TOO_MANY_ROWS')) throw figureImportErrors.tooManyRows();
			refusal ||= r.issues[0]?.message ?? '';
		}
		if (!read) throw figureImportErrors.notRecognised(refusal);
		if (read.data.checkpoints.length === 0) throw figureImportErrors.noData();

		const now = this.clock();
		const intervals = onAirIntervals(this.live.runEvents(run.id), now);
		const checkpoints = attributeCheckpoints(read.data.checkpoints, intervals);
		const existing = this.checkpoints.list(show.id, run.id);
		const base = {
			fileName: file.fileName,
			platform: query.platform,
			runId: run.id,
			encoding,
			headerRow: read.data.headerRow,
			ignored: read.data.ignored.map((c) => ({ header: c.header, letter: c.letter })),
			issues: read.data.issues,
			checkpoints: importSpan(read.data.checkpoints, { from: run.startedAt, to: run.endedAt ?? now }),
			replaces: existing.filter((c) => c.source === 'import' && c.platform === query.platform && !c.deleted).length
		};
		let preview: FigureImportPreview;
		if (read.kind === 'liveData') {
			const d = read.data;
			const columns = [column('time', d.timeColumn), ...(d.dateColumn ? [column('date', d.dateColumn)] : []), ...d.columns.map((c) => column(c.metric, c, c.reading))];
			preview = { ...base, kind: 'liveData', columns, orders: null };
		} else {
			const d = read.data;
			const products = this.products.getMany(show.productIds);
			const matched = matchExportProducts(d.products, products);
			preview = {
				...base,
				kind: 'orders',
				columns: Object.entries(d.columns).map(([field, c]) => column(field, c!)),
				orders: {
					summary: d.summary,
					products: matched.map((m) => ({ exportProductId: m.productId, skuCode: m.skuCode, title: m.title, orders: m.orders, units: m.units, netFen: m.netFen, match: m.match })),
					sales: salesFromOrders(matched),
					existingSales: this.sales.list(show.id).length
				}
			};
		}
		return { preview, checkpoints };
	}
}
