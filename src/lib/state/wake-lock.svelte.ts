/**
 * Keeping the host tablet's screen on for a three-hour show. The Screen Wake Lock API is used where
 * the browser offers it (https, or localhost); the lock is released by the browser whenever the
 * page is hidden, so it is requested again each time the page becomes visible. Over plain http on
 * the LAN the API does not exist: then a tiny muted video made from a canvas plays in a corner,
 * which keeps many tablets awake (best effort; the README says to turn auto-lock off as well).
 */

export type WakeLockStatus = 'idle' | 'on' | 'fallback' | 'unsupported' | 'error';

interface WakeLockSentinelLike extends EventTarget {
	released: boolean;
	release(): Promise<void>;
}
interface WakeLockLike {
	request(type: 'screen'): Promise<WakeLockSentinelLike>;
}

export class ScreenWakeLock {
	#status = $state<WakeLockStatus>('idle');
	/** How many times the lock was acquired (the first time and after each return to the page). */
	#acquired = $state(0);
	#sentinel: WakeLockSentinelLike | null = null;
	#video: HTMLVideoElement | null = null;
	#drawTimer: ReturnType<typeof setInterval> | null = null;
	#stopped = true;

	get status() {
		return this.#status;
	}
	get acquired() {
		return this.#acquired;
	}

	/** Starts keeping the screen on; returns the function that stops (for onMount/$effect). */
	start(): () => void {
		if (typeof document === 'undefined') return () => undefined;
		this.#stopped = false;
		const onVisible = () => {
			if (document.visibilityState === 'visible') void this.#acquire();
		};
		document.addEventListener('visibilitychange', onVisible);
		void this.#acquire();
		return () => {
			document.removeEventListener('visibilitychange', onVisible);
			this.stop();
		};
	}

	stop() {
		this.#stopped = true;
		const sentinel = this.#sentinel;
		this.#sentinel = null;
		void sentinel?.release().catch(() => undefined);
		this.#stopFallback();
		this.#status = 'idle';
	}

	/** Tries again (the person tapped the status). */
	retry() {
		this.#stopped = false;
		return this.#acquire();
	}

	async #acquire() {
		if (this.#stopped || document.visibilityState !== 'visible') return;
		if (this.#sentinel && !this.#sentinel.released) return;
		const wakeLock = (navigator as Navigator & { wakeLock?: WakeLockLike }).wakeLock;
		if (!wakeLock) {
			this.#status = this.#startFallback() ? 'fallback' : 'unsupported';
			return;
		}
		try {
			const sentinel = await wakeLock.request('screen');
			if (this.#stopped) {
				void sentinel.release();
				return;
			}
			this.#sentinel = sentinel;
			this.#acquired += 1;
			this.#status = 'on';
			sentinel.addEventListener('release', () => {
				if (this.#sentinel === sentinel) this.#sentinel = null;
				// Released by the browser (page hidden): visibilitychange asks again.
				if (!this.#stopped) this.#status = 'idle';
			});
		} catch {
			// Refused (battery saver, policy): the video still helps on many devices.
			this.#status = this.#startFallback() ? 'fallback' : 'error';
		}
	}

	#startFallback(): boolean {
		if (this.#video) return true;
		const canvas = document.createElement('canvas');
		canvas.width = 2;
		canvas.height = 2;
		const draw = canvas.getContext('2d');
		const capture = (canvas as HTMLCanvasElement & { captureStream?: (fps?: number) => MediaStream }).captureStream;
		if (!draw || typeof capture !== 'function') return false;
		let tick = 0;
		const paint = () => {
			tick = (tick + 1) % 2;
			draw.fillStyle = tick ? '#000' : '#010101';
			draw.fillRect(0, 0, 2, 2);
		};
		paint();
		const video = document.createElement('video');
		video.muted = true;
		video.playsInline = true;
		video.loop = true;
		video.setAttribute('aria-hidden', 'true');
		video.setAttribute('data-testid', 'wake-video');
		video.style.cssText = 'position:fixed;right:0;bottom:0;width:2px;height:2px;opacity:0.01;pointer-events:none;';
		video.srcObject = capture.call(canvas, 1);
		document.body.append(video);
		void video.play().catch(() => undefined);
		this.#video = video;
		this.#drawTimer = setInterval(paint, 5_000);
		return true;
	}

	#stopFallback() {
		if (this.#drawTimer !== null) clearInterval(this.#drawTimer);
		this.#drawTimer = null;
		this.#video?.remove();
		this.#video = null;
	}
}
