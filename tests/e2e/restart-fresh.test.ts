/**
 * Restart, then fresh screens: for kill -9 and SIGTERM, right after an alert, a message to the host,
 * a flash-sale start and a pause (each with a figure the recorder entered), the server process is
 * restarted and a new producer page, host page, recorder page, coordinator watch page and wall are
 * opened. Each shows the right segment and countdown within 3 s, the moment's own sign (the alert
 * in the feed, the message, the sale, the pause; on the recorder page and the wall the figure), and
 * no page error. (The lockout this guards against: alerts read back from the log lost their kind,
 * and every console opened in the next 5 minutes threw and sat on 正在连接….)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRESH_SCREEN_BUDGET_MS, FreshScreensRig, RESTART_MOMENTS, RESTART_SIGNALS } from './restart-support';

let rig: FreshScreensRig;

beforeAll(async () => {
	rig = await FreshScreensRig.open();
});
afterAll(async () => {
	await rig?.close();
});

const cases = RESTART_SIGNALS.flatMap((signal) => RESTART_MOMENTS.map((moment) => [signal, moment] as const));

describe('fresh screens after a restart', () => {
	it.each(cases)('after %s right after the %s, a new producer, host, recorder and watch page and a wall show the show within 3 s', async (signal, moment) => {
		const { screens, snapshot } = await rig.run(signal, moment);
		expect(snapshot).toMatchObject({ mode: 'rehearsal', status: moment === 'pause' ? 'paused' : 'live' });
		for (const screen of screens) {
			expect(screen.shownMs, `${screen.kind} showed ${JSON.stringify(screen.seen)}; expected ${snapshot.segmentTitle}, ${snapshot.timing.remainingMs} ms`).not.toBeNull();
			expect(screen.shownMs).toBeLessThanOrEqual(FRESH_SCREEN_BUDGET_MS);
			expect(screen.momentShown, `${screen.kind}: ${moment}`).toBe(true);
			expect(screen.errors, screen.kind).toEqual([]);
		}
	});
});
