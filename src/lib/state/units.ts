import { unitByCode } from '$lib/core/units';
import type { Locale } from '$lib/i18n';

/** A unit's name in the UI language (the code itself when unknown). */
export function unitName(code: string, locale: Locale): string {
	const unit = unitByCode(code);
	return unit ? (locale === 'zh-CN' ? unit.zh : unit.en) : code;
}
