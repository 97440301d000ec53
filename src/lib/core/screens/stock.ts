/** The producer's live-stock field: what a person types, to a stock figure or a reason it is not one. */
import { MAX_STOCK } from '../model';

export type StockIssue = 'empty' | 'invalid' | 'negative' | 'too_big' | 'no_current';
export type StockParse = { ok: true; stock: number } | { ok: false; issue: StockIssue };

/**
 * `80`, `８０`, `1,200`, `1200件` set the figure; `+20` / `-5` change the current one (`current`
 * is the stock the screen shows, null when none is known). Whole numbers from 0 to MAX_STOCK.
 */
export function parseStockInput(input: string, current: number | null): StockParse {
	const s = input
		.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
		.replace(/[＋]/g, '+')
		.replace(/[－−–—]/g, '-')
		.replace(/[，,\s]/g, '')
		.replace(/(件|个|份|箱|盒|罐|袋)$/, '');
	if (!s) return { ok: false, issue: 'empty' };
	const m = /^([+-]?)(\d+)$/.exec(s);
	if (!m) return { ok: false, issue: 'invalid' };
	const n = Number(m[2]);
	let stock: number;
	if (m[1]) {
		if (current === null) return { ok: false, issue: 'no_current' };
		stock = current + (m[1] === '-' ? -n : n);
	} else stock = n;
	if (stock < 0) return { ok: false, issue: 'negative' };
	if (stock > MAX_STOCK || !Number.isSafeInteger(stock)) return { ok: false, issue: 'too_big' };
	return { ok: true, stock };
}
