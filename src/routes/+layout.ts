// A single-page app: every page renders in the browser, served by Fastify's SPA fallback.
export const ssr = false;
export const prerender = false;
