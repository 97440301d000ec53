/**
 * A form over one record (a product, a person, an account): the draft, field issues from the
 * API's own zod schema (shown once the user has tried to save) and from the server (until the
 * field changes), unreadable inputs, and the submit that maps a VALIDATION error onto the fields.
 */
import { SvelteSet } from 'svelte/reactivity';
import type { z } from 'zod';
import { ApiError } from '$lib/api/client';
import type { FieldIssue } from '$lib/contract/errors';
import { valueAt, zodFieldIssues } from '$lib/contract/fields';

export class RecordForm<T extends object> {
	draft = $state() as T;
	#schema: z.ZodType;
	#attempted = $state(false);
	#server = $state<{ issue: FieldIssue; value: string }[]>([]);
	#unreadable = new SvelteSet<string>();
	#saving = $state(false);
	#error = $state<ApiError | null>(null);

	constructor(initial: T, schema: z.ZodType) {
		this.draft = initial;
		this.#schema = schema;
	}

	readonly #schemaIssues: FieldIssue[] = $derived.by(() => {
		const result = this.#schema.safeParse($state.snapshot(this.draft));
		return result.success ? [] : zodFieldIssues(result.error);
	});

	/** Issues to show now. */
	readonly issues: FieldIssue[] = $derived([
		...(this.#attempted ? this.#schemaIssues : []),
		...this.#server.filter((s) => JSON.stringify(valueAt(this.draft, s.issue.path) ?? null) === s.value).map((s) => s.issue)
	]);

	issue(path: string): FieldIssue | undefined {
		return this.issues.find((i) => i.path === path);
	}

	get saving() {
		return this.#saving;
	}
	get error() {
		return this.#error;
	}
	get attempted() {
		return this.#attempted;
	}
	/** The body is valid by the schema and every input is readable. */
	get valid() {
		return this.#schemaIssues.length === 0 && this.#unreadable.size === 0;
	}

	setUnreadable(path: string, unreadable: boolean) {
		if (unreadable) this.#unreadable.add(path);
		else this.#unreadable.delete(path);
	}

	/** Replaces the draft (after a save or a reload) and forgets the issues. */
	reset(draft: T) {
		this.draft = draft;
		this.#attempted = false;
		this.#server = [];
		this.#error = null;
		this.#unreadable.clear();
	}

	/**
	 * Validates, then sends the draft with `send`. Answers the result, or null when the form is
	 * invalid or the server refused (the issues and the error are then set).
	 */
	async submit<R>(send: (body: T) => Promise<R>): Promise<R | null> {
		this.#attempted = true;
		this.#error = null;
		if (!this.valid) return null;
		this.#saving = true;
		try {
			return await send($state.snapshot(this.draft) as T);
		} catch (err) {
			this.fail(err);
			return null;
		} finally {
			this.#saving = false;
		}
	}

	/** Records a failed action (nominate, archive…) the same way as a failed save. */
	fail(err: unknown) {
		const error = ApiError.from(err);
		this.#error = error;
		this.#server = error.fields.map((issue) => ({ issue, value: JSON.stringify(valueAt(this.draft, issue.path) ?? null) }));
	}
}

/** Puts the caret in the first field marked invalid (after a refused submit). */
export function focusFirstInvalid() {
	document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
