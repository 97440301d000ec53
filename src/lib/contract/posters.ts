/**
 * The wire of posters, the device-setup card's companion routes and the public countdown page.
 * The public response is its own schema: the serializer writes only these fields, so no token,
 * script, producer note or contact phone can leave the server through it.
 */
import { z } from 'zod';
import { PLATFORMS, SHOW_STATUSES } from '../core/model';
import { POSTER_DESIGNS, POSTER_FORMATS, POSTER_QR_TARGETS } from '../core/poster/content';

export const posterDesign = z.enum(POSTER_DESIGNS);
export const posterFormat = z.enum(POSTER_FORMATS);
export const posterQrTarget = z.enum(POSTER_QR_TARGETS);

/** `GET /api/shows/:id/poster.svg`: every parameter optional; the show's saved choice fills the gaps. */
export const posterSvgQuery = z.strictObject({
	design: posterDesign.optional(),
	format: posterFormat.default('a4'),
	qr: posterQrTarget.optional(),
	/** 1: answer as a file download (Content-Disposition: attachment). */
	download: z.enum(['0', '1']).optional()
});

/** `PUT /api/shows/:id/poster`: the coordinator's choice of design and QR target. */
export const posterSettingsBody = z.strictObject({
	design: posterDesign,
	qrTarget: posterQrTarget
});
export type PosterSettingsBody = z.infer<typeof posterSettingsBody>;

/** `PUT /api/shows/:id/poster/published`: when the poster went out; now when absent. */
export const posterPublishBody = z.strictObject({
	publishedAt: z.number().int().min(0).optional()
});

export const posterDeadlineState = z.enum(['published', 'published_late', 'open', 'due_soon', 'overdue']);

/** `GET /api/shows/:id/poster` and the answers of the poster's PUT/DELETE routes. */
export const posterInfoResponse = z.object({
	showId: z.number().int(),
	title: z.string(),
	status: z.enum(SHOW_STATUSES),
	startsAt: z.number().int(),
	design: posterDesign,
	qrTarget: posterQrTarget,
	designs: z.array(posterDesign),
	/** Start − 3 days, epoch ms; the state at `serverNow`. */
	deadline: z.object({ dueAt: z.number().int(), state: posterDeadlineState, msLeft: z.number().int() }),
	publishedAt: z.number().int().nullable(),
	/** The show's public countdown page. */
	publicUrl: z.string(),
	/** False while the show is a draft: the public page answers 404 until it is reported. */
	publicPageOpen: z.boolean(),
	/** True when `publicUrl` names a LAN or loopback address (set PUBLIC_URL for printed posters). */
	publicUrlIsLocal: z.boolean(),
	serverNow: z.number().int()
});
export type PosterInfoResponse = z.infer<typeof posterInfoResponse>;

export const publicShowParams = z.strictObject({ slug: z.string().max(100) });

/** `GET /api/public/shows/:slug`: what anyone with the link may see, and nothing else. */
export const publicShowResponse = z.object({
	slug: z.string(),
	title: z.string(),
	status: z.enum(SHOW_STATUSES).exclude(['draft']),
	/** Announced start and planned end, epoch ms. */
	startsAt: z.number().int(),
	endsAt: z.number().int(),
	/** Warm-up: the live room opens this long before the start (ms). */
	warmupMs: z.number().int(),
	unit: z.object({ code: z.string(), nameZh: z.string(), nameEn: z.string() }),
	platforms: z.array(z.object({ platform: z.enum(PLATFORMS), accountName: z.string(), roomUrl: z.string() })),
	people: z.array(z.object({ name: z.string(), role: z.enum(['host', 'guest']), ambassador: z.boolean() })),
	products: z.array(
		z.object({
			name: z.string(),
			spec: z.string(),
			origin: z.string(),
			livePriceFen: z.number().int(),
			dailyPriceFen: z.number().int(),
			flashPriceFen: z.number().int().nullable()
		})
	),
	topic: z.string(),
	/** The server's clock, epoch ms: the countdown corrects the phone's clock by it. */
	serverNow: z.number().int()
});
export type PublicShowResponse = z.infer<typeof publicShowResponse>;
