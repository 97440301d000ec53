import { z } from 'zod';
import { unitCode } from '../core/model';

export const accountResponse = z.object({
	id: z.number().int(),
	username: z.string(),
	displayName: z.string(),
	role: z.enum(['admin', 'coordinator']),
	unitCode: z.string(),
	scope: z.enum(['province', 'city']),
	createdAt: z.number().int(),
	disabledAt: z.number().int().nullable()
});
export type AccountResponse = z.infer<typeof accountResponse>;

export const accountListResponse = z.object({ accounts: z.array(accountResponse) });

export const accountIdParams = z.strictObject({ id: z.coerce.number().int().positive() });

const username = z
	.string()
	.trim()
	.min(3)
	.max(32)
	.regex(/^[a-z0-9][a-z0-9._-]*$/);
const password = z.string().min(8).max(256);

/** `POST /api/accounts` (administrators): a coordinator account bound to one unit. */
export const accountCreateRequest = z.strictObject({
	username,
	displayName: z.string().trim().min(1).max(50),
	unitCode,
	password,
	/** Administrators manage accounts; only a province account can be one. */
	role: z.enum(['admin', 'coordinator']).default('coordinator')
});
export type AccountCreateRequest = z.input<typeof accountCreateRequest>;

/** `PATCH /api/accounts/:id`: rename, move to another unit, set a new password, disable or enable. */
export const accountPatchRequest = z.strictObject({
	displayName: z.string().trim().min(1).max(50).optional(),
	unitCode: unitCode.optional(),
	password: password.optional(),
	disabled: z.boolean().optional()
});
export type AccountPatchRequest = z.input<typeof accountPatchRequest>;
