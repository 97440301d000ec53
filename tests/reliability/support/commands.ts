/**
 * Random live commands a producer could send for a show's run-sheet, drawn from a seeded generator;
 * and what the tests compare: a snapshot without its instant-dependent fields.
 */
import type { LiveCommandInput } from '../../../src/lib/core/live';
import type { LiveSheetPayload, LiveWireSnapshot } from '../../../src/lib/contract/live';
import type { Rng } from './rng';

/** Commands that never end the show (so a run can go on for as long as a test wants). */
export type StreamCommand = Exclude<LiveCommandInput, { type: 'start' | 'end' | 'reset' | 'message-ack' }>;

const WORDS = ['3号链接已上', '注意时间', '准备秒杀', '库存紧张', '下一位嘉宾', '提醒点关注', 'slow down', 'OK', '收尾', '福利'];

export function randomCommand(rng: Rng, sheet: LiveSheetPayload): StreamCommand {
	const segments = sheet.segments;
	const cues = segments.flatMap((s) => s.cues.map((c) => c.id));
	const products = sheet.products.map((p) => p.id);
	const flashSegments = segments.filter((s) => s.flashSale).map((s) => s.id);
	const roll = rng();
	if (roll < 0.12) return { type: 'next' };
	if (roll < 0.2) return { type: 'previous' };
	if (roll < 0.27) return { type: 'goto', segmentId: rng.pick(segments).id };
	if (roll < 0.42) return { type: 'add-time', deltaMs: rng.pick([-1, 1]) * rng.int(1, 120) * 1000 };
	if (roll < 0.48) return { type: 'pause' };
	if (roll < 0.54) return { type: 'resume' };
	if (roll < 0.68 && products.length) return { type: 'set-stock', productId: rng.pick(products), stock: rng.int(0, 500) };
	if (roll < 0.76 && cues.length) return { type: 'cue-done', cueId: rng.pick(cues), done: rng.chance(0.5) };
	if (roll < 0.82 && flashSegments.length) return { type: 'flash-sale-start', segmentId: rng.pick(flashSegments) };
	if (roll < 0.86) return { type: 'flash-sale-stop' };
	return { type: 'message', text: `${rng.pick(WORDS)} #${rng.int(1, 9999)}` };
}

/** A snapshot without `serverNow` and `timing` (which depend on when it was taken). */
export function stable(snapshot: LiveWireSnapshot) {
	const { serverNow: _now, timing: _timing, ...rest } = snapshot;
	return rest;
}
