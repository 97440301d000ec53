import { describe, expect, it } from 'vitest';
import { formatFigure, parseFigureLine, type FigureLineErrorCode } from '../../../src/lib/core/figures/line';

const ok = (line: string) => {
	const result = parseFigureLine(line);
	if (!result.ok) throw new Error(`${line}: ${result.code} ${result.message}`);
	return result;
};
const refused = (line: string, code: FigureLineErrorCode, marked: string) => {
	const result = parseFigureLine(line);
	expect(result).toMatchObject({ ok: false, code });
	if (!result.ok) expect(line.slice(result.start, result.end)).toBe(marked);
};

describe('the figures line', () => {
	it('reads labelled lines in Chinese and English, any order, any subset', () => {
		expect(ok('在线 1234 累计 5.6万 成交 12345.5 订单 88 粉丝 30 赞 1.2万')).toEqual({
			ok: true,
			form: 'labelled',
			figures: { viewers: 1234, totalViews: 56_000, gmvFen: 1_234_550, orders: 88, newFollowers: 30, likes: 12_000 }
		});
		expect(ok('viewers 1234 views 56000 gmv 12345.5 orders 88 fans 30 likes 12000').figures).toEqual({
			viewers: 1234,
			totalViews: 56_000,
			gmvFen: 1_234_550,
			orders: 88,
			newFollowers: 30,
			likes: 12_000
		});
		expect(ok('赞：3.4w，在线=1,234；成交:¥12,345.50').figures).toEqual({ likes: 34_000, viewers: 1234, gmvFen: 1_234_550 });
		expect(ok('在线1234人 订单88单 成交1.2万元').figures).toEqual({ viewers: 1234, orders: 88, gmvFen: 1_200_000 });
		expect(ok('  Online 1.5k  ').figures).toEqual({ viewers: 1500 });
		expect(ok('在线 １２３４').figures).toEqual({ viewers: 1234 });
		expect(ok('在线 - 订单 5').figures).toEqual({ orders: 5 });
	});

	it('reads positional lines in the fixed order, - and _ skipping one', () => {
		expect(ok('1234 56000 12345.5 88 30 12000')).toEqual({
			ok: true,
			form: 'positional',
			figures: { viewers: 1234, totalViews: 56_000, gmvFen: 1_234_550, orders: 88, newFollowers: 30, likes: 12_000 }
		});
		expect(ok('1234 - ¥99.9').figures).toEqual({ viewers: 1234, gmvFen: 9990 });
		expect(ok('_ _ _ 7').figures).toEqual({ orders: 7 });
		expect(ok('1.2万，5.6万').figures).toEqual({ viewers: 12_000, totalViews: 56_000 });
		// A comma before three digits groups thousands.
		expect(ok('1,234 5,678').figures).toEqual({ viewers: 1234, totalViews: 5678 });
	});

	it('refuses bad lines with a code and the span to mark', () => {
		refused('', 'FIGURE_LINE_EMPTY', '');
		refused(' - _ ', 'FIGURE_LINE_EMPTY', ' - _ ');
		refused('在线 1234 观众 5', 'FIGURE_UNKNOWN_LABEL', '观众');
		refused('在线 12.5', 'FIGURE_BAD_NUMBER', '12.5');
		refused('在线 -5', 'FIGURE_BAD_NUMBER', '-5');
		refused('订单 ¥5', 'FIGURE_BAD_NUMBER', '¥5');
		refused('成交 1.005', 'FIGURE_BAD_NUMBER', '1.005');
		refused('赞 1.23456万', 'FIGURE_BAD_NUMBER', '1.23456万');
		refused('1 2 3 4 5 6 7', 'FIGURE_TOO_MANY_VALUES', '7');
		refused('在线 1234 累计', 'FIGURE_MISSING_VALUE', '累计');
		refused('在线 累计 5', 'FIGURE_MISSING_VALUE', '在线');
		refused('在线 1234 5678', 'FIGURE_MISSING_LABEL', '5678');
		refused('1234 累计 5', 'FIGURE_MIXED_FORMS', '累计');
		refused('在线 1 viewers 2', 'FIGURE_DUPLICATE_LABEL', 'viewers');
		refused('在线 2亿', 'FIGURE_UNKNOWN_LABEL', '亿');
		refused('在线 100000001', 'FIGURE_TOO_LARGE', '100000001');
		refused('在线 #3', 'FIGURE_UNKNOWN_LABEL', '#');
		expect(parseFigureLine('在线 100000000')).toMatchObject({ ok: true, figures: { viewers: 100_000_000 } });
	});
});

describe('formatting a figure', () => {
	it('is compact with one decimal in both languages, and money in yuan with two decimals', () => {
		expect(formatFigure('viewers', 9999, 'zh-CN')).toBe('9999');
		expect(formatFigure('viewers', 12_345, 'zh-CN')).toBe('1.2万');
		expect(formatFigure('viewers', 20_000, 'zh-CN')).toBe('2万');
		expect(formatFigure('likes', 99_999_999, 'zh-CN')).toBe('1亿');
		expect(formatFigure('likes', 350_000_000, 'zh-CN')).toBe('3.5亿');
		expect(formatFigure('viewers', 999, 'en')).toBe('999');
		expect(formatFigure('viewers', 12_345, 'en')).toBe('12.3k');
		expect(formatFigure('viewers', 999_999, 'en')).toBe('1M');
		expect(formatFigure('totalViews', 1_500_000, 'en')).toBe('1.5M');
		expect(formatFigure('gmvFen', 1_234_550, 'zh-CN')).toBe('¥12,345.50');
		expect(formatFigure('gmvFen', 5, 'en')).toBe('¥0.05');
	});
});
