/** The `products` endpoints of the table (../endpoints.ts). */
import { area } from '../endpoint';
import { nominationsResponse, productCreateRequest, productIdParams, productListQuery, productListResponse, productPatchRequest, productResponse } from '../products';

export const productsEndpoints = area('products', {
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
});
