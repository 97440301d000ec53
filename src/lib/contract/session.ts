import { z } from 'zod';

export const signInRequest = z.strictObject({
	username: z.string().trim().min(1).max(64),
	password: z.string().min(1).max(256)
});
export type SignInRequest = z.infer<typeof signInRequest>;

export const sessionAccount = z.object({
	id: z.number(),
	username: z.string(),
	displayName: z.string(),
	role: z.enum(['admin', 'coordinator']),
	unitCode: z.string(),
	/** Province accounts see every unit and approve shows; city accounts see their own unit. */
	scope: z.enum(['province', 'city'])
});
export type SessionAccount = z.infer<typeof sessionAccount>;

export const sessionResponse = z.object({ account: sessionAccount });
export type SessionResponse = z.infer<typeof sessionResponse>;

/** `PUT /api/session/password`: the signed-in account changes its own password (signs out its other sessions). */
export const passwordChangeRequest = z.strictObject({
	currentPassword: z.string().min(1).max(256),
	newPassword: z.string().min(8).max(256)
});
export type PasswordChangeRequest = z.infer<typeof passwordChangeRequest>;
