/**
 * Alert chimes on a live screen, made with Web Audio (no sound files). Browsers let a page play
 * sound only after a tap or a key press, so sound starts with `enable()` from one; the choice is
 * remembered per device (localStorage), and on a later visit the first tap or key press anywhere
 * turns it back on. A screen that never chose has its default (on for the producer console).
 */
import { chimeNotes, type AlertTone } from '../core/screens';

const PREF_KEY = 'showcall.sound';

type AudioContextCtor = typeof AudioContext;

function audioContextClass(): AudioContextCtor | null {
	if (typeof window === 'undefined') return null;
	const w = window as unknown as { AudioContext?: AudioContextCtor; webkitAudioContext?: AudioContextCtor };
	return w.AudioContext ?? w.webkitAudioContext ?? null;
}

function readPref(key: string, defaultOn: boolean): boolean {
	try {
		const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(key);
		return stored === null ? defaultOn : stored === 'on';
	} catch {
		return defaultOn;
	}
}

function writePref(key: string, on: boolean) {
	try {
		if (typeof localStorage !== 'undefined') localStorage.setItem(key, on ? 'on' : 'off');
	} catch {
		// Storage blocked: the choice lasts for this page.
	}
}

export class AlertSound {
	#ctx: AudioContext | null = null;
	#enabled = $state(false);
	#wanted = $state(false);
	#enabling: Promise<boolean> | null = null;
	/** How many chimes have played (diagnostics and tests). */
	#played = $state(0);
	#lastTone = $state<AlertTone | 'message' | null>(null);

	readonly #key: string;

	/** `defaultOn`: whether sound is wanted on a device that never chose; `key`: where the choice is kept (one per kind of screen). */
	constructor(options: { defaultOn?: boolean; key?: string } = {}) {
		this.#key = options.key ?? PREF_KEY;
		this.#wanted = readPref(this.#key, options.defaultOn ?? false);
	}

	/** The browser can make sound at all. */
	get supported(): boolean {
		return audioContextClass() !== null;
	}
	/** Sound is on and the audio context is running. */
	get enabled() {
		return this.#enabled;
	}
	/** The person asked for sound (remembered), even if this page is still waiting for a tap. */
	get wanted() {
		return this.#wanted;
	}
	get played() {
		return this.#played;
	}
	get lastTone() {
		return this.#lastTone;
	}

	/** Turns sound on; call from a tap or key handler. Plays a short chime to confirm. */
	enable(): Promise<boolean> {
		// A tap is both the first gesture and a click on the button: one chime.
		this.#enabling ??= this.#enable().finally(() => (this.#enabling = null));
		return this.#enabling;
	}

	async #enable(): Promise<boolean> {
		if (this.#enabled) return true;
		const Ctor = audioContextClass();
		if (!Ctor) return false;
		try {
			this.#ctx ??= new Ctor();
			if (this.#ctx.state === 'suspended') await this.#ctx.resume();
		} catch {
			return false;
		}
		this.#enabled = this.#ctx.state === 'running';
		this.#wanted = true;
		writePref(this.#key, true);
		if (this.#enabled) this.play('info');
		return this.#enabled;
	}

	disable() {
		this.#enabled = false;
		this.#wanted = false;
		writePref(this.#key, false);
		void this.#ctx?.suspend().catch(() => undefined);
	}

	toggle() {
		return this.#enabled ? (this.disable(), Promise.resolve(false)) : this.enable();
	}

	/**
	 * When sound was wanted on an earlier visit, turns it on at the first tap or key press on the page.
	 * Returns the function that stops listening.
	 */
	armOnFirstGesture(): () => void {
		if (typeof window === 'undefined') return () => undefined;
		const onGesture = () => {
			stop();
			if (this.#wanted && !this.#enabled) void this.enable();
		};
		const stop = () => {
			window.removeEventListener('pointerdown', onGesture, true);
			window.removeEventListener('keydown', onGesture, true);
		};
		window.addEventListener('pointerdown', onGesture, true);
		window.addEventListener('keydown', onGesture, true);
		return stop;
	}

	/** Plays the chime of a tone, if sound is on. */
	play(tone: AlertTone | 'message') {
		const ctx = this.#ctx;
		if (!this.#enabled || !ctx) return;
		const t0 = ctx.currentTime + 0.02;
		for (const note of chimeNotes(tone)) {
			const osc = ctx.createOscillator();
			const gain = ctx.createGain();
			osc.type = 'sine';
			osc.frequency.value = note.hz;
			const start = t0 + note.atMs / 1000;
			const end = start + note.ms / 1000;
			// A soft attack and decay: no clicks.
			gain.gain.setValueAtTime(0.0001, start);
			gain.gain.exponentialRampToValueAtTime(0.35, start + 0.015);
			gain.gain.exponentialRampToValueAtTime(0.0001, end);
			osc.connect(gain).connect(ctx.destination);
			osc.start(start);
			osc.stop(end + 0.02);
		}
		this.#played += 1;
		this.#lastTone = tone;
	}

	close() {
		void this.#ctx?.close().catch(() => undefined);
		this.#ctx = null;
		this.#enabled = false;
	}
}
