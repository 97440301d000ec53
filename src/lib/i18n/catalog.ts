/**
 * Message catalogs, one file per area of the product, merged here. Every message carries both
 * languages, so a missing translation is a type error, not a blank on screen.
 */
import common from './messages/common';
import live from './messages/live';
import shows from './messages/shows';
import type { Message } from './types';

export const catalog = { ...common, ...shows, ...live } as const satisfies Record<string, Message>;
export type MessageKey = keyof typeof catalog;
