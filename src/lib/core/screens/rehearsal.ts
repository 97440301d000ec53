import type { LiveMode, LiveStatus } from '../live';

/**
 * What the 彩排 stripe says: 'running' while a rehearsal is on (live or paused), 'ended' once it has
 * ended (until a reset or a start), null otherwise (ready, or a real broadcast).
 */
export function rehearsalStage(snapshot: { mode: LiveMode | null; status: LiveStatus } | null): 'running' | 'ended' | null {
	if (snapshot?.mode !== 'rehearsal') return null;
	if (snapshot.status === 'live' || snapshot.status === 'paused') return 'running';
	return snapshot.status === 'ended' ? 'ended' : null;
}
