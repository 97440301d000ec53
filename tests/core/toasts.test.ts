/** Toasts on the live screens: they go by themselves, the same notice twice shows once, at most three. */
import { describe, expect, it } from 'vitest';
import { Toasts } from '../../src/lib/state/toasts.svelte';

function manualTimers() {
	const pending = new Map<number, () => void>();
	let next = 0;
	return {
		timers: {
			setTimeout: (fn: () => void) => (pending.set(++next, fn), next),
			clearTimeout: (handle: unknown) => void pending.delete(handle as number)
		},
		runAll: () => [...pending.entries()].forEach(([id, fn]) => (pending.delete(id), fn())),
		pending: () => pending.size
	};
}

describe('toasts', () => {
	it('go by themselves after their time', () => {
		const t = manualTimers();
		const toasts = new Toasts(4_000, t.timers);
		toasts.push({ tone: 'error', key: 'live.error.STALE_VERSION', fallback: 'The show has changed' });
		expect(toasts.items).toHaveLength(1);
		t.runAll();
		expect(toasts.items).toHaveLength(0);
	});

	it('show the same notice once, keep the three newest, and dismiss on request', () => {
		const t = manualTimers();
		const toasts = new Toasts(4_000, t.timers);
		toasts.push({ tone: 'error', key: 'a', fallback: 'a' });
		toasts.push({ tone: 'error', key: 'a', fallback: 'a' });
		expect(toasts.items.map((x) => x.key)).toEqual(['a']);
		for (const k of ['b', 'c', 'd']) toasts.push({ tone: 'error', key: k, fallback: k });
		expect(toasts.items.map((x) => x.key)).toEqual(['b', 'c', 'd']);
		expect(t.pending()).toBe(3);
		toasts.dismiss(toasts.items[0].id);
		expect(toasts.items.map((x) => x.key)).toEqual(['c', 'd']);
		toasts.clear();
		expect(toasts.items).toEqual([]);
		expect(t.pending()).toBe(0);
	});
});
