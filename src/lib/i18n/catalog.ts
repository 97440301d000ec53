/**
 * Message catalogs, one file per area of the product, merged here. Every message carries both
 * languages, so a missing translation is a type error, not a blank on screen.
 */
import common from './messages/common';
import figures from './messages/figures';
import library from './messages/library';
import live from './messages/live';
import paperwork from './messages/paperwork';
import planning from './messages/planning';
import posters from './messages/posters';
import screens from './messages/screens';
import shows from './messages/shows';
import tls from './messages/tls';
import wall from './messages/wall';
import type { Message } from './types';

export const catalog = { ...common, ...shows, ...planning, ...library, ...posters, ...paperwork, ...live, ...screens, ...figures, ...tls, ...wall } as const satisfies Record<string, Message>;
export type MessageKey = keyof typeof catalog;
