/** Writes docs/api.md from the endpoint table (`npm run api:docs`). */
import { writeFileSync } from 'node:fs';
import { apiMarkdown } from '../server/http/openapi';

writeFileSync(new URL('../docs/api.md', import.meta.url), apiMarkdown());
console.log('docs/api.md written');
