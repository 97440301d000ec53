/**
 * The figures a suite measured, written to test-results/reliability/<suite>.<profile>.json and
 * printed, so `npm run reliability:report` can gather them into the table of docs/reliability.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROFILE, SEED } from './profile';

export const FIGURES_DIR = new URL('../../../test-results/reliability/', import.meta.url).pathname;

export function recordFigures(suite: string, figures: Record<string, unknown>) {
	mkdirSync(FIGURES_DIR, { recursive: true });
	const record = { suite, profile: PROFILE, seed: SEED, at: new Date().toISOString(), ...figures };
	writeFileSync(join(FIGURES_DIR, `${suite}.${PROFILE}.json`), `${JSON.stringify(record, null, 2)}\n`);
	console.log(`[reliability] ${suite} (${PROFILE}, seed ${SEED}): ${JSON.stringify(figures)}`);
}
