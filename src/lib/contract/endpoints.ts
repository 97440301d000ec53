/**
 * The whole HTTP API, each endpoint once (endpoint.ts says what an entry holds). The server
 * registers its routes from this table (server/http/route.ts), the client calls by it
 * (src/lib/api/client.ts `call`), the access and fuzz suites cross-check it, and
 * `GET /api/openapi.json` and docs/api.md are generated from it. A test keeps it and the
 * registered routes the same set.
 */
import { accountCreateRequest, accountIdParams, accountListResponse, accountPatchRequest, accountResponse } from './accounts';
import { area, type Endpoint } from './endpoint';
import { ambassadorFormQuery, formQuery, formsSummaryResponse } from './forms';
import { importConfirmRequest, importConfirmResponse, importIdParams, importPreviewResponse, importQuery } from './imports';
import { rotateLinkParams, showLinksResponse } from './links';
import { LIVE_ACK_ERROR_CODES, liveCommandBody, liveCommandParams, liveSheetSchema, liveSnapshotSchema } from './live';
import { personActionRequest, personCreateRequest, personIdParams, personListQuery, personListResponse, personPatchRequest, personResponse } from './people';
import { posterInfoResponse, posterPublishBody, posterSettingsBody, posterSvgQuery, publicShowParams, publicShowResponse } from './posters';
import { nominationsResponse, productCreateRequest, productIdParams, productListQuery, productListResponse, productPatchRequest, productResponse } from './products';
import { progressQuery, progressResponse } from './progress';
import { reportQuery, reportResponse, salesImportResponse, salesResponse, salesUpdateRequest } from './reports';
import { passwordChangeRequest, sessionResponse, signInRequest } from './session';
import {
	checksQuery,
	checksResponse,
	deletedResponse,
	showActionRequest,
	showCreateRequest,
	showDuplicateRequest,
	showIdParams,
	showListQuery,
	showListResponse,
	showPatchRequest,
	showResponse
} from './shows';
import { trainingCreateRequest, trainingIdParams, trainingListQuery, trainingListResponse, trainingSession, trainingUpdateRequest } from './training';
import { okResponse, unitListResponse } from './units';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A show action's refusals (report, approve, withdraw). */
const SHOW_ACTION = ['NOT_FOUND', 'STALE_VERSION', 'INVALID_STATUS'] as const;
/** A spreadsheet upload's refusals, besides the upload's own. */
const SPREADSHEET = ['NOT_XLSX', 'EMPTY_FILE', 'PASSWORD_PROTECTED', 'SPREADSHEET_UNREADABLE', 'SPREADSHEET_TIMEOUT', 'FILE_TOO_LARGE_UNPACKED', 'UNSUPPORTED_FILE'] as const;

