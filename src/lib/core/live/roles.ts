/** Who may send which live command: producers drive the show, hosts only acknowledge messages. */
import type { LiveCommandType } from './commands';
import { refuse, type LiveRefusal } from './errors';

export const LIVE_ROLES = ['producer', 'host'] as const;
export type LiveRole = (typeof LIVE_ROLES)[number];

const HOST_COMMANDS: readonly LiveCommandType[] = ['message-ack'];

/** null when `role` may send a command of `type`, else a `FORBIDDEN` refusal. */
export function authorizeCommand(role: LiveRole, type: LiveCommandType): LiveRefusal | null {
	if (role === 'producer') return null;
	if (role === 'host' && HOST_COMMANDS.includes(type)) return null;
	return refuse('FORBIDDEN', 'This link may not send that command.');
}
