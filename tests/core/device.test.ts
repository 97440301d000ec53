import { afterEach, describe, expect, it, vi } from 'vitest';
import { randomId } from '../../src/lib/realtime/device';

afterEach(() => vi.restoreAllMocks());

describe('a random id (a command’s, a device’s)', () => {
	it('is 96 bits in hex, different every time, across refills of its pool of random bytes', () => {
		const ids = Array.from({ length: 5_000 }, () => randomId());
		for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}$/);
		expect(new Set(ids).size).toBe(ids.length);
		// Every hex digit turns up in every position (the bytes are spread, not stuck).
		for (let position = 0; position < 24; position++) expect(new Set(ids.map((id) => id[position])).size).toBe(16);
	});

	it('takes its bytes from crypto.getRandomValues, each byte for one id only', () => {
		const fill = vi.spyOn(crypto, 'getRandomValues');
		const ids = Array.from({ length: 64 * 3 }, () => randomId());
		// 64 ids a call; the pool left over from before may serve a few first.
		expect(fill.mock.calls.length).toBeGreaterThanOrEqual(2);
		expect(fill.mock.calls.length).toBeLessThanOrEqual(4);
		expect(new Set(ids).size).toBe(ids.length);
	});
});
