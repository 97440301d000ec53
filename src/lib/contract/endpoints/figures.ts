/** The `figures` endpoints of the table (../endpoints.ts): a run's audience figures over HTTP, with a show link's token. */
import { area } from '../endpoint';
import { figureAddInput, figureCheckpointSchema, figureSettingsSchema } from '../figures';
import { figureCorrectBody, figureDeleteQuery, figureIdParams, figuresViewSchema } from '../figures-live';
import { FIGURE_LINE_ERROR_CODES } from '../../core/figures/line';

const tokenErrors = ['UNAUTHENTICATED', 'INVALID_TOKEN', 'RATE_LIMITED', 'NOT_FOUND'] as const;

export const figuresEndpoints = area('figures', {
	list: {
		method: 'GET',
		path: '/api/live/figures',
		auth: 'token',
		summary: 'The current run’s figures as the token’s role sees them (a host: only the figure shown to hosts)',
		response: figuresViewSchema,
		errors: tokenErrors
	},
	add: {
		method: 'POST',
		path: '/api/live/figures',
		auth: 'token',
		summary: 'Add a checkpoint for one platform (figures, or the line as typed) with a producer or recorder token; stamped with the server’s time and the segment on air',
		body: figureAddInput,
		status: 201,
		response: figureCheckpointSchema,
		errors: [...tokenErrors, 'FORBIDDEN', 'NOT_RUNNING', 'UNKNOWN_PLATFORM', 'INTERNAL', ...FIGURE_LINE_ERROR_CODES]
	},
	correct: {
		method: 'PATCH',
		path: '/api/live/figures/:id',
		auth: 'token',
		summary: 'Correct a checkpoint’s figures (all of them); optional expectedVersion',
		params: figureIdParams,
		body: figureCorrectBody,
		response: figureCheckpointSchema,
		errors: [...tokenErrors, 'FORBIDDEN', 'STALE_VERSION', 'INTERNAL']
	},
	delete: {
		method: 'DELETE',
		path: '/api/live/figures/:id',
		auth: 'token',
		summary: 'Delete a checkpoint (kept in the log, marked deleted); optional ?expectedVersion=',
		params: figureIdParams,
		query: figureDeleteQuery,
		response: figureCheckpointSchema,
		errors: [...tokenErrors, 'FORBIDDEN', 'STALE_VERSION', 'INTERNAL']
	},
	settings: {
		method: 'PUT',
		path: '/api/live/figures/settings',
		auth: 'token',
		summary: 'The show’s figure settings (reminder minutes, the figure hosts see), with a producer token',
		body: figureSettingsSchema,
		response: figureSettingsSchema,
		errors: [...tokenErrors, 'FORBIDDEN', 'UNKNOWN_PLATFORM', 'INTERNAL']
	}
});
