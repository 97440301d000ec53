/** One message in both languages: [简体中文, English]. Placeholders are `{name}`. */
export type Message = readonly [zh: string, en: string];
export type Messages = Record<string, Message>;
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
