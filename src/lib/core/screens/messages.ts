/** Producer → host messages: the presets on the composer and which messages still wait for a host. */
import { MAX_MESSAGE_LENGTH, type LiveMessage } from '../live';

/** The composer's presets, in order; their text is in the screens catalog (`screens.preset.<id>`). */
export const MESSAGE_PRESETS = ['faster', 'slower', 'camera', 'link', 'flashSale', 'timeUp'] as const;
export type MessagePreset = (typeof MESSAGE_PRESETS)[number];

export type MessageIssue = 'empty' | 'too_long';

/** The text to send, trimmed, or why it cannot be sent. */
export function checkMessage(text: string): { ok: true; text: string } | { ok: false; issue: MessageIssue } {
	const trimmed = text.trim();
	if (!trimmed) return { ok: false, issue: 'empty' };
	if (trimmed.length > MAX_MESSAGE_LENGTH) return { ok: false, issue: 'too_long' };
	return { ok: true, text: trimmed };
}

/** Messages no host has acknowledged yet, oldest first. */
export function unacknowledged(messages: readonly LiveMessage[]): LiveMessage[] {
	return messages.filter((m) => m.ackedAt === null).sort((a, b) => a.sentAt - b.sentAt);
}
