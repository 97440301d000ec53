import { endpoints } from '../../src/lib/contract/endpoints';
import type { AppInstance } from '../app';
import { accountOf } from '../http/guard';
import { route } from '../http/route';
import { linkOrigin, showLinks } from '../services/links.service';
import { visible } from '../services/scope';

export function linkRoutes(app: AppInstance) {
	const { shows, links, publicUrl, trustProxy } = app.deps;

	/** The show's id when the signed-in coordinator may manage it; 404 otherwise (another unit's show looks missing). */
	const managedShow = (request: Parameters<typeof accountOf>[0], id: number) => visible(accountOf(request), shows.get(id), 'Show').id;

	route(app, endpoints.links.get, (request, reply) => {
		const id = managedShow(request, request.params.id);
		reply.header('cache-control', 'no-store');
		return showLinks(linkOrigin(publicUrl, request.protocol, request.host, request.socket.localPort ?? 0, trustProxy), shows.tokensOf(id)!);
	});

	route(app, endpoints.links.rotate, (request, reply) => {
		const id = managedShow(request, request.params.id);
		links.rotate(id, request.params.role);
		reply.header('cache-control', 'no-store');
		return showLinks(linkOrigin(publicUrl, request.protocol, request.host, request.socket.localPort ?? 0, trustProxy), shows.tokensOf(id)!);
	});
}
