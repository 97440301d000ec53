/** The fullscreen button of a live screen: whether the page is fullscreen, and the toggle. */
export class FullscreenToggle {
	#active = $state(false);

	get supported(): boolean {
		return typeof document !== 'undefined' && !!document.documentElement.requestFullscreen && document.fullscreenEnabled !== false;
	}
	get active() {
		return this.#active;
	}

	/** Follows the page's fullscreen state (Esc, the system's back gesture); returns the stop function. */
	start(): () => void {
		if (typeof document === 'undefined') return () => undefined;
		const sync = () => (this.#active = document.fullscreenElement !== null);
		sync();
		document.addEventListener('fullscreenchange', sync);
		return () => document.removeEventListener('fullscreenchange', sync);
	}

	/** `target`: the element to show full screen (the whole page by default). */
	async toggle(target?: HTMLElement) {
		try {
			if (document.fullscreenElement) await document.exitFullscreen();
			else await (target ?? document.documentElement).requestFullscreen({ navigationUI: 'hide' });
		} catch {
			// Refused (not from a tap, or not allowed): the button stays as it was.
		}
		this.#active = document.fullscreenElement !== null;
	}
}
