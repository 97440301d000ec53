/**
 * Order exports as the shops' back offices give them (抖店 订单导出, 快手小店 订单导出, 淘宝/千牛 订单报表),
 * read into orders, cumulative GMV and order counts per minute, and totals per product. Pure: input
 * is rows of cells (from exceljs or `parseCsv`), no I/O.
 *
 * What a real export holds, and how it is read:
 * - Several rows per order (one per sub-order / item): rows are grouped by 主订单编号 / 订单号; a
 *   second row with the same 子订单编号 (or an identical row when there is none) is a duplicate.
 * - Order numbers written as text with a leading tab, `'` or `="…"` (to stop Excel from rounding
 *   them) are cleaned; a number in scientific notation (6.92E+18, or any number of 16+ digits) has
 *   lost its last digits in Excel: such a row is counted as an order of its own and flagged.
 * - Amounts: 实付金额/买家实付, else 订单应付金额, else 商品金额, else 单价 × 数量. An order-level
 *   column repeated on each row of an order (the same value on every row) is taken once when that is
 *   closer to the rows' item amounts than its sum (or when there are no item amounts); differing
 *   values are per row and added up.
 * - Status: every 订单状态 and 售后状态 wording maps to unpaid, paid, shipped, completed, closed,
 *   after-sale, partial refund or refunded. A paid order that is closed (淘宝 交易关闭 after payment)
 *   or whose rows are all refunded is refunded in full; 退款金额 nets partial refunds.
 * - Times: 支付时间/付款时间 (an empty one for an unpaid order is normal); a paid order without one
 *   uses 下单时间 and is flagged.
 * Checkpoints count paid orders only, at their payment minute, excluding orders refunded in full
 * (counted apart) and netting partial refunds; both figures are cumulative from the first order.
 */
import {
	MAX_EXPORT_ROWS,
	exportCellText,
	exportIssue,
	findExportHeader,
	isBlankFigure,
	normalizeExportHeader,
	parseExportCount,
	parseExportFen,
	parseExportTime,
	plainExportCell,
	type ExportColumn,
	type ExportIssue
} from './export-cells';
import type { ExportCheckpoint } from './exports';

type OrderColumnKey =
	| 'orderId'
	| 'subOrderId'
	| 'status'
	| 'afterSale'
	| 'createdAt'
	| 'paidAt'
	| 'title'
	| 'productId'
	| 'skuCode'
	| 'unitPrice'
	| 'quantity'
	| 'itemAmount'
	| 'payable'
	| 'paid'
	| 'refund';

/** Header words of each column, most preferred first; compared as the minute data's headers are. */
export const ORDER_EXPORT_HEADERS: Readonly<Record<OrderColumnKey, readonly string[]>> = {
	orderId: ['主订单编号', '订单编号', '订单号', '订单ID', '父订单编号', '主订单号', '订单id'],
	subOrderId: ['子订单编号', '子订单号', '子订单ID', '商品订单号'],
	status: ['订单状态', '交易状态', '状态', '子订单状态'],
	afterSale: ['售后状态', '退款状态', '售后类型及状态'],
	createdAt: ['下单时间', '订单提交时间', '订单创建时间', '创建时间', '订单下单时间'],
	paidAt: ['支付完成时间', '支付时间', '付款时间', '订单付款时间', '买家付款时间'],
	title: ['选购商品', '商品名称', '商品标题', '宝贝标题', '商品'],
	productId: ['商品ID', '商品编号', '宝贝ID', '商品Id'],
	skuCode: ['商家编码', '商品编码', '商家SKU编码', 'SKU编码', '外部编码', '商家外部编码', '商品商家编码'],
	unitPrice: ['商品单价', '单价', '宝贝单价', '价格'],
	quantity: ['商品数量', '购买数量', '数量', '宝贝数量', '成交数量', '宝贝总数量'],
	itemAmount: ['商品金额', '商品总价', '商品总金额', '商品小计'],
	payable: ['订单应付金额', '应付金额', '订单金额', '总金额', '订单总金额'],
	paid: ['实付金额', '买家实付', '买家实际支付金额', '实际支付金额', '买家实付金额', '实付款', '支付金额', '实收款'],
	refund: ['退款金额', '已退款金额', '买家退款金额', '退款总金额']
};

export type OrderStatusClass = 'unpaid' | 'paid' | 'shipped' | 'completed' | 'closed' | 'afterSale' | 'partialRefund' | 'refunded' | 'none';

