/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The host screen's installable app needs a service worker (and so a secure context: HTTPS, or
 * localhost). SvelteKit registers this one on every page. It caches nothing: every page and API
 * answer still comes from the server as before (device pages are no-store), it only takes control.
 */
const sw = self as unknown as ServiceWorkerGlobalScope;

sw.addEventListener('install', () => {
	void sw.skipWaiting();
});
sw.addEventListener('activate', (event) => {
	event.waitUntil(sw.clients.claim());
});
