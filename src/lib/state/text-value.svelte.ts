/**
 * The text↔value mechanism of the duration, money and date inputs: the field holds the text being
 * typed; each keystroke parses it, and a readable text becomes the value while an unreadable one
 * leaves the value as it was and is reported (`onunreadable`); a value changed elsewhere (a draft
 * reloaded, a product chosen) replaces the text; leaving the field writes the value back in its
 * own format.
 */
import { untrack } from 'svelte';

export type TextValueOptions<T> = {
	/** The value for a text, or undefined when the text is no such value. */
	parse: (text: string) => T | undefined;
	format: (value: T) => string;
	/** Told when the text turns unreadable (true) or readable again (false). */
	onunreadable?: (unreadable: boolean) => void;
};

export class TextValue<T> {
	/** What the field shows (bind to it). */
	text = $state('');
	/** True while the text is no value. */
	unreadable = $state(false);
	readonly #options: TextValueOptions<T>;

	constructor(options: TextValueOptions<T>) {
		this.#options = options;
	}

	/**
	 * Follows the value from outside: unless the text already reads as it, the text becomes the
	 * value's. Call from `$effect.pre` so it runs before the first render and on every change.
	 */
	follow(value: T) {
		untrack(() => {
			if (this.#options.parse(this.text) !== value) {
				this.text = this.#options.format(value);
				this.#setUnreadable(false);
			}
		});
	}

	/** Reads the text after a keystroke: the new value, or undefined when it is unreadable. */
	input(): T | undefined {
		const value = this.#options.parse(this.text);
		this.#setUnreadable(value === undefined);
		return value;
	}

	/** Leaving the field: a readable text is written back in the value's own format. */
	blur(value: T) {
		if (!this.unreadable) this.text = this.#options.format(value);
	}

	#setUnreadable(flag: boolean) {
		if (flag === this.unreadable) return;
		this.unreadable = flag;
		this.#options.onunreadable?.(flag);
	}
}