const STATUS_WORDS: readonly [OrderStatusClass, readonly string[]][] = [
	['unpaid', ['待支付', '待付款', '等待买家付款', '未付款', '未支付', '待买家付款']],
	['paid', ['已支付', '待发货', '买家已付款', '等待卖家发货', '已付款', '备货中', '待配货', '部分发货', '待成团', '已付款待发货', '买家已付款，等待卖家发货', '买家已付款,等待卖家发货']],
	['shipped', ['已发货', '卖家已发货', '等待买家确认收货', '待收货', '已揽收', '运输中', '派送中', '已发货待签收', '卖家已发货，等待买家确认', '卖家已发货，等待买家确认收货']],
	['completed', ['已完成', '交易成功', '已签收', '已收货', '交易完成', '订单完成']],
	['closed', ['已关闭', '交易关闭', '已取消', '订单关闭', '交易取消', '订单已取消', '取消']],
	['afterSale', ['售后中', '退款中', '申请退款', '退货中', '退款申请中', '待商家处理', '待买家退货', '售后处理中', '退货退款中']],
	['partialRefund', ['部分退款', '部分退款成功', '部分退款完成']],
	['refunded', ['退款成功', '已退款', '全额退款', '退款完成', '退货退款成功', '已全额退款']],
	['none', ['无', '无售后', '售后关闭', '退款关闭', '撤销退款', '售后已取消', '售后取消', '退款已撤销', '未申请']]
];

/** The class of an order or after-sale status as written; null when unknown. Blank is 'none'. */
export function orderStatusClass(text: string): OrderStatusClass | null {
	if (isBlankFigure(text)) return 'none';
	const t = normalizeExportHeader(text).full;
	for (const [cls, words] of STATUS_WORDS) if (words.some((w) => normalizeExportHeader(w).full === t)) return cls;
	return null;
}

const PAID_CLASSES: ReadonlySet<OrderStatusClass> = new Set(['paid', 'shipped', 'completed', 'afterSale', 'partialRefund', 'refunded']);

/** What became of an order. */
export type OrderOutcome = 'unpaid' | 'cancelled' | 'paid' | 'afterSale' | 'partiallyRefunded' | 'refunded';

export interface ExportOrderItem {
	row: number;
	subOrderId: string | null;
	/** Raw identifiers and title, for the caller to match to the show's products. */
	productId: string | null;
	skuCode: string | null;
	title: string | null;
	quantity: number;
	/** This item's share of what the buyer paid, fen. */
	paidFen: number;
	refundFen: number;
	/** paidFen − refundFen. */
	netFen: number;
}

export interface ExportOrder {
	/** The order number as text; '#<row>' for a row whose number lost its digits. */
	orderId: string;
	idPrecisionLost: boolean;
	/** Status as written on its first row, and the after-sale status when the file has one. */
	status: string;
	outcome: OrderOutcome;
	paid: boolean;
	/** Epoch ms, or null. */
	createdAt: number | null;
	/** Epoch ms of payment (下单时间 when a paid order has none); null when unpaid or unknown. */
	paidAt: number | null;
	/** Paid by the buyer, fen (0 when unpaid). */
	paidFen: number;
	refundFen: number;
	/** paidFen − refundFen, never below 0. */
	netFen: number;
	items: ExportOrderItem[];
}

export interface ProductTotal {
	productId: string | null;
	skuCode: string | null;
	title: string | null;
	/** Paid orders (not refunded in full) holding the product. */
	orders: number;
	units: number;
	netFen: number;
}

export interface OrderExportSummary {
	/** Distinct orders (rows with a lost order number count one each). */
	orders: number;
	paid: number;
	unpaid: number;
	cancelled: number;
	afterSale: number;
	partiallyRefunded: number;
	/** Paid, then refunded in full: left out of the checkpoints and product totals. */
	refunded: number;
	/** Rows whose order number lost its digits (each counted as an order). */
	precisionLostRows: number;
	paidFen: number;
	refundFen: number;
	netFen: number;
}

export interface OrderExportOptions {
	/** The show's date ('YYYY-MM-DD', Asia/Shanghai), for times written without a date or year. */
	showDate: string | null;
	/** Count only orders paid in [from, to) (epoch ms) into the checkpoints and product totals; the whole file when absent. */
	window?: { from: number; to: number };
}

