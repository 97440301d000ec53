/**
 * Keeping the host tablet awake: the Screen Wake Lock is requested at start, requested again each
 * time the page comes back into view (browsers release it when the page is hidden), released on
 * stop; without the API the status says so.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ScreenWakeLock } from '../../src/lib/state/wake-lock.svelte';

class FakeSentinel extends EventTarget {
	released = false;
	async release() {
		this.released = true;
		this.dispatchEvent(new Event('release'));
	}
}

function fakeBrowser(options: { wakeLock?: boolean; refuse?: boolean } = {}) {
	const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' as 'visible' | 'hidden' });
	const sentinels: FakeSentinel[] = [];
	const request = vi.fn(async () => {
		if (options.refuse) throw new DOMException('not allowed', 'NotAllowedError');
		const s = new FakeSentinel();
		sentinels.push(s);
		return s;
	});
	vi.stubGlobal('document', Object.assign(doc, { createElement: () => ({ getContext: () => null }) }));
	vi.stubGlobal('navigator', options.wakeLock === false ? {} : { wakeLock: { request } });
	const setVisibility = (state: 'visible' | 'hidden') => {
		doc.visibilityState = state;
		doc.dispatchEvent(new Event('visibilitychange'));
	};
	return { request, sentinels, setVisibility };
}

afterEach(() => vi.unstubAllGlobals());

describe('the screen wake lock', () => {
	it('is taken at start, given back by the browser when hidden, and taken again when visible', async () => {
		const browser = fakeBrowser();
		const lock = new ScreenWakeLock();
		const stop = lock.start();
		await vi.waitFor(() => expect(lock.status).toBe('on'));
		expect(browser.request).toHaveBeenCalledWith('screen');

		// The page is hidden: the browser releases the lock.
		browser.setVisibility('hidden');
		await browser.sentinels[0].release();
		expect(lock.status).toBe('idle');
		expect(browser.request).toHaveBeenCalledTimes(1);

		browser.setVisibility('visible');
		await vi.waitFor(() => expect(lock.status).toBe('on'));
		expect(browser.request).toHaveBeenCalledTimes(2);
		expect(lock.acquired).toBe(2);

		// Visible again while still held: no second request.
		browser.setVisibility('visible');
		await Promise.resolve();
		expect(browser.request).toHaveBeenCalledTimes(2);

		stop();
		await vi.waitFor(() => expect(browser.sentinels[1].released).toBe(true));
		expect(lock.status).toBe('idle');
		browser.setVisibility('visible');
		expect(browser.request).toHaveBeenCalledTimes(2);
	});

	it('says when it cannot keep the screen on', async () => {
		fakeBrowser({ wakeLock: false });
		const lock = new ScreenWakeLock();
		const stop = lock.start();
		await vi.waitFor(() => expect(lock.status).toBe('unsupported'));
		stop();

		fakeBrowser({ refuse: true });
		const refused = new ScreenWakeLock();
		const stopRefused = refused.start();
		await vi.waitFor(() => expect(refused.status).toBe('error'));
		stopRefused();
	});
});
