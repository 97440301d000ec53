/**
 * The session endpoints for `call`, typed as their table entries but holding only their addresses
 * (no zod at run time): for the sign-in page, which must stay light.
 */
import type { EndpointRef } from '../endpoint';
import type { sessionEndpoints } from './session';
import { sessionAddresses } from './session.address';

type Entries = typeof sessionEndpoints;
export const sessionCalls: { [K in keyof Entries]: EndpointRef<Entries[K]> } = sessionAddresses;
