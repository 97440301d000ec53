import { describe, expect, it } from 'vitest';
import { AD_LAW_WORDS, findAdLawWords } from '../../src/lib/core/adlaw';

const words = (text: string) => findAdLawWords(text).map((h) => h.word);

describe('findAdLawWords', () => {
	it('finds each class of forbidden word', () => {
		expect(words('这款茶是最好的')).toEqual(['最好']);
		expect(words('口感最佳，价格最便宜，品质最优')).toEqual(['最佳', '最便宜', '最优']);
		expect(words('销量第一，唯一正宗，首个品牌，送礼首选')).toEqual(['销量第一', '唯一', '首个', '首选']);
		expect(words('顶级极品，国家级工艺，世界级口碑')).toEqual(['顶级', '极品', '国家级', '世界级']);
		expect(words('全网最低，全网第一')).toEqual(['全网最低', '全网第一']);
		expect(words('绝对正品，100%纯天然，百分百满意，万能调料')).toEqual(['绝对', '100%', '百分百', '万能']);
		expect(words('独家配方，史上罕见，王牌产品，领袖品牌')).toEqual(['独家', '史上', '王牌', '领袖品牌']);
		expect(words('特供茶，专供出口，祖传手艺')).toEqual(['特供', '专供', '祖传']);
		expect(words('根治失眠，无副作用')).toEqual(['根治', '无副作用']);
	});

	it('reports UTF-16 index and length so the editor can mark the word', () => {
		const text = '大家好！这是全网最低价哦';
		const [hit] = findAdLawWords(text);
		expect(hit).toEqual({ word: '全网最低价', index: 6, length: 5 });
		expect(text.slice(hit.index, hit.index + hit.length)).toBe('全网最低价');
		// Characters outside the BMP count two UTF-16 units.
		const emoji = '🍵最好';
		expect(findAdLawWords(emoji)).toEqual([{ word: '最好', index: 2, length: 2 }]);
	});

	it('prefers the longest match and never overlaps', () => {
		expect(findAdLawWords('全网最低')).toEqual([{ word: '全网最低', index: 0, length: 4 }]);
		expect(words('史上最低价')).toEqual(['史上最低价']);
		expect(words('最最好')).toEqual(['最', '最好']);
		expect(words('祖传秘方')).toEqual(['祖传秘方']);
		expect(words('无毒副作用')).toEqual(['无毒副作用']);
		const hits = findAdLawWords('全网最低价，最好吃，国家级极品，绝对100%');
		for (let i = 1; i < hits.length; i++) expect(hits[i].index).toBeGreaterThanOrEqual(hits[i - 1].index + hits[i - 1].length);
		expect(hits.map((h) => h.word)).toEqual(['全网最低价', '最好吃', '国家级', '极品', '绝对', '100%']);
	});

	it('flags any 最 compound, and a bare 最', () => {
		expect(words('最甜的橙子')).toEqual(['最甜']);
		expect(words('我最喜欢')).toEqual(['最']);
		expect(words('最')).toEqual(['最']);
	});

	it('does not flag ordinary time words, limits or ordinals', () => {
		expect(words('最后一波福利，最近很火，最终价格，最初的味道')).toEqual([]);
		expect(words('每人最多2件，最少买1份，最高减20元，最高可省10元')).toEqual([]);
		expect(words('第一款产品，第一次来直播间，第一个链接，第一口就很香，第一时间发货')).toEqual([]);
		expect(words('驻村第一书记来到第一现场')).toEqual([]);
		expect(words('第一百位下单的朋友')).toEqual([]);
	});

	it('does not flag official designations or words a forbidden one straddles', () => {
		expect(words('来自国家级贫困县，国家级非物质文化遗产')).toEqual([]);
		expect(words('独特供应链，历史上就有记载')).toEqual([]);
		// …but still flags what follows.
		expect(words('历史最低价')).toEqual(['最低价']);
		expect(words('最后一天，最低价')).toEqual(['最低价']);
		expect(words('国家级贫困县的国家级品质')).toEqual(['国家级']);
	});

	it('matches Latin words case-insensitively and keeps their spelling', () => {
		expect(words('销量No.1，TOP1好物，top1')).toEqual(['No.1', 'TOP1', 'top1']);
		expect(words('１００％果汁，百分之百')).toEqual(['１００％', '百分之百']);
	});

	it('is clean on an ordinary script and deterministic', () => {
		const script = '大家好，欢迎来到直播间！今天的恩施玉露是蒸青针形绿茶，茶汤清亮，直播间到手价39元。';
		expect(findAdLawWords(script)).toEqual([]);
		expect(findAdLawWords('')).toEqual([]);
		const text = '全网最低，绝对独家';
		expect(findAdLawWords(text)).toEqual(findAdLawWords(text));
	});

	it('finds every listed word on its own', () => {
		for (const word of Object.values(AD_LAW_WORDS).flat()) {
			const hits = findAdLawWords(`看${word}。`);
			expect(hits, word).toHaveLength(1);
			expect(hits[0].word.toUpperCase(), word).toBe(word.toUpperCase());
		}
	});
});
