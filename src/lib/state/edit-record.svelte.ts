/**
 * An edit page over one record (a person, a product): loads it by id, holds a RecordForm over its
 * draft, saves with the version the draft was based on, and says "saved" for a moment. A response
 * for an id no longer shown is dropped.
 */
import type { z } from 'zod';
import { ApiError } from '$lib/api/client';
import { RecordForm } from './record-form.svelte';

const SAVED_NOTE_MS = 2500;

export class EditRecord<R extends { id: number; version: number }, D extends object> {
	record = $state<R | null>(null);
	form = $state<RecordForm<D> | null>(null);
	loadError = $state<ApiError | null>(null);
	savedNote = $state(false);
	#generation = 0;
	#noteTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(
		/** Reads the record (`call(endpoints.people.get, …)`). */
		private readonly read: (id: string) => Promise<R>,
		/** Saves a draft against the version it was based on (`call(endpoints.people.update, …)`). */
		private readonly write: (id: number, body: D & { expectedVersion: number }) => Promise<R>,
		private readonly draftOf: (record: R) => D,
		private readonly schema: z.ZodType
	) {}

	async load(id: string) {
		const generation = ++this.#generation;
		this.record = null;
		this.form = null;
		this.loadError = null;
		this.#hideNote();
		try {
			const record = await this.read(id);
			if (generation !== this.#generation) return;
			this.record = record;
			this.form = new RecordForm<D>(this.draftOf(record), this.schema);
		} catch (err) {
			if (generation === this.#generation) this.loadError = ApiError.from(err);
		}
	}

	/** Saves the draft (with `changes` applied first) against the version loaded. */
	async save(changes?: Partial<D>) {
		const { form, record } = this;
		if (!form || !record) return;
		if (changes) Object.assign(form.draft, changes);
		const generation = this.#generation;
		const saved = await form.submit((body) => this.write(record.id, { ...body, expectedVersion: record.version }));
		if (!saved || generation !== this.#generation) return;
		this.replace(saved);
		this.#hideNote();
		this.savedNote = true;
		this.#noteTimer = setTimeout(() => (this.savedNote = false), SAVED_NOTE_MS);
	}

	/** Shows `record` as the latest (after a save or another action on it) and resets the draft. */
	replace(record: R) {
		this.record = record;
		this.form?.reset(this.draftOf(record));
	}

	/** Stops the "saved" timer (the page is going away). */
	dispose() {
		this.#generation++;
		this.#hideNote();
	}

	#hideNote() {
		clearTimeout(this.#noteTimer);
		this.savedNote = false;
	}
}
