export { catalog, type MessageKey } from './catalog';
export { LOCALES, type Locale } from './types';
export { i18n } from './i18n.svelte';
