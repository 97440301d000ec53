import { z } from 'zod';

const link = z.object({ token: z.string(), url: z.string() });

/** The device links of a show: the producer's console, the host's cue cards, the 场记's figures panel. */
export const LINK_ROLES = ['producer', 'host', 'recorder'] as const;
export type LinkRole = (typeof LINK_ROLES)[number];

/** `GET /api/shows/:id/links`: the producer, host and recorder links of a show, for its coordinators. */
export const showLinksResponse = z.object({ producer: link, host: link, recorder: link });
export type ShowLinksResponse = z.infer<typeof showLinksResponse>;

export const rotateLinkParams = z.strictObject({
	id: z.coerce.number().int().positive(),
	role: z.enum(LINK_ROLES)
});
