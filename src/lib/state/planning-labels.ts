/** Names and colours of planning codes in the UI language. */
import type { NominationStanding } from '$lib/core/planning';
import { PRODUCT_CATEGORY_NAMES, type Catalogue, type ProductCategory, type ProductStatus, type SegmentKind, type ShowStatus } from '$lib/core/model';
import { i18n, type Locale, type MessageKey } from '$lib/i18n';
import { formatShanghai } from '$lib/core/format';
import type { PosterDeadlineState } from '$lib/core/poster/content';
import type { AmendedPart } from '$lib/core/amendment';

export function categoryName(category: ProductCategory, locale: Locale): string {
	if (locale === 'zh-CN') return PRODUCT_CATEGORY_NAMES[category].zh;
	const en = PRODUCT_CATEGORY_NAMES[category].en;
	return en.charAt(0).toUpperCase() + en.slice(1);
}

export function catalogueName(catalogue: Catalogue): string {
	return i18n.t(`catalogue.${catalogue}` as MessageKey);
}

/** A catalogue's short name, for badges in tables (the full name is its title). */
export function catalogueShortName(catalogue: Catalogue): string {
	return i18n.t(`catalogue.short.${catalogue}` as MessageKey);
}

export function segmentKindName(kind: SegmentKind): string {
	return i18n.t(`segment.kind.${kind}` as MessageKey);
}

export function showStatusName(status: ShowStatus): string {
	return i18n.t(`show.status.${status}` as MessageKey);
}

export function productStatusName(status: ProductStatus): string {
	return i18n.t(`product.status.${status}` as MessageKey);
}

/** Badge class of a show status. */
export const SHOW_STATUS_TONE: Record<ShowStatus, string> = { draft: '', reported: 'blue', approved: 'green', live: 'red', ended: 'gold' };
export const PRODUCT_STATUS_TONE: Record<ProductStatus, string> = { candidate: 'blue', selected: 'green', archived: '' };

/** Badge (and card) class of a poster's deadline state. */
export const POSTER_DEADLINE_TONE: Record<PosterDeadlineState, string> = { published: 'green', published_late: 'amber', open: 'blue', due_soon: 'amber', overdue: 'red' };

/** Colour of a unit's nominations against 5–8 (products and progress pages): more than 8 is not an error. */
export const NOMINATION_STANDING_TONE: Record<NominationStanding, string> = { below: 'amber', within: 'green', above: 'blue' };

/** Badge class of a segment kind. */
export const SEGMENT_KIND_TONE: Record<SegmentKind, string> = {
	warmup: 'gold',
	opening: 'red',
	product: 'blue',
	flash_sale: 'red',
	interaction: 'green',
	remote: 'amber',
	closing: 'gold',
	custom: ''
};

/** The changed parts of a reviewed show, in the UI language: "标题、产品与价格". */
export function amendedPartsText(parts: readonly AmendedPart[]): string {
	return parts.map((p) => i18n.t(`amendment.part.${p}` as MessageKey)).join(i18n.locale === 'zh-CN' ? '、' : ', ');
}

/** "by 团省委宣传部 on 2026年12月1日 10:00" */
export function byWhen(who: string | null, when: number | null): string {
	if (when === null) return '';
	return i18n.t('common.byWhen', { who: who ?? '—', when: formatShanghai(when, 'datetime', i18n.locale) });
}