export const endpoints = {
	health: area('health', {
		get: { method: 'GET', path: '/healthz', auth: 'public', summary: 'The server is up and its database answers', response: okResponse }
	}),
	session: area('session', {
		signIn: {
			method: 'POST',
			path: '/api/session',
			auth: 'public',
			summary: 'Sign in (sets the session cookie); 10 tries a minute per address',
			body: signInRequest,
			response: sessionResponse,
			errors: ['INVALID_CREDENTIALS', 'TOO_MANY_ATTEMPTS', 'RATE_LIMITED']
		},
		get: { method: 'GET', path: '/api/session', auth: 'session', summary: 'The signed-in account', response: sessionResponse },
		changePassword: {
			method: 'PUT',
			path: '/api/session/password',
			auth: 'session',
			summary: 'Change the own password (other sessions are signed out)',
			body: passwordChangeRequest,
			response: okResponse,
			errors: ['TOO_MANY_ATTEMPTS', 'RATE_LIMITED']
		},
		signOut: { method: 'DELETE', path: '/api/session', auth: 'public', summary: 'Sign out (clears the session cookie)', response: okResponse }
	}),
	units: area('units', {
		list: { method: 'GET', path: '/api/units', auth: 'session', summary: 'The province and its cities', response: unitListResponse }
	}),
	shows: area('shows', {
		list: { method: 'GET', path: '/api/shows', auth: 'session', summary: 'Shows visible to the account', query: showListQuery, response: showListResponse },
		create: { method: 'POST', path: '/api/shows', auth: 'session', summary: 'Create a draft show', body: showCreateRequest, status: 201, response: showResponse, errors: ['FORBIDDEN'] },
		get: { method: 'GET', path: '/api/shows/:id', auth: 'session', summary: 'One show with its run-sheet', params: showIdParams, response: showResponse, errors: ['NOT_FOUND'] },
		update: {
			method: 'PATCH',
			path: '/api/shows/:id',
			auth: 'session',
			summary: 'Change a show (plan, run-sheet)',
			params: showIdParams,
			body: showPatchRequest,
			response: showResponse,
			errors: ['NOT_FOUND', 'FORBIDDEN', 'STALE_VERSION', 'SHOW_LIVE', 'CURRENT_SEGMENT', 'INVALID_STATUS', 'UNKNOWN_PRODUCT']
		},
		remove: { method: 'DELETE', path: '/api/shows/:id', auth: 'session', summary: 'Delete a show', params: showIdParams, response: deletedResponse, errors: ['NOT_FOUND', 'SHOW_LIVE', 'INVALID_STATUS'] },
		checks: {
			method: 'GET',
			path: '/api/shows/:id/checks',
			auth: 'session',
			summary: 'The rule checks of a show (messages in ?lang= or Accept-Language)',
			params: showIdParams,
			query: checksQuery,
			response: checksResponse,
			errors: ['NOT_FOUND']
		},
		duplicate: {
			method: 'POST',
			path: '/api/shows/:id/duplicate',
			auth: 'session',
			summary: 'Copy a show into a new draft',
			params: showIdParams,
			body: showDuplicateRequest,
			status: 201,
			response: showResponse,
			errors: ['NOT_FOUND']
		},
		report: { method: 'POST', path: '/api/shows/:id/report', auth: 'session', summary: 'Report a show to the province', params: showIdParams, body: showActionRequest, response: showResponse, errors: [...SHOW_ACTION, 'CHECKS_FAILED', 'REPORT_TOO_LATE'] },
		approve: { method: 'POST', path: '/api/shows/:id/approve', auth: 'session', summary: 'Approve a reported show (province)', params: showIdParams, body: showActionRequest, response: showResponse, errors: [...SHOW_ACTION, 'FORBIDDEN', 'CHECKS_FAILED'] },
		withdraw: { method: 'POST', path: '/api/shows/:id/withdraw', auth: 'session', summary: 'Withdraw a reported or approved show', params: showIdParams, body: showActionRequest, response: showResponse, errors: SHOW_ACTION }
	}),
	links: area('links', {
		get: { method: 'GET', path: '/api/shows/:id/links', auth: 'session', summary: 'The producer and host links of a show', params: showIdParams, response: showLinksResponse, errors: ['NOT_FOUND'] },
		rotate: {
			method: 'POST',
			path: '/api/shows/:id/links/:role/rotate',
			auth: 'session',
			summary: 'Replace a link with a new one (the old token stops at once)',
			params: rotateLinkParams,
			response: showLinksResponse,
			errors: ['NOT_FOUND']
		}
	}),
	posters: area('posters', {
		get: { method: 'GET', path: '/api/shows/:id/poster', auth: 'session', summary: 'Poster settings and publishing state', params: showIdParams, response: posterInfoResponse, errors: ['NOT_FOUND'] },
		save: { method: 'PUT', path: '/api/shows/:id/poster', auth: 'session', summary: 'Save the poster settings', params: showIdParams, body: posterSettingsBody, response: posterInfoResponse, errors: ['NOT_FOUND'] },
		publish: { method: 'PUT', path: '/api/shows/:id/poster/published', auth: 'session', summary: 'Record the poster as published', params: showIdParams, body: posterPublishBody, response: posterInfoResponse, errors: ['NOT_FOUND'] },
		unpublish: { method: 'DELETE', path: '/api/shows/:id/poster/published', auth: 'session', summary: 'Clear the published date', params: showIdParams, response: posterInfoResponse, errors: ['NOT_FOUND'] },
		svg: { method: 'GET', path: '/api/shows/:id/poster.svg', auth: 'session', summary: 'The poster as SVG', params: showIdParams, query: posterSvgQuery, contentType: 'image/svg+xml', errors: ['NOT_FOUND'] },
		publicShow: {
			method: 'GET',
			path: '/api/public/shows/:slug',
			auth: 'public',
			summary: 'The public countdown page of a scheduled show',
			params: publicShowParams,
			response: publicShowResponse,
			errors: ['NOT_FOUND']
		}
	}),
	products: area('products', {
		list: { method: 'GET', path: '/api/products', auth: 'session', summary: 'Products visible to the account', query: productListQuery, response: productListResponse },
		nominations: { method: 'GET', path: '/api/products/nominations', auth: 'session', summary: 'Nomination counts per unit', response: nominationsResponse },
		create: { method: 'POST', path: '/api/products', auth: 'session', summary: 'Nominate a product', body: productCreateRequest, status: 201, response: productResponse, errors: ['FORBIDDEN'] },
		get: { method: 'GET', path: '/api/products/:id', auth: 'session', summary: 'One product', params: productIdParams, response: productResponse, errors: ['NOT_FOUND'] },
		update: {
			method: 'PATCH',
			path: '/api/products/:id',
			auth: 'session',
			summary: 'Change a product',
			params: productIdParams,
			body: productPatchRequest,
			response: productResponse,
			errors: ['NOT_FOUND', 'FORBIDDEN', 'STALE_VERSION', 'PRODUCT_IN_USE', 'INVALID_STATUS']
		}
	}),
	people: area('people', {
		list: { method: 'GET', path: '/api/people', auth: 'session', summary: 'Hosts and ambassadors visible to the account', query: personListQuery, response: personListResponse },
		create: { method: 'POST', path: '/api/people', auth: 'session', summary: 'Add a person', body: personCreateRequest, status: 201, response: personResponse, errors: ['FORBIDDEN'] },
		get: { method: 'GET', path: '/api/people/:id', auth: 'session', summary: 'One person', params: personIdParams, response: personResponse, errors: ['NOT_FOUND'] },
		update: { method: 'PATCH', path: '/api/people/:id', auth: 'session', summary: 'Change a person', params: personIdParams, body: personPatchRequest, response: personResponse, errors: ['NOT_FOUND', 'FORBIDDEN', 'STALE_VERSION'] },
		nominate: { method: 'POST', path: '/api/people/:id/nominate', auth: 'session', summary: 'Nominate as ambassador', params: personIdParams, body: personActionRequest, response: personResponse, errors: SHOW_ACTION },
		award: { method: 'POST', path: '/api/people/:id/award', auth: 'session', summary: 'Award the ambassador title (province)', params: personIdParams, body: personActionRequest, response: personResponse, errors: [...SHOW_ACTION, 'FORBIDDEN'] },
		revoke: { method: 'POST', path: '/api/people/:id/revoke', auth: 'session', summary: 'Withdraw a nomination or title', params: personIdParams, body: personActionRequest, response: personResponse, errors: [...SHOW_ACTION, 'FORBIDDEN'] },
		archive: { method: 'POST', path: '/api/people/:id/archive', auth: 'session', summary: 'Archive a person', params: personIdParams, body: personActionRequest, response: personResponse, errors: ['NOT_FOUND', 'STALE_VERSION'] },
		restore: { method: 'POST', path: '/api/people/:id/restore', auth: 'session', summary: 'Restore an archived person', params: personIdParams, body: personActionRequest, response: personResponse, errors: ['NOT_FOUND', 'STALE_VERSION'] }
	}),
	accounts: area('accounts', {
		list: { method: 'GET', path: '/api/accounts', auth: 'session', summary: 'Coordinator accounts (administrators)', response: accountListResponse, errors: ['FORBIDDEN'] },
		create: { method: 'POST', path: '/api/accounts', auth: 'session', summary: 'Create an account (administrators)', body: accountCreateRequest, status: 201, response: accountResponse, errors: ['FORBIDDEN', 'USERNAME_TAKEN'] },
		update: {
			method: 'PATCH',
			path: '/api/accounts/:id',
			auth: 'session',
			summary: 'Change, disable or reset an account (administrators)',
			params: accountIdParams,
			body: accountPatchRequest,
			response: accountResponse,
			errors: ['FORBIDDEN', 'NOT_FOUND', 'OWN_ACCOUNT', 'STALE_VERSION']
		}
	}),
	forms: area('forms', {
		summary: { method: 'GET', path: '/api/forms', auth: 'session', summary: 'What the Excel forms would hold', query: formQuery, response: formsSummaryResponse, errors: ['NOT_FOUND'] },
		activities: { method: 'GET', path: '/api/forms/activities.xlsx', auth: 'session', summary: 'The activities form', query: formQuery, contentType: XLSX, errors: ['NOT_FOUND'] },
		products: { method: 'GET', path: '/api/forms/products.xlsx', auth: 'session', summary: 'The products form', query: formQuery, contentType: XLSX, errors: ['NOT_FOUND'] },
		ambassadors: { method: 'GET', path: '/api/forms/ambassadors.xlsx', auth: 'session', summary: 'The ambassadors form', query: ambassadorFormQuery, contentType: XLSX, errors: ['NOT_FOUND'] }
	}),
	imports: area('imports', {
		upload: {
			method: 'POST',
			path: '/api/imports/products',
			auth: 'session',
			summary: 'Upload a nominations spreadsheet: a preview, nothing saved',
			query: importQuery,
			upload: true,
			response: importPreviewResponse,
			errors: ['NOT_FOUND', ...SPREADSHEET, 'NO_HEADER_ROW', 'TOO_MANY_ROWS']
		},
		get: { method: 'GET', path: '/api/imports/:id', auth: 'session', summary: 'An import preview', params: importIdParams, response: importPreviewResponse, errors: ['NOT_FOUND'] },
		confirm: {
			method: 'POST',
			path: '/api/imports/:id/confirm',
			auth: 'session',
			summary: 'Save the chosen rows of a preview',
			params: importIdParams,
			body: importConfirmRequest,
			response: importConfirmResponse,
			errors: ['NOT_FOUND', 'INVALID_DECISIONS', 'PREVIEW_STALE']
		},
		discard: { method: 'DELETE', path: '/api/imports/:id', auth: 'session', summary: 'Discard a preview', params: importIdParams, status: 204, errors: ['NOT_FOUND'] }
	}),
	reports: area('reports', {
		get: { method: 'GET', path: '/api/shows/:id/report', auth: 'session', summary: 'The after-show report', params: showIdParams, query: reportQuery, response: reportResponse, errors: ['NOT_FOUND'] },
		xlsx: { method: 'GET', path: '/api/shows/:id/report.xlsx', auth: 'session', summary: 'The after-show report as Excel', params: showIdParams, query: reportQuery, contentType: XLSX, errors: ['NOT_FOUND'] },
		sales: { method: 'GET', path: '/api/shows/:id/sales', auth: 'session', summary: 'Sales figures per product', params: showIdParams, response: salesResponse, errors: ['NOT_FOUND'] },
		saveSales: { method: 'PUT', path: '/api/shows/:id/sales', auth: 'session', summary: 'Save sales figures', params: showIdParams, body: salesUpdateRequest, response: salesResponse, errors: ['NOT_FOUND', 'UNKNOWN_PRODUCT'] },
		importSales: {
			method: 'POST',
			path: '/api/shows/:id/sales/import',
			auth: 'session',
			summary: 'Read sales figures from a spreadsheet (not saved)',
			params: showIdParams,
			upload: true,
			response: salesImportResponse,
			errors: ['NOT_FOUND', ...SPREADSHEET]
		}
	}),
	progress: area('progress', {
		get: { method: 'GET', path: '/api/progress', auth: 'session', summary: 'Campaign progress', query: progressQuery, response: progressResponse, errors: ['NOT_FOUND'] }
	}),
	training: area('training', {
		list: { method: 'GET', path: '/api/training-sessions', auth: 'session', summary: 'Host-training sessions', query: trainingListQuery, response: trainingListResponse, errors: ['NOT_FOUND'] },
		create: { method: 'POST', path: '/api/training-sessions', auth: 'session', summary: 'Record a training session', body: trainingCreateRequest, status: 201, response: trainingSession, errors: ['FORBIDDEN'] },
		get: { method: 'GET', path: '/api/training-sessions/:id', auth: 'session', summary: 'One training session', params: trainingIdParams, response: trainingSession, errors: ['NOT_FOUND'] },
		update: {
			method: 'PATCH',
			path: '/api/training-sessions/:id',
			auth: 'session',
			summary: 'Change a training session',
			params: trainingIdParams,
			body: trainingUpdateRequest,
			response: trainingSession,
			errors: ['NOT_FOUND', 'FORBIDDEN', 'STALE_VERSION']
		},
		remove: { method: 'DELETE', path: '/api/training-sessions/:id', auth: 'session', summary: 'Delete a training session', params: trainingIdParams, status: 204, errors: ['NOT_FOUND'] }
	}),
	live: area('live', {
		snapshot: {
			method: 'GET',
			path: '/api/live',
			auth: 'token',
			summary: 'The live state of the token’s show',
			response: liveSnapshotSchema,
			errors: ['UNAUTHENTICATED', 'INVALID_TOKEN', 'RATE_LIMITED', 'NOT_FOUND']
		},
		sheet: {
			method: 'GET',
			path: '/api/live/sheet',
			auth: 'token',
			summary: 'The run-sheet as the token’s role sees it',
			response: liveSheetSchema,
			errors: ['UNAUTHENTICATED', 'INVALID_TOKEN', 'RATE_LIMITED', 'NOT_FOUND']
		},
		command: {
			method: 'POST',
			path: '/api/live/:command',
			auth: 'token',
			summary: 'Run a live command (start, next, pause, resume, extend, end…); an empty body is no fields',
			params: liveCommandParams,
			body: liveCommandBody,
			response: liveSnapshotSchema,
			// A refused command answers the socket's code; INVALID_COMMAND becomes VALIDATION.
			errors: ['UNAUTHENTICATED', 'INVALID_TOKEN', ...LIVE_ACK_ERROR_CODES.filter((code) => !['INVALID_COMMAND', 'INVALID_EVENT', 'UNKNOWN_EVENT'].includes(code))]
		}
	}),
	openapi: area('openapi', {
		get: { method: 'GET', path: '/api/openapi.json', auth: 'public', summary: 'This API as an OpenAPI 3.1 document', contentType: 'application/json' }
	}),
	tls: area('tls', {
		caCertificate: {
			method: 'GET',
			path: '/api/tls/ca.crt',
			auth: 'public',
			summary: 'The studio LAN’s CA certificate, for tablets to trust (404 without one)',
			contentType: 'application/x-x509-ca-cert',
			errors: ['NOT_FOUND']
		}
	}),
	ui: area('ui', {
		index: { method: 'GET', path: '/', auth: 'public', summary: 'The app (HTML)', contentType: 'text/html', ui: true },
		files: { method: 'GET', path: '/*', auth: 'public', summary: 'The app’s files; client routes answer its HTML', contentType: 'text/html', ui: true }
	})
};

/** Every endpoint, in table order. */
export const endpointList: Endpoint[] = Object.values(endpoints).flatMap((group) => Object.values(group) as Endpoint[]);
