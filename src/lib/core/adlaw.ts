/**
 * Words the PRC Advertising Law forbids in ads (广告法 第九条 第三项: 不得使用"国家级"、"最高级"、
 * "最佳"等用语; 第十七条/第二十八条: no curative claims or false guarantees for ordinary goods and
 * food). A live-selling host script is advertising, so the run-sheet editor marks these words.
 *
 * Matching is leftmost-longest over the forbidden words and a list of ordinary words that merely
 * contain them (最后, 第一次, 国家级贫困县, 独特供应…): whichever is longer at a position wins, so
 * 全网最低价 is one hit and 最后 is none. Hits never overlap.
 */

export interface AdLawHit {
	/** The text as written (e.g. 'No.1' keeps its case). */
	word: string;
	/** UTF-16 offset in the text. */
	index: number;
	/** UTF-16 length. */
	length: number;
}

/** Forbidden words, grouped by why the law forbids them. Longer forms are listed so the whole phrase is marked. */
export const AD_LAW_WORDS = {
	/** 最 and its compounds (最高级用语). A bare 最 before any other character is also a hit. */
	superlative: [
		'最', '最好', '最佳', '最低', '最低价', '最便宜', '最优', '最优惠', '最优秀', '最高', '最高级', '最大',
		'最强', '最新', '最先', '最全', '最热', '最火', '最受欢迎', '最畅销', '最划算', '最实惠', '最正宗',
		'最纯', '最美', '最香', '最甜', '最好吃', '最好喝', '最健康', '最安全', '最放心', '最权威', '最专业',
		'最先进', '最顶级', '最具'
	],
	/** Firsts and uniqueness (第一、唯一、首个…). */
	first: [
		'第一', '第一品牌', '全网第一', '全国第一', '全球第一', '世界第一', '天下第一', '销量第一', '唯一',
		'首个', '首选', '首家', 'NO.1', 'NO1', 'TOP1', 'TOP.1', '销量冠军'
	],
	/** Grade and rank claims (国家级、世界级、顶级…). */
	grade: ['国家级', '世界级', '全球级', '宇宙级', '顶级', '顶尖', '极品', '至尊', '极致', '巅峰', '王牌', '领袖品牌', '领导品牌'],
	/** Price superlatives (全网最低…). */
	price: ['全网最低', '全网最低价', '全网最便宜', '史上最低价', '史上最低'],
	/** Absolute guarantees (绝对、100%…). */
	absolute: ['绝对', '100%', '100％', '１００％', '百分百', '百分之百', '万能', '零风险', '永不反弹', '无效退款'],
	/** Exclusivity and special supply (独家、特供、专供、祖传…). */
	exclusive: ['独家', '史上', '史无前例', '特供', '专供', '祖传', '祖传秘方', '宫廷秘方', '秘制配方', '国家免检', '免检'],
	/** Curative and safety claims, never allowed for food and ordinary goods. */
	medical: ['根治', '治愈', '药到病除', '包治百病', '无副作用', '无毒副作用', '抗癌', '防癌', '降血压', '降血糖', '降血脂']
} as const;

const LIMIT_NEXT = [...'0123456789一二两三四五六七八九十', '可', '能', '限', '只', '买', '购', '拍', '抢', '送', '领', '减', '省', '返', '优惠'];

/**
 * Ordinary words that contain a forbidden one and are not claims: time words (最后 "last",
 * 最近 "recent"), purchase limits and caps (最多2件, 每人最多限购, 最高减20元), ordinals (第一次,
 * 第一款, 第一个链接, 第一书记), official designations of origin (国家级贫困县, 国家级非遗), and
 * words a forbidden one merely straddles (独特供应 holds 特供, 历史上 holds 史上).
 */
const SAFE_WORDS: readonly string[] = [
	'最后', '最近', '最终', '最初', '最早', '最晚', '最迟', '最起码',
	...['最多', '最少', '最高'].flatMap((w) => LIMIT_NEXT.map((n) => w + n)),
	...['次', '天', '步', '轮', '波', '款', '个', '件', '场', '位', '时间', '口', '眼', '期', '季', '部分', '单', '批', '章', '段', '环节', '组', '道', '份', '杯', '站', '排', '回', '条', '项', '届', '年', '号', '阶段', '印象', '书记', '现场', '手', '线'].map((w) => `第一${w}`),
	...['十', '百', '千', '万'].map((w) => `第一${w}`),
	'国家级贫困县', '国家级贫困村', '国家级非遗', '国家级非物质文化遗产', '国家级自然保护区', '国家级森林公园',
	'国家级风景名胜区', '国家级地理标志', '国家级重点龙头企业', '国家级农业产业化重点龙头企业', '国家级示范',
	'独特', '历史'
];

interface Entry {
	/** Upper-cased, so Latin words match case-insensitively; CJK is unchanged by upper-casing. */
	upper: string;
	safe: boolean;
}

/** Entries by their first character, longest first; a safe word wins a tie. */
const BY_FIRST_CHAR: ReadonlyMap<string, readonly Entry[]> = (() => {
	const map = new Map<string, Entry[]>();
	const add = (text: string, safe: boolean) => {
		const upper = text.toUpperCase();
		const list = map.get(upper[0]) ?? [];
		if (!list.some((e) => e.upper === upper && e.safe === safe)) list.push({ upper, safe });
		map.set(upper[0], list);
	};
	for (const text of Object.values(AD_LAW_WORDS).flat()) add(text, false);
	for (const text of SAFE_WORDS) add(text, true);
	for (const list of map.values()) list.sort((a, b) => b.upper.length - a.upper.length || Number(b.safe) - Number(a.safe));
	return map;
})();

/**
 * Occurrences of forbidden advertising words in `text`, ordered by index, non-overlapping, the
 * longest match first (全网最低价 is one hit, not 最 + 最低). Latin words match case-insensitively
 * (No.1, Top1); `word` is the text as written.
 */
export function findAdLawWords(text: string): AdLawHit[] {
	const hits: AdLawHit[] = [];
	let i = 0;
	while (i < text.length) {
		// Compare slice by slice: upper-casing the whole text could change its length (ß → SS).
		const entry = BY_FIRST_CHAR.get(text[i].toUpperCase())?.find((e) => text.slice(i, i + e.upper.length).toUpperCase() === e.upper);
		if (!entry) {
			i += 1;
			continue;
		}
		if (!entry.safe) hits.push({ word: text.slice(i, i + entry.upper.length), index: i, length: entry.upper.length });
		i += entry.upper.length;
	}
	return hits;
}
