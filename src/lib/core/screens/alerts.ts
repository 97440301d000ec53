/** How the live screens present an alert: its colour, whether a host sees it, and its chime. */
import type { AlertKind } from '../live';

export type AlertTone = 'info' | 'warning' | 'danger';

const TONES: Record<AlertKind, AlertTone> = {
	warmup_opened: 'info',
	announced_start: 'warning',
	segment_ending_2m: 'warning',
	segment_ending_30s: 'danger',
	segment_overtime: 'danger',
	flash_sale_soon_60s: 'warning',
	flash_sale_soon_10s: 'danger',
	flash_sale_ended: 'info',
	cue_due: 'warning',
	show_end_10m: 'warning',
	behind_schedule: 'danger',
	host_offline: 'danger'
};

export function alertTone(kind: AlertKind): AlertTone {
	return TONES[kind];
}

/**
 * Alerts a host acts on. Producer cues and presence are the producer's business (a host sees the
 * cues meant for them on the card), and "behind schedule" is the producer's call to make.
 */
const FOR_HOSTS: ReadonlySet<AlertKind> = new Set([
	'warmup_opened',
	'announced_start',
	'segment_ending_2m',
	'segment_ending_30s',
	'segment_overtime',
	'flash_sale_soon_60s',
	'flash_sale_soon_10s',
	'flash_sale_ended',
	'show_end_10m'
]);

export function alertForHosts(kind: AlertKind): boolean {
	return FOR_HOSTS.has(kind);
}

/** One note of a chime: frequency (Hz), start after the chime begins and length, ms. */
export interface ChimeNote {
	hz: number;
	atMs: number;
	ms: number;
}

/** The sound of each tone (and of a new message): rising and calm for info, quicker and higher as it gets urgent. */
export function chimeNotes(tone: AlertTone | 'message'): ChimeNote[] {
	switch (tone) {
		case 'info':
			return [
				{ hz: 660, atMs: 0, ms: 180 },
				{ hz: 880, atMs: 200, ms: 260 }
			];
		case 'warning':
			return [
				{ hz: 880, atMs: 0, ms: 160 },
				{ hz: 880, atMs: 260, ms: 160 }
			];
		case 'danger':
			return [
				{ hz: 1175, atMs: 0, ms: 120 },
				{ hz: 1175, atMs: 180, ms: 120 },
				{ hz: 1175, atMs: 360, ms: 220 }
			];
		case 'message':
			return [
				{ hz: 988, atMs: 0, ms: 140 },
				{ hz: 1319, atMs: 150, ms: 320 }
			];
	}
}
