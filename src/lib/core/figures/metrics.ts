/**
 * The audience figures a 场记 records during a show, per platform: what each metric is, its name in
 * both languages, its unit and its largest sane value. Pure data.
 *
 * Units: counts are people / orders / likes; `gmvFen` is money in integer fen (¥1.00 = 100).
 * `viewers` is an instantaneous reading (在线人数 at that moment); every other metric is cumulative
 * since the live room opened, as the platforms' consoles show it.
 */
import type { EpochMs, Platform } from '../model';

export const FIGURE_METRICS = ['viewers', 'totalViews', 'gmvFen', 'orders', 'newFollowers', 'likes'] as const;
export type FigureMetric = (typeof FIGURE_METRICS)[number];

/** Any non-empty subset of the metrics, each a non-negative integer (gmvFen in fen). */
export type Figures = Partial<Record<FigureMetric, number>>;

/** Names of the metrics as the recorder panel, the report and the wall show them. */
export const FIGURE_METRIC_NAMES: Record<FigureMetric, { zh: string; en: string }> = {
	viewers: { zh: '在线人数', en: 'Viewers' },
	totalViews: { zh: '累计观看', en: 'Total views' },
	gmvFen: { zh: '成交额', en: 'GMV' },
	orders: { zh: '订单数', en: 'Orders' },
	newFollowers: { zh: '新增粉丝', en: 'New followers' },
	likes: { zh: '点赞', en: 'Likes' }
};

/**
 * Largest value accepted per metric (inclusive): far above any provincial show (a 1亿 audience,
 * ¥100亿 GMV) and well inside Number.MAX_SAFE_INTEGER, so a typo of a few extra digits is refused.
 */
export const FIGURE_MAX: Record<FigureMetric, number> = {
	viewers: 100_000_000,
	totalViews: 10_000_000_000,
	gmvFen: 1_000_000_000_000,
	orders: 1_000_000_000,
	newFollowers: 100_000_000,
	likes: 100_000_000_000
};

/** Metrics that only grow during a run (everything but `viewers`). */
export const CUMULATIVE_METRICS = ['totalViews', 'gmvFen', 'orders', 'newFollowers', 'likes'] as const satisfies readonly FigureMetric[];
export type CumulativeMetric = (typeof CUMULATIVE_METRICS)[number];

export const FIGURE_SOURCES = ['manual', 'import'] as const;
/** `manual`: typed by a 场记 during the show; `import`: read from a platform's data export afterwards. */
export type FigureSource = (typeof FIGURE_SOURCES)[number];

/**
 * One reading of one platform's figures at one instant (server clock): what attribution and the
 * report need. The stored checkpoint (contract/figures.ts) has these fields and more.
 */
export interface FigureReading {
	platform: Platform;
	/** Epoch ms, server clock. */
	at: EpochMs;
	source: FigureSource;
	figures: Figures;
	/** Deleted checkpoints are kept in the log and ignored by every computation. */
	deleted?: boolean;
}

/** The name of a metric in a language. */
export function figureMetricName(metric: FigureMetric, locale: 'zh-CN' | 'en'): string {
	return FIGURE_METRIC_NAMES[metric][locale === 'zh-CN' ? 'zh' : 'en'];
}
