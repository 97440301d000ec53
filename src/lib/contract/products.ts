import { z } from 'zod';
import { CATALOGUES, PRODUCT_CATEGORIES, PRODUCT_STATUSES, productInput } from '../core/model';
import { expectedVersion, patchShape } from './fields';

export const productResponse = z.object({
	...productInput.shape,
	id: z.number().int(),
	version: z.number().int(),
	createdAt: z.number().int(),
	updatedAt: z.number().int()
});
export type ProductResponse = z.infer<typeof productResponse>;

export const productIdParams = z.strictObject({ id: z.coerce.number().int().positive() });

/** `POST /api/products`: every column of 附件3 plus category, shelf life, certification, catalogues and status. */
export const productCreateRequest = productInput;
export type ProductCreateRequest = z.input<typeof productCreateRequest>;

/** `PATCH /api/products/:id`: any fields; `expectedVersion` makes a stale save fail with 409 instead of overwriting. */
export const productPatchRequest = z.strictObject({ ...patchShape(productInput.shape), expectedVersion: expectedVersion.optional() });
export type ProductPatchRequest = z.input<typeof productPatchRequest>;

/** `active` (the default) is candidates and selected products; `all` includes the archived. */
export const PRODUCT_STATUS_FILTERS = [...PRODUCT_STATUSES, 'active', 'all'] as const;

export const productListQuery = z.strictObject({
	unit: z.string().max(40).optional(),
	category: z.enum(PRODUCT_CATEGORIES).optional(),
	status: z.enum(PRODUCT_STATUS_FILTERS).optional(),
	catalogue: z.enum(CATALOGUES).optional(),
	/** Words in the product or shop name, origin or selling points. */
	q: z.string().trim().max(100).optional()
});
export type ProductListQuery = z.infer<typeof productListQuery>;

export const productListResponse = z.object({ products: z.array(productResponse) });

/** A unit's nominations against the notice's 5–8: candidates and selected, not archived. */
export const nominationCount = z.object({
	unitCode: z.string(),
	candidate: z.number().int(),
	selected: z.number().int(),
	total: z.number().int()
});
export type NominationCount = z.infer<typeof nominationCount>;

/** `GET /api/products/nominations`: every city unit the account sees (and the province when it has products). */
export const nominationsResponse = z.object({
	units: z.array(nominationCount),
	target: z.object({ min: z.number().int(), max: z.number().int() })
});
export type NominationsResponse = z.infer<typeof nominationsResponse>;
