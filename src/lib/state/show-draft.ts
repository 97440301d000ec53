/** Edits of a show draft shared by the new-show form and the show editor. */
import type { Platform, Segment, ShowPlatform } from '$lib/core/model';

export interface CastDraft {
	hostIds: number[];
	guestIds: number[];
}

/** Adds or removes a person as host or guest (never both at once). */
export function toggleCast(draft: CastDraft, role: 'hostIds' | 'guestIds', personId: number) {
	const other = role === 'hostIds' ? 'guestIds' : 'hostIds';
	if (draft[role].includes(personId)) draft[role] = draft[role].filter((id) => id !== personId);
	else {
		draft[role] = [...draft[role], personId];
		draft[other] = draft[other].filter((id) => id !== personId);
	}
}

const USUAL: readonly Platform[] = ['douyin', 'kuaishou', 'taobao', 'douyu', 'bilibili'];

/** A new, empty platform row: the first usual platform the show is not on yet. */
export function addPlatform(draft: { platforms: ShowPlatform[] }) {
	const used = new Set(draft.platforms.map((p) => p.platform));
	const platform = USUAL.find((p) => !used.has(p)) ?? 'weixin';
	draft.platforms.push({ platform, roomUrl: '', accountName: '', followers: 0, provincial: false });
}

/** Removes a platform row; link numbers on a platform the show no longer streams on go too. */
export function removePlatform(draft: { platforms: ShowPlatform[]; segments?: Segment[] }, index: number) {
	const [removed] = draft.platforms.splice(index, 1);
	if (removed && !draft.platforms.some((p) => p.platform === removed.platform)) {
		for (const s of draft.segments ?? []) delete s.linkNumbers[removed.platform];
	}
}