export type OrderExport =
	| {
			ok: true;
			headerRow: number;
			/** Which column was read for what. */
			columns: Partial<Record<OrderColumnKey, ExportColumn>>;
			ignored: ExportColumn[];
			orders: ExportOrder[];
			/** Cumulative net GMV (fen) and paid orders at each minute with a payment, minute start. */
			checkpoints: ExportCheckpoint[];
			products: ProductTotal[];
			summary: OrderExportSummary;
			issues: ExportIssue[];
	  }
	| { ok: false; issues: ExportIssue[] };

interface OrderRow {
	row: number;
	subOrderId: string | null;
	statusText: string;
	cls: OrderStatusClass;
	afterSaleText: string;
	createdAt: number | null;
	paidAt: number | null;
	title: string | null;
	productId: string | null;
	skuCode: string | null;
	quantity: number;
	/** Item amount: 商品金额, else 单价 × 数量. */
	amount: number | null;
	payable: number | null;
	paid: number | null;
	refund: number | null;
}

/** An identifier cell cleaned of the back office's encodings; lost when Excel rounded it. */
export function readOrderId(cell: unknown): { id: string; lost: boolean } | null {
	const v = plainExportCell(cell);
	if (typeof v === 'number') {
		if (!Number.isFinite(v)) return null;
		// Excel keeps 15 significant digits: a 16+ digit number is rounded already.
		const lost = !Number.isSafeInteger(v) || Math.abs(v) >= 1e15;
		return { id: lost ? v.toExponential().toUpperCase() : String(v), lost };
	}
	let t = exportCellText(cell);
	const quotedFormula = /^=\s*"(.*)"$/.exec(t);
	if (quotedFormula) t = quotedFormula[1];
	t = t.replace(/^[\s'`‘’]+|[\s'`‘’]+$/g, '');
	if (t === '' || isBlankFigure(t)) return null;
	if (/^\d+(\.\d+)?e\+?\d+$/i.test(t)) return { id: t.toUpperCase(), lost: true };
	return { id: t, lost: false };
}

function text(cell: unknown): string | null {
	const t = readOrderId(cell);
	return t === null ? null : t.id;
}

/**
 * Reads an order export. Fails (ok: false) only when no header with an order number and an amount
 * is found or the file is too long; the rest are issues by row and column.
 */
export function parseOrderExport(grid: readonly (readonly unknown[])[], options: OrderExportOptions): OrderExport {
	const header = findExportHeader(grid, ORDER_EXPORT_HEADERS, (found) => found.has('orderId') && (found.has('paid') || found.has('payable') || found.has('itemAmount') || found.has('unitPrice')));
	if (!header) return { ok: false, issues: [exportIssue('NO_HEADER', null, null, { needs: '「订单编号」列和金额列（如实付金额、订单应付金额）', needsEn: 'an order number column and an amount such as 实付金额 or 订单应付金额' })] };
	if (grid.length - header.index - 1 > MAX_EXPORT_ROWS) return { ok: false, issues: [exportIssue('TOO_MANY_ROWS', null, null, { max: MAX_EXPORT_ROWS })] };
	const col = header.columns;
	const columns: Partial<Record<OrderColumnKey, ExportColumn>> = {};
	for (const [key, c] of Object.entries(col) as [OrderColumnKey, ExportColumn][]) columns[key] = { header: c.header, index: c.index, letter: c.letter };
	const issues: ExportIssue[] = [];

	// Rows, grouped by order in file order.
	const groups = new Map<string, { id: string; lost: boolean; rows: OrderRow[]; seen: Map<string, number> }>();
	let precisionLostRows = 0;
	for (let r = header.index + 1; r < grid.length; r++) {
		const cells = grid[r] ?? [];
		const rowNumber = r + 1;
		if (cells.every((c) => exportCellText(c) === '')) continue;
		const cell = (key: OrderColumnKey) => (col[key] ? cells[col[key]!.index] : undefined);
		const orderId = readOrderId(cell('orderId'));
		if (orderId === null) {
			if (!/^(合计|总计|汇总|说明|注[:：]|备注)/.test(exportCellText(cells[0]))) issues.push(exportIssue('MISSING_ORDER_ID', rowNumber, col.orderId!));
			continue;
		}
		if (orderId.lost) {
			precisionLostRows++;
			issues.push(exportIssue('ORDER_ID_PRECISION_LOST', rowNumber, col.orderId!, { value: orderId.id }));
		}
		const key = orderId.lost ? `#${rowNumber}` : orderId.id;
		const statusText = exportCellText(cell('status'));
		const afterSaleText = exportCellText(cell('afterSale'));
		let cls = col.status ? orderStatusClass(statusText) : 'none';
		if (cls === null) {
			issues.push(exportIssue('UNKNOWN_STATUS', rowNumber, col.status!, { value: statusText }));
			cls = 'unpaid';
		}
		const afterSale = col.afterSale ? orderStatusClass(afterSaleText) : 'none';
		if (afterSale === null) issues.push(exportIssue('UNKNOWN_STATUS', rowNumber, col.afterSale!, { value: afterSaleText }));
		// An after-sale status says what happened to a paid item; it wins over 已完成 / 待发货.
		if (afterSale === 'afterSale' || afterSale === 'partialRefund' || afterSale === 'refunded') cls = afterSale;

		const time = (k: 'createdAt' | 'paidAt'): number | null => {
			const c = cell(k);
			if (isBlankFigure(exportCellText(c))) return null;
			const t = parseExportTime(c, options.showDate);
			if (t?.kind === 'instant') return t.at;
			issues.push(exportIssue('INVALID_TIME', rowNumber, col[k]!, { value: exportCellText(c) }, 'warning'));
			return null;
		};
		const money = (k: 'unitPrice' | 'itemAmount' | 'payable' | 'paid' | 'refund'): number | null => {
			const c = cell(k);
			if (isBlankFigure(exportCellText(c))) return null;
			const fen = parseExportFen(c, col[k]!.wan);
			if (fen === null) issues.push(exportIssue('INVALID_AMOUNT', rowNumber, col[k]!, { value: exportCellText(c) }));
			return fen;
		};
		let quantity = 1;
		if (col.quantity && !isBlankFigure(exportCellText(cell('quantity')))) {
			const q = parseExportCount(cell('quantity'));
			if (q === null || q === 0) issues.push(exportIssue('INVALID_QUANTITY', rowNumber, col.quantity, { value: exportCellText(cell('quantity')) }));
			else quantity = q;
		}
		const unitPrice = money('unitPrice');
		const itemAmount = money('itemAmount');
		const row: OrderRow = {
			row: rowNumber,
			subOrderId: text(cell('subOrderId')),
			statusText,
			cls,
			afterSaleText,
			createdAt: time('createdAt'),
			paidAt: time('paidAt'),
			title: text(cell('title')),
			productId: text(cell('productId')),
			skuCode: text(cell('skuCode')),
			quantity,
			amount: itemAmount ?? (unitPrice === null ? null : unitPrice * quantity),
			payable: money('payable'),
			paid: money('paid'),
			refund: money('refund')
		};
		let group = groups.get(key);
		if (!group) groups.set(key, (group = { id: orderId.id, lost: orderId.lost, rows: [], seen: new Map() }));
		// A sub-order listed twice, or (without sub-order numbers) the very same row twice.
		const rowKey = row.subOrderId ?? cells.map((c) => exportCellText(c)).join('\u0000');
		const first = group.seen.get(rowKey);
		if (first !== undefined) {
			issues.push(exportIssue('DUPLICATE_ROW', rowNumber, col.subOrderId ?? null, { firstRow: first }));
			continue;
		}
		group.seen.set(rowKey, rowNumber);
		group.rows.push(row);
	}

	const orders: ExportOrder[] = [];
	for (const [key, group] of groups) orders.push(readOrder(key, group.lost, group.rows, col, issues));

	const summary: OrderExportSummary = { orders: orders.length, paid: 0, unpaid: 0, cancelled: 0, afterSale: 0, partiallyRefunded: 0, refunded: 0, precisionLostRows, paidFen: 0, refundFen: 0, netFen: 0 };
	for (const o of orders) {
		if (o.outcome === 'unpaid' || o.outcome === 'cancelled') summary[o.outcome]++;
		else {
			summary.paid++;
			if (o.outcome !== 'paid') summary[o.outcome]++;
		}
		summary.paidFen += o.paidFen;
		summary.refundFen += o.refundFen;
		summary.netFen += o.netFen;
	}

	const counted = orders.filter((o) => o.paid && o.outcome !== 'refunded' && (!options.window || (o.paidAt !== null && o.paidAt >= options.window.from && o.paidAt < options.window.to)));
	issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
	return {
		ok: true,
		headerRow: header.index + 1,
		columns,
		ignored: header.ignored,
		orders,
		checkpoints: minuteCheckpoints(counted),
		products: productTotals(counted),
		summary,
		issues
	};
}

function readOrder(key: string, lost: boolean, rows: OrderRow[], col: Partial<Record<OrderColumnKey, ExportColumn>>, issues: ExportIssue[]): ExportOrder {
	const first = rows[0];
	const classes = rows.map((r) => r.cls);
	const paidAtAny = rows.some((r) => r.paidAt !== null);
	// Without a status column, a payment time is what says an order was paid.
	const paid = classes.some((c) => PAID_CLASSES.has(c)) || (paidAtAny && !classes.some((c) => c !== 'closed' && c !== 'none'));
	if (paid && classes.some((c) => c === 'unpaid')) {
		issues.push(exportIssue('CONFLICTING_STATUS', first.row, col.status ?? null, { order: key, statuses: [...new Set(rows.map((r) => r.statusText))].join('、') }));
	}
	const minOf = (values: (number | null)[]) => values.reduce<number | null>((m, v) => (v === null ? m : m === null ? v : Math.min(m, v)), null);
	const createdAt = minOf(rows.map((r) => r.createdAt));
	let paidAt = paid ? minOf(rows.map((r) => r.paidAt)) : null;
	if (paid && paidAt === null) {
		issues.push(exportIssue('PAID_WITHOUT_TIME', first.row, col.paidAt ?? null));
		paidAt = createdAt;
	}

	// What each item cost the buyer: a per-row amount, or the order's total shared by item amounts.
	const orderValue = (pick: (r: OrderRow) => number | null): { perOrder: number } | { perRow: (number | null)[] } | null => {
		const values = rows.map(pick);
		const known = values.filter((v): v is number => v !== null);
		if (known.length === 0) return null;
		if (rows.length > 1 && known.length === rows.length && known.every((v) => v === known[0])) {
			const amounts = rows.map((r) => r.amount);
			if (amounts.some((a) => a === null)) return { perOrder: known[0] };
			const itemTotal = amounts.reduce<number>((s, a) => s + a!, 0);
			return Math.abs(known[0] - itemTotal) <= Math.abs(known[0] * rows.length - itemTotal) ? { perOrder: known[0] } : { perRow: values };
		}
		return { perRow: values };
	};
	const weights = rows.map((r) => r.amount ?? r.quantity);
	const paidValue = orderValue((r) => r.paid) ?? orderValue((r) => r.payable);
	const itemPaid: number[] = !paid
		? rows.map(() => 0)
		: paidValue === null
			? rows.map((r) => r.amount ?? 0)
			: 'perOrder' in paidValue
				? share(paidValue.perOrder, weights)
				: paidValue.perRow.map((v, i) => v ?? rows[i].amount ?? 0);
	const orderPaid = itemPaid.reduce((s, v) => s + v, 0);

	// Refunds: a refunded (or, once paid, closed) item gives back all it cost; 退款金额 beyond that is shared out.
	const refundedItem = rows.map((r) => paid && (r.cls === 'refunded' || r.cls === 'closed'));
	const itemRefund = itemPaid.map((p, i) => (refundedItem[i] ? p : 0));
	const refundValue = paid ? orderValue((r) => r.refund) : null;
	if (refundValue !== null) {
		if ('perOrder' in refundValue) {
			const extra = refundValue.perOrder - itemRefund.reduce((s, v) => s + v, 0);
			if (extra > 0) {
				const open = itemPaid.map((p, i) => (refundedItem[i] ? 0 : p));
				share(extra, open).forEach((v, i) => (itemRefund[i] += v));
			}
		} else
			refundValue.perRow.forEach((v, i) => {
				if (v !== null && !refundedItem[i]) itemRefund[i] = v;
			});
	}
	const refundAsked = itemRefund.reduce((s, v) => s + v, 0);
	if (refundAsked > orderPaid && paid) issues.push(exportIssue('REFUND_EXCEEDS_PAID', first.row, col.refund ?? null, { refund: yuan(refundAsked), paid: yuan(orderPaid) }));
	itemRefund.forEach((v, i) => (itemRefund[i] = Math.min(v, itemPaid[i])));
	const refundFen = Math.min(refundAsked, orderPaid);
	const fullRefund = paid && (refundedItem.every(Boolean) || (orderPaid > 0 && refundAsked >= orderPaid));

	let outcome: OrderOutcome;
	if (!paid) outcome = classes.some((c) => c === 'closed') ? 'cancelled' : 'unpaid';
	else if (fullRefund) outcome = 'refunded';
	else if (refundFen > 0 || classes.includes('partialRefund')) outcome = 'partiallyRefunded';
	else if (classes.includes('afterSale')) outcome = 'afterSale';
	else outcome = 'paid';

	const items: ExportOrderItem[] = rows.map((r, i) => {
		const refund = fullRefund ? itemPaid[i] : itemRefund[i];
		return { row: r.row, subOrderId: r.subOrderId, productId: r.productId, skuCode: r.skuCode, title: r.title, quantity: r.quantity, paidFen: itemPaid[i], refundFen: refund, netFen: itemPaid[i] - refund };
	});
	const paidFen = paid ? orderPaid : 0;
	const refund = fullRefund ? paidFen : refundFen;
	return {
		orderId: key,
		idPrecisionLost: lost,
		status: first.afterSaleText && col.afterSale && !isBlankFigure(first.afterSaleText) ? `${first.statusText}（${first.afterSaleText}）` : first.statusText,
		outcome,
		paid,
		createdAt,
		paidAt,
		paidFen,
		refundFen: refund,
		netFen: paidFen - refund,
		items
	};
}

/** `total` shared by weights, whole fen, the remainder to the largest shares (so the parts add up to the total). */
function share(total: number, weights: readonly number[]): number[] {
	const sum = weights.reduce((s, w) => s + Math.max(0, w), 0);
	const w = sum > 0 ? weights.map((x) => Math.max(0, x)) : weights.map(() => 1);
	const wSum = sum > 0 ? sum : weights.length;
	const exact = w.map((x) => (total * x) / wSum);
	const parts = exact.map(Math.floor);
	let rest = total - parts.reduce((s, v) => s + v, 0);
	const order = exact.map((e, i) => [e - parts[i], i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
	for (let k = 0; rest > 0 && order.length > 0; k = (k + 1) % order.length, rest--) parts[order[k][1]]++;
	return parts;
}

function yuan(fen: number): string {
	return `¥${(fen / 100).toFixed(2)}`;
}

/** Cumulative net GMV and paid orders, one checkpoint per minute with a payment, at the minute's start. */
function minuteCheckpoints(orders: readonly ExportOrder[]): ExportCheckpoint[] {
	const timed = orders.filter((o) => o.paidAt !== null).sort((a, b) => a.paidAt! - b.paidAt!);
	const out: ExportCheckpoint[] = [];
	let gmvFen = 0;
	let count = 0;
	for (const o of timed) {
		// Shanghai is a whole number of hours from UTC: a UTC minute is a Shanghai minute.
		const minute = Math.floor(o.paidAt! / 60_000) * 60_000;
		gmvFen += o.netFen;
		count++;
		const last = out[out.length - 1];
		if (last && last.at === minute) last.figures = { gmvFen, orders: count };
		else out.push({ at: minute, figures: { gmvFen, orders: count } });
	}
	return out;
}

/** Per product (by 商品ID, else 商家编码, else title): paid orders holding it, units and net GMV of its items not refunded. */
function productTotals(orders: readonly ExportOrder[]): ProductTotal[] {
	const totals = new Map<string, ProductTotal & { seen: Set<ExportOrder> }>();
	for (const o of orders)
		for (const item of o.items) {
			if (item.paidFen > 0 && item.refundFen >= item.paidFen) continue;
			const key = item.productId ? `id:${item.productId}` : item.skuCode ? `sku:${item.skuCode}` : `title:${item.title ?? ''}`;
			let t = totals.get(key);
			if (!t) totals.set(key, (t = { productId: item.productId, skuCode: item.skuCode, title: item.title, orders: 0, units: 0, netFen: 0, seen: new Set() }));
			if (!t.seen.has(o)) {
				t.seen.add(o);
				t.orders++;
			}
			t.units += item.quantity;
			t.netFen += item.netFen;
		}
	return [...totals.values()].map(({ seen: _seen, ...t }) => t).sort((a, b) => b.netFen - a.netFen);
}
