import { z } from 'zod';

const link = z.object({ token: z.string(), url: z.string() });

/** `GET /api/shows/:id/links`: the producer and host links of a show, for its coordinators. */
export const showLinksResponse = z.object({ producer: link, host: link });
export type ShowLinksResponse = z.infer<typeof showLinksResponse>;

export const rotateLinkParams = z.strictObject({
	id: z.coerce.number().int().positive(),
	role: z.enum(['producer', 'host'])
});
