import { z } from 'zod';

/** `GET /api/units`: the province and its cities. */
export const unitListResponse = z.object({
	units: z.array(z.object({ code: z.string(), kind: z.enum(['province', 'city']), nameZh: z.string(), nameEn: z.string() }))
});
export type UnitListResponse = z.infer<typeof unitListResponse>;

/** `{ ok: true }`: health, sign-out, a password changed. */
export const okResponse = z.object({ ok: z.literal(true) });
