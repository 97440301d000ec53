/**
 * After the show (issue 14): a platform's minute-level live data export or order export uploaded on
 * the report page, previewed, then stored as checkpoints of the run with source `import`. Both steps
 * take the same file (nothing is kept between them), so a preview never goes stale. Money in fen,
 * instants epoch ms.
 */
import { z } from 'zod';
import { FIGURE_MAX, FIGURE_METRICS, type FigureMetric } from '../core/figures/metrics';
import { PLATFORMS } from '../core/model';
import { salesFiguresInput } from '../core/sales';

const int = z.number().int();
const instant = int.nullable();

export const figureImportQuery = z.strictObject({
	/** The platform the export comes from (one of the show's). */
	platform: z.enum(PLATFORMS),
	/** The run the figures belong to; the latest live run by default. */
	run: z.coerce.number().int().positive().optional()
});

export const figureImportConfirmQuery = figureImportQuery.extend({
	/**
	 * An order export's per-product totals: `replace` saves them as the show's sales figures (in place
	 * of what was entered), `keep` (default) leaves the sales figures alone.
	 */
	sales: z.enum(['keep', 'replace']).default('keep')
});

/** Each metric's last value (a partial set). */
const lastFigures = z.strictObject(Object.fromEntries(FIGURE_METRICS.map((m) => [m, int.min(0).max(FIGURE_MAX[m]).optional()])) as Record<FigureMetric, z.ZodOptional<z.ZodNumber>>);

export const exportIssueSchema = z.object({
	code: z.string(),
	severity: z.enum(['error', 'warning', 'info']),
	row: int.nullable(),
	column: z.string().nullable(),
	cell: z.string().nullable(),
	message: z.string(),
	messageZh: z.string(),
	params: z.record(z.string(), z.union([z.string(), z.number()])).optional()
});

export const figureImportPreview = z.object({
	fileName: z.string(),
	/** `liveData`: a live room's per-minute data; `orders`: an order export. */
	kind: z.enum(['liveData', 'orders']),
	platform: z.enum(PLATFORMS),
	runId: int,
	/** How the file was read: `xlsx`, or the CSV's encoding (`utf-8`, `gb18030`, `utf-16le`). */
	encoding: z.string(),
	headerRow: int,
	/**
	 * Which column gave what: minute data names a metric (`viewers` ← 实时在线人数, with how it was
	 * read: level, cumulative or per minute added up); an order export names its field (`orderId`, `paid`…).
	 */
	columns: z.array(z.object({ field: z.string(), header: z.string(), letter: z.string(), reading: z.enum(['level', 'cumulative', 'perMinute']).nullable() })),
	ignored: z.array(z.object({ header: z.string(), letter: z.string() })),
	issues: z.array(exportIssueSchema),
	checkpoints: z.object({ count: int, inRun: int, firstAt: instant, lastAt: instant, last: lastFigures }),
	/** Imported checkpoints of this platform and run that confirming replaces. */
	replaces: int,
	orders: z
		.object({
			summary: z.object({
				orders: int,
				paid: int,
				unpaid: int,
				cancelled: int,
				afterSale: int,
				partiallyRefunded: int,
				refunded: int,
				precisionLostRows: int,
				paidFen: int,
				refundFen: int,
				netFen: int
			}),
			/** Per product line of the file, with the show's product it matched (by 商品ID in the product's link, or by title). */
			products: z.array(
				z.object({
					exportProductId: z.string().nullable(),
					skuCode: z.string().nullable(),
					title: z.string().nullable(),
					orders: int,
					units: int,
					netFen: int,
					match: z.object({ productId: int, name: z.string(), by: z.enum(['productId', 'title']) }).nullable()
				})
			),
			/** The matched lines as the show's sales figures (what `sales=replace` saves). */
			sales: z.array(salesFiguresInput.extend({ name: z.string() })),
			/** Products that already have sales figures (entered or saved before). */
			existingSales: int
		})
		.nullable()
});
export type FigureImportPreview = z.infer<typeof figureImportPreview>;

export const figureImportResult = z.object({
	preview: figureImportPreview,
	/** Checkpoints written, and earlier imported ones of the same platform and run removed. */
	stored: int,
	replaced: int,
	salesSaved: z.boolean()
});
export type FigureImportResult = z.infer<typeof figureImportResult>;
