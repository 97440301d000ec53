/** Names of domain codes in the UI language. */
import { PLATFORM_NAMES, type Platform } from '$lib/core/model';
import type { Locale } from '$lib/i18n';

export function platformName(platform: Platform, locale: Locale): string {
	return PLATFORM_NAMES[platform][locale === 'zh-CN' ? 'zh' : 'en'];
}
