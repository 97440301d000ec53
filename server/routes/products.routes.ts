import {
	nominationsResponse,
	productCreateRequest,
	productIdParams,
	productListQuery,
	productListResponse,
	productPatchRequest,
	productResponse
} from '../../src/lib/contract/products';
import type { AppInstance } from '../app';
import { accountOf } from '../http/guard';

export function productRoutes(app: AppInstance) {
	const service = app.deps.planning.products;

	app.get('/api/products', { schema: { querystring: productListQuery, response: { 200: productListResponse } } }, (request) => ({
		products: service.list(accountOf(request), request.query)
	}));

	app.get('/api/products/nominations', { schema: { response: { 200: nominationsResponse } } }, (request) => service.nominations(accountOf(request)));

	app.post('/api/products', { schema: { body: productCreateRequest, response: { 201: productResponse } } }, (request, reply) => {
		const product = service.create(accountOf(request), request.body);
		reply.status(201).header('location', `/api/products/${product.id}`);
		return product;
	});

	app.get('/api/products/:id', { schema: { params: productIdParams, response: { 200: productResponse } } }, (request) => service.get(accountOf(request), request.params.id));

	app.patch('/api/products/:id', { schema: { params: productIdParams, body: productPatchRequest, response: { 200: productResponse } } }, (request) =>
		service.update(accountOf(request), request.params.id, request.body)
	);
}
