/**
 * The UI language: Simplified Chinese by default, English on request, remembered per browser.
 * `t()` reads the reactive locale, so markup that calls it re-renders when the language changes.
 */
import type { FieldIssue } from '$lib/contract/errors';
import { catalog, type MessageKey } from './catalog';
import { LOCALES, type Locale } from './types';

const STORAGE_KEY = 'showcall.locale';

function interpolate(text: string, params?: Record<string, string | number>): string {
	if (!params) return text;
	return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

class I18n {
	#locale = $state<Locale>('zh-CN');

	constructor() {
		if (typeof localStorage !== 'undefined') {
			const saved = localStorage.getItem(STORAGE_KEY);
			if (saved && (LOCALES as readonly string[]).includes(saved)) this.#locale = saved as Locale;
		}
		this.#apply();
	}

	get locale(): Locale {
		return this.#locale;
	}

	set locale(locale: Locale) {
		this.#locale = locale;
		if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, locale);
		this.#apply();
	}

	toggle() {
		this.locale = this.#locale === 'zh-CN' ? 'en' : 'zh-CN';
	}

	t(key: MessageKey, params?: Record<string, string | number>): string {
		const message = catalog[key];
		return interpolate(message[this.#locale === 'zh-CN' ? 0 : 1], params);
	}

	/** The colon after a label: full-width in Chinese (标签：值), ": " in English. */
	get colon(): string {
		return this.#locale === 'zh-CN' ? '：' : ': ';
	}

	/** A message by a key built at run time (an error code, say); `fallback` when there is none. */
	tryT(key: string, fallback: string, params?: Record<string, string | number>): string {
		return key in catalog ? this.t(key as MessageKey, params) : fallback;
	}

	/** The user's-language text of an API error code. */
	error(code: string, fallback: string): string {
		return this.tryT(`error.${code}`, fallback);
	}

	/** The user's-language text of a field issue from a VALIDATION error. */
	field(issue: FieldIssue): string {
		const params = (issue.params ?? {}) as Record<string, string | number>;
		const specific = issue.params?.format ?? issue.params?.origin;
		if (specific !== undefined && `field.${issue.code}.${specific}` in catalog) return this.t(`field.${issue.code}.${specific}` as MessageKey, params);
		return this.tryT(`field.${issue.code}`, issue.message, params);
	}

	#apply() {
		if (typeof document !== 'undefined') document.documentElement.lang = this.#locale;
	}
}

export const i18n = new I18n();
