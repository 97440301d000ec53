/**
 * Message catalogs, one file per area of the product, merged here. Every message carries both
 * languages, so a missing translation is a type error, not a blank on screen.
 */
import common from './messages/common';
import paperwork from './messages/paperwork';
import shows from './messages/shows';
import posters from './messages/posters';
import planning from './messages/planning';
import library from './messages/library';
import type { Message } from './types';

export const catalog = { ...common, ...shows, ...posters, ...planning, ...library, ...paperwork } as const satisfies Record<string, Message>;
export type MessageKey = keyof typeof catalog;
