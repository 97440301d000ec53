/**
 * Who may send which live command: producers drive the show, hosts only acknowledge messages, the
 * 场记 (recorder) controls nothing. Who may write the audience figures: producers and recorders.
 */
import type { LiveCommandType } from './commands';
import { refuse, type LiveRefusal } from './errors';

export const LIVE_ROLES = ['producer', 'host', 'recorder'] as const;
export type LiveRole = (typeof LIVE_ROLES)[number];

const HOST_COMMANDS: readonly LiveCommandType[] = ['message-ack'];

/** null when `role` may send a command of `type`, else a `FORBIDDEN` refusal. */
export function authorizeCommand(role: LiveRole, type: LiveCommandType): LiveRefusal | null {
	if (role === 'producer') return null;
	if (role === 'host' && HOST_COMMANDS.includes(type)) return null;
	return refuse('FORBIDDEN', 'This link may not send that command.');
}

/** Roles that add, correct and delete a run's figures; hosts and coordinators only read (hosts one figure). */
export const FIGURE_WRITERS: readonly string[] = ['producer', 'recorder'];

/** null when `role` may write figures (`settings`: change the show's figure settings, producers only), else a `FORBIDDEN` refusal. */
export function authorizeFigures(role: string, what: 'write' | 'settings'): { ok: false; code: 'FORBIDDEN'; message: string } | null {
	if (what === 'settings' ? role === 'producer' : FIGURE_WRITERS.includes(role)) return null;
	return { ok: false, code: 'FORBIDDEN', message: what === 'settings' ? 'Only the producer link may change the figure settings.' : 'This link may not write figures.' };
}
