/**
 * The text↔value base of the duration, money and date inputs, without a browser: typing, an
 * unreadable text, a value changed elsewhere, and leaving the field.
 */
import { describe, expect, it } from 'vitest';
import { durationText, parseDurationText } from '../../src/lib/core/planning';
import { TextValue } from '../../src/lib/state/text-value.svelte';

function durationField() {
	const told: boolean[] = [];
	const field = new TextValue<number>({
		parse: (text) => parseDurationText(text) ?? undefined,
		format: durationText,
		onunreadable: (flag) => told.push(flag)
	});
	return { field, told };
}

describe('TextValue', () => {
	it('takes its text from the value it follows', () => {
		const { field, told } = durationField();
		field.follow(750);
		expect(field.text).toBe(durationText(750));
		expect(field.unreadable).toBe(false);
		expect(told).toEqual([]);
	});

	it('a readable text gives the value; the text stays as typed until the field is left', () => {
		const { field } = durationField();
		field.follow(60);
		field.text = '12';
		expect(field.input()).toBe(720);
		expect(field.text).toBe('12');
		// The value now matches what is typed: following it keeps the text.
		field.follow(720);
		expect(field.text).toBe('12');
		field.blur(720);
		expect(field.text).toBe(durationText(720));
	});

	it('an unreadable text gives no value, is reported once, and stays on blur', () => {
		const { field, told } = durationField();
		field.follow(60);
		field.text = '12x';
		expect(field.input()).toBeUndefined();
		field.text = '12xx';
		expect(field.input()).toBeUndefined();
		expect(field.unreadable).toBe(true);
		expect(told).toEqual([true]);
		field.blur(60);
		expect(field.text).toBe('12xx');
		field.text = '2:30';
		expect(field.input()).toBe(150);
		expect(told).toEqual([true, false]);
	});

	it('a value changed elsewhere replaces an unreadable text and clears the report', () => {
		const { field, told } = durationField();
		field.follow(60);
		field.text = 'abc';
		field.input();
		field.follow(300);
		expect(field.text).toBe(durationText(300));
		expect(field.unreadable).toBe(false);
		expect(told).toEqual([true, false]);
	});

	it('a null value (an empty money field) round-trips through the empty text', () => {
		const field = new TextValue<number | null>({ parse: (t) => (t.trim() === '' ? null : Number.isFinite(Number(t)) ? Number(t) : undefined), format: (v) => (v === null ? '' : String(v)) });
		field.follow(null);
		expect(field.text).toBe('');
		field.text = '5';
		expect(field.input()).toBe(5);
		field.text = '';
		expect(field.input()).toBeNull();
		expect(field.unreadable).toBe(false);
	});
});
