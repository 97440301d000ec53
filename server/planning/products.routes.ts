import type { FastifyInstance } from 'fastify';
import { endpoints } from '../../src/lib/contract/endpoints';
import { accountOf } from '../http/guard';
import { route } from '../http/route';

export function productRoutes(app: FastifyInstance) {
	const service = app.deps.services.products;
	const { products } = endpoints;

	route(app, products.list, (request) => ({ products: service.list(accountOf(request), request.query) }));

	route(app, products.nominations, (request) => service.nominations(accountOf(request)));

	route(app, products.create, (request, reply) => {
		const product = service.create(accountOf(request), request.body);
		reply.status(201).header('location', `/api/products/${product.id}`);
		return product;
	});

	route(app, products.get, (request) => service.get(accountOf(request), request.params.id));

	route(app, products.update, (request) => service.update(accountOf(request), request.params.id, request.body));
}
