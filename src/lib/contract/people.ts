import { z } from 'zod';
import { AMBASSADOR_STATUSES, personInput } from '../core/model';
import { expectedVersion, patchShape } from './fields';

export const personResponse = z.object({
	...personInput.shape,
	id: z.number().int(),
	version: z.number().int(),
	ambassador: z.enum(AMBASSADOR_STATUSES),
	ambassadorNominatedAt: z.number().int().nullable(),
	ambassadorNominatedBy: z.string().nullable(),
	ambassadorAwardedAt: z.number().int().nullable(),
	ambassadorAwardedBy: z.string().nullable(),
	/** Set when the person was archived (kept for the shows that name them). */
	archivedAt: z.number().int().nullable()
});
export type PersonResponse = z.infer<typeof personResponse>;

export const personIdParams = z.strictObject({ id: z.coerce.number().int().positive() });

/** `POST /api/people`: the fields of 附件4 and the person's platforms. */
export const personCreateRequest = personInput;
export type PersonCreateRequest = z.input<typeof personCreateRequest>;

export const personPatchRequest = z.strictObject({ ...patchShape(personInput.shape), expectedVersion: expectedVersion.optional() });
export type PersonPatchRequest = z.input<typeof personPatchRequest>;

export const personListQuery = z.strictObject({
	unit: z.string().max(40).optional(),
	ambassador: z.enum(AMBASSADOR_STATUSES).optional(),
	/** Include archived people. */
	archived: z.enum(['include', 'only']).optional(),
	/** Words in the name, position or introduction. */
	q: z.string().trim().max(100).optional()
});
export type PersonListQuery = z.infer<typeof personListQuery>;

export const personListResponse = z.object({ people: z.array(personResponse) });

/** Nominate, award, revoke, archive, restore. */
export const personActionRequest = z.strictObject({ expectedVersion: expectedVersion.optional() });
