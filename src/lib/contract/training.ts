import { z } from 'zod';
import { trainingSessionInput } from '../core/progress';

export const trainingSession = z.object({
	...trainingSessionInput.shape,
	id: z.number().int(),
	version: z.number().int(),
	createdAt: z.number().int(),
	updatedAt: z.number().int()
});
export type TrainingSessionDto = z.infer<typeof trainingSession>;

export const trainingListQuery = z.strictObject({ unit: z.string().max(40).optional() });
export const trainingListResponse = z.object({ sessions: z.array(trainingSession) });
export const trainingIdParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const trainingCreateRequest = trainingSessionInput;
/** A full replacement, saved over the version the editor loaded. */
export const trainingUpdateRequest = z.strictObject({ ...trainingSessionInput.shape, version: z.number().int().min(1) });
