/**
 * The campaign around the demo show, so the progress page, the forms and the after-show reports
 * mean something on first start: nominations from most cities (some short of 5, some complete),
 * nominated 扶贫大使, provincial demo shows already held (each with a real event log written through
 * the live reducer and its sales figures), city shows held and coming (one not reported in time,
 * one with its poster overdue), and host-training sessions.
 */
import type { LiveCommand } from '../../src/lib/core/live';
import type { PersonInput, Product, ProductCategory, ProductInput, Segment, ShowInput, ShowStatus } from '../../src/lib/core/model';
import { buildSegment, standardRunSheet } from '../../src/lib/core/runsheet';
import { planAnchor } from '../../src/lib/core/schedule';
import { PROVINCE_CODE, unitByCode } from '../../src/lib/core/units';
import type { Deps } from '../deps';
import { newSegmentId, newSlug } from '../domain/ids';
import { newToken } from '../planning/links.service';
import { replayRun, type RunStep } from '../live/live-script';
import { DAY, shanghaiAt } from './seed-time';

const MIN = 60_000;

type Row = [unit: string, shop: string, platform: string, name: string, origin: string, spec: string, daily: number, lowest: number | null, live: number, coupon: string, points: string, category: ProductCategory, shelfDays: number, selected: boolean];

/** Nominations (附件3) beyond the demo show's products and the planning demo's (seed.planning.ts). */
const NOMINATIONS: Row[] = [
	['wuhan', '黄陂蜂业合作社', '淘宝', '黄陂荆条蜂蜜', '湖北省武汉市黄陂区', '500克/瓶', 68, 52, 49, '拍下立减', '木兰山荆条花蜜；结晶细腻', 'tonic', 730, true],
	['wuhan', '蔡甸莲藕合作社', '抖音小店', '蔡甸莲藕', '湖北省武汉市蔡甸区', '5千克/箱', 59, 45, 45, '直接改价', '粉藕炖汤；九孔藕；产地直发', 'fruit_veg', 15, false],
	['wuhan', '新洲粮油店', '京东', '新洲生态香米', '湖北省武汉市新洲区', '5千克/袋', 69, 55, 52, '10元优惠券', '稻虾共作；米香浓郁', 'grain_oil', 365, true],
	['enshi', '恩施土家特产店', '拼多多', '恩施土豆片', '湖北省恩施州', '250克×4袋', 39.9, 29.9, 29.9, '拍下立减', '富硒土豆；非油炸', 'snacks', 180, true],
	['enshi', '鹤峰杂粮店', '京东', '鹤峰富硒苦荞', '湖北省恩施州鹤峰县', '1千克/袋', 45, 36, 35, '拍下立减', '富硒高山苦荞；煮粥泡茶', 'grain_oil', 365, true],
	['yichang', '宜红茶业旗舰店', '天猫', '宜红工夫茶', '湖北省宜昌市五峰县', '250克/罐', 138, 99, 99, '10元优惠券', '百年宜红；条索紧细', 'tea', 720, true],
	['yichang', '清江椪柑合作社', '淘宝', '长阳清江椪柑', '湖北省宜昌市长阳县', '5千克/箱', 49, 39, 36, '拍下立减', '清江畔；果皮易剥', 'fruit_veg', 20, false],
	['yichang', '远安香菇店', '拼多多', '远安花菇', '湖北省宜昌市远安县', '250克/袋', 58, 45, 45, '拍下立减', '冬菇肉厚；自然晾晒', 'dried_goods', 365, true],
	['yichang', '夷陵农家店', '抖音小店', '夷陵红心柚', '湖北省宜昌市夷陵区', '2.5千克/箱', 49.9, 39.9, 39.9, '直接改价', '红心果肉；清甜多汁', 'fruit_veg', 30, false],
	['suizhou', '随州泡泡青合作社', '淘宝', '随州泡泡青', '湖北省随州市曾都区', '2.5千克/箱', 39, 29, 29, '拍下立减', '随州特有冬季蔬菜', 'fruit_veg', 10, false],
	['suizhou', '曾都蜜枣店', '拼多多', '曾都蜜枣', '湖北省随州市曾都区', '500克/袋', 36, 28, 28, '拍下立减', '传统工艺；软糯香甜', 'dried_goods', 300, false],
	['shennongjia', '神农架山珍店', '淘宝', '神农架野生木耳', '湖北省神农架林区', '250克/袋', 68, 55, 55, '10元优惠券', '林区椴木；肉厚爽脆', 'dried_goods', 540, true],
	['xiaogan', '云梦鱼面店', '淘宝', '云梦鱼面', '湖北省孝感市云梦县', '500克/盒', 39, 32, 29, '拍下立减', '鱼肉和面；非遗技艺', 'grain_oil', 365, true],
	['xiaogan', '安陆白花菜合作社', '抖音小店', '安陆白花菜', '湖北省孝感市安陆市', '400克×2袋', 35, 28, 28, '直接改价', '腌制风味；下饭神器', 'fruit_veg', 180, false],
	['xiaogan', '应城糍粑店', '拼多多', '应城糍粑', '湖北省孝感市应城市', '1千克/袋', 29.9, 23.9, 23.9, '拍下立减', '糯米手工打制', 'snacks', 60, false],
	['xiaogan', '孝感米酒坊', '淘宝', '孝感米酒', '湖北省孝感市', '500克×6瓶', 48, 39, 39, '拍下立减', '糯米发酵；酒香清甜', 'alcohol', 90, false],
	['huanggang', '英山云雾茶店', '天猫', '英山云雾茶', '湖北省黄冈市英山县', '125克/罐', 128, 99, 98, '10元优惠券', '大别山高山茶；汤色嫩绿', 'tea', 540, true],
	['huanggang', '罗田板栗合作社', '淘宝', '罗田板栗', '湖北省黄冈市罗田县', '2.5千克/袋', 59, 45, 45, '拍下立减', '中国板栗之乡；粉糯香甜', 'dried_goods', 90, true],
	['huanggang', '蕲春蕲艾堂', '京东', '蕲春艾条', '湖北省黄冈市蕲春县', '10支/盒', 58, 45, 45, '拍下立减', '李时珍故里；三年陈艾', 'other', 1095, false],
	['huanggang', '黄梅挑花工坊', '抖音小店', '黄梅挑花布艺包', '湖北省黄冈市黄梅县', '30×25厘米', 128, 99, 99, '直接改价', '国家级非遗；手工挑花', 'handicraft', 3650, true],
	['huanggang', '麻城菊花合作社', '淘宝', '麻城福白菊', '湖北省黄冈市麻城市', '100克/罐', 68, 49, 49, '拍下立减', '高山菊花；泡水清香', 'beverage', 540, false],
	['huanggang', '红安农家店', '拼多多', '红安苕粉', '湖北省黄冈市红安县', '1千克/袋', 36, 28, 28, '拍下立减', '红薯手工粉条', 'grain_oil', 365, false],
	['huanggang', '浠水巴河藕店', '淘宝', '巴河莲藕', '湖北省黄冈市浠水县', '5千克/箱', 55, 45, 45, '直接改价', '九孔粉藕；炖汤首选', 'fruit_veg', 15, false],
	['huanggang', '武穴山药合作社', '京东', '武穴佛手山药', '湖北省黄冈市武穴市', '2.5千克/箱', 69, 55, 55, '拍下立减', '形如佛手；粉糯绵密', 'fruit_veg', 30, false],
	['xianning', '赤壁青砖茶厂', '天猫', '赤壁青砖茶', '湖北省咸宁市赤壁市', '1千克/片', 198, 158, 158, '10元优惠券', '羊楼洞砖茶；万里茶道起点', 'tea', 3650, true],
	['xianning', '通山农家店', '淘宝', '通山乌骨鸡蛋', '湖北省咸宁市通山县', '30枚/箱', 59, 45, 45, '拍下立减', '林下散养；蛋黄饱满', 'meat_egg', 30, false],
	['xianning', '嘉鱼珍湖合作社', '拼多多', '嘉鱼珍湖莲藕', '湖北省咸宁市嘉鱼县', '5千克/箱', 49, 39, 39, '直接改价', '湖区粉藕', 'fruit_veg', 15, false],
	['xiangyang', '襄阳牛肉面馆', '抖音小店', '襄阳牛肉面礼盒', '湖北省襄阳市', '4人份/盒', 59, 45, 45, '拍下立减', '牛油红汤；早餐必备', 'grain_oil', 180, true],
	['xiangyang', '南漳山珍店', '淘宝', '南漳香菇', '湖北省襄阳市南漳县', '250克/袋', 49, 39, 39, '拍下立减', '高山椴木香菇', 'dried_goods', 365, false],
	['xiangyang', '保康白茶合作社', '天猫', '保康高山白茶', '湖北省襄阳市保康县', '100克/罐', 158, 128, 128, '10元优惠券', '高山云雾；毫香显露', 'tea', 720, true],
	['xiangyang', '谷城粉条坊', '拼多多', '谷城红薯粉条', '湖北省襄阳市谷城县', '1千克/袋', 32, 25, 25, '拍下立减', '纯红薯淀粉；久煮不烂', 'grain_oil', 365, false],
	['xiangyang', '老河口果园', '淘宝', '老河口砂梨', '湖北省襄阳市老河口市', '5千克/箱', 45, 35, 35, '直接改价', '皮薄汁多；脆甜', 'fruit_veg', 25, false],
	['jingzhou', '监利粮油旗舰店', '京东', '监利大米', '湖北省荆州市监利市', '5千克/袋', 59.9, 49.9, 49.9, '10元优惠券', '江汉平原当季新米', 'grain_oil', 365, true],
	['jingzhou', '荆州鱼糕坊', '抖音小店', '荆州鱼糕', '湖北省荆州市', '500克/盒', 68, 55, 55, '拍下立减', '楚菜名点；鱼香浓郁', 'aquatic', 180, true],
	['jingzhou', '公安葡萄合作社', '淘宝', '公安葡萄', '湖北省荆州市公安县', '2.5千克/箱', 69, 55, 55, '拍下立减', '阳光玫瑰；皮薄无核', 'fruit_veg', 15, false],
	['jingzhou', '洪湖藕带店', '拼多多', '洪湖酸辣藕带', '湖北省荆州市洪湖市', '300克×3袋', 39.9, 29.9, 29.9, '拍下立减', '洪湖特产；爽脆开胃', 'aquatic', 180, false],
	['jingzhou', '江陵九黄饼店', '淘宝', '江陵九黄饼', '湖北省荆州市江陵县', '500克/盒', 36, 28, 28, '直接改价', '百年糕点；层层起酥', 'snacks', 90, false],
	['jingzhou', '石首鱼肚店', '京东', '石首笔架鱼肚', '湖北省荆州市石首市', '100克/盒', 298, 238, 238, '10元优惠券', '长江名产；滋补佳品', 'tonic', 720, false],
	['shiyan', '房县花菇合作社', '淘宝', '房县花菇', '湖北省十堰市房县', '250克/袋', 59, 48, 48, '拍下立减', '秦巴山区椴木花菇', 'dried_goods', 365, false],
	['shiyan', '郧阳农家店', '拼多多', '郧阳胭脂米', '湖北省十堰市郧阳区', '2.5千克/袋', 79, 65, 65, '拍下立减', '红色稻米；营养丰富', 'grain_oil', 365, false],
	['huangshi', '阳新农家店', '淘宝', '阳新湖蒿', '湖北省黄石市阳新县', '1千克/箱', 39, 29, 29, '直接改价', '湖区野生湖蒿', 'fruit_veg', 7, false],
	['xiantao', '沔阳三蒸坊', '抖音小店', '沔阳三蒸', '湖北省仙桃市', '3盒/套', 89, 69, 69, '拍下立减', '非遗名菜；加热即食', 'meat_egg', 180, false],
	['xiantao', '仙桃黄鳝合作社', '淘宝', '仙桃黄鳝', '湖北省仙桃市', '1千克/份', 98, 78, 78, '直接改价', '中国黄鳝之乡', 'aquatic', 3, false],
	['qianjiang', '潜江虾稻米业', '京东', '潜江虾稻大米', '湖北省潜江市', '5千克/袋', 69, 55, 55, '拍下立减', '虾稻共作；绿色食品', 'grain_oil', 365, true],
	['qianjiang', '潜江龙虾调料厂', '拼多多', '潜江龙虾调料', '湖北省潜江市', '200克×3袋', 29.9, 22.9, 22.9, '拍下立减', '一料成菜；麻辣鲜香', 'seasoning', 365, false],
	['qianjiang', '潜江农家店', '淘宝', '潜江虾球', '湖北省潜江市', '500克/袋', 79, 65, 65, '拍下立减', '急冻锁鲜；即食', 'aquatic', 180, false],
	['qianjiang', '潜江菜干坊', '淘宝', '潜江萝卜干', '湖北省潜江市', '500克/袋', 25, 19.9, 19.9, '拍下立减', '传统晒制；脆爽下饭', 'dried_goods', 365, false]
];

const AREA: Record<string, string> = {
	wuhan: '027', huangshi: '0714', shiyan: '0719', yichang: '0717', xiangyang: '0710', ezhou: '0711', jingmen: '0724', xiaogan: '0712', jingzhou: '0716', huanggang: '0713', xianning: '0715', suizhou: '0722', enshi: '0718', xiantao: '0728', qianjiang: '0728', tianmen: '0728', shennongjia: '0719'
};
const CONTACTS = ['张伟', '王静', '李娜', '刘强', '陈洁', '杨帆', '黄磊', '赵敏', '周涛', '吴霞'];

function nomination(row: Row, i: number): ProductInput {
	const [unitCode, shopName, shopPlatform, name, origin, spec, daily, lowest, live, couponRule, sellingPoints, category, shelfLifeDays, selected] = row;
	const fen = (yuan: number) => Math.round(yuan * 100);
	const url: Record<string, string> = {
		天猫: `https://detail.tmall.com/item.htm?id=6${String(710000000 + i)}`,
		淘宝: `https://item.taobao.com/item.htm?id=6${String(820000000 + i)}`,
		京东: `https://item.jd.com/1000${String(30000000 + i)}.html`,
		拼多多: `https://mobile.yangkeduo.com/goods.html?goods_id=4${String(30000000 + i)}`,
		抖音小店: `https://haohuo.jinritemai.com/views/product/item2?id=36${String(13000000 + i)}`
	};
	return {
		unitCode,
		shopName,
		shopPlatform,
		name,
		origin,
		spec,
		dailyPriceFen: fen(daily),
		lowestPriceFen: lowest === null ? null : fen(lowest),
		livePriceFen: fen(live),
		priceNote: '',
		couponRule,
		sellingPoints,
		stock: 300 + ((i * 137) % 20) * 100,
		productUrl: url[shopPlatform] ?? null,
		platformEvent: i % 5 === 0 ? '参与聚划算' : '否',
		contactName: CONTACTS[i % CONTACTS.length],
		contactPhone: `${AREA[unitCode] ?? '027'}-${String(8200000 + ((i * 7919) % 1_000_000)).padStart(7, '0')}`,
		category,
		shelfLifeDays,
		qualityCert: category === 'fruit_veg' ? '' : `SC1${String(1042000000000 + i * 1013)}`,
		catalogues: selected ? ['hubei_poverty'] : [],
		status: selected ? 'selected' : 'candidate'
	};
}

const AMBASSADORS: PersonInput[] = [
	{
		unitCode: 'yichang',
		name: '覃思远',
		gender: 'male',
		ethnicity: '土家族',
		birthMonth: '1994-08',
		politicalStatus: '中共党员',
		position: '秭归县脐橙产业协会 副会长',
		contact: '13800000014',
		platforms: [{ platform: 'douyin', account: '橙子哥思远', followers: 386_000 }],
		intro: '秭归返乡青年，带领合作社发展电商，年销脐橙两千余吨，多次参与公益助农直播。',
		reason: '熟悉产业，直播经验丰富，带动农户增收成效明显。',
		unitOpinion: '同意推荐'
	},
	{
		unitCode: 'huanggang',
		name: '程雨桐',
		gender: 'female',
		ethnicity: '汉族',
		birthMonth: '1999-02',
		politicalStatus: '共青团员',
		position: '黄梅挑花非遗传承人',
		contact: '13800000015',
		platforms: [
			{ platform: 'kuaishou', account: '挑花姑娘雨桐', followers: 218_000 },
			{ platform: 'bilibili', account: '雨桐的挑花日记', followers: 96_000 }
		],
		intro: '国家级非遗黄梅挑花青年传承人，用短视频记录挑花技艺，作品走进多所高校课堂。',
		reason: '青年典型，传播非遗文化，正能量网红。',
		unitOpinion: '同意推荐'
	},
	{
		unitCode: 'wuhan',
		name: '彭子涵',
		gender: 'female',
		ethnicity: '汉族',
		birthMonth: '1997-12',
		politicalStatus: '共青团员',
		position: '武汉广播电视台 记者',
		contact: '13800000016',
		platforms: [{ platform: 'weibo', account: '子涵看武汉', followers: 512_000 }],
		intro: '长期关注湖北乡村振兴报道，策划多期“青春为家乡代言”主题短视频。',
		reason: '媒体从业者，传播力强，形象健康。',
		unitOpinion: '同意推荐'
	}
];

/** Hosts of the cities whose coming shows would otherwise have none of their own (a city show casts its own unit's people). */
const CITY_HOSTS: PersonInput[] = [
	{ unitCode: 'xiangyang', name: '魏晨阳', gender: 'male', ethnicity: '汉族', birthMonth: '1996-04', politicalStatus: '共青团员', position: '襄阳广播电视台 主持人', contact: '13800000017', platforms: [{ platform: 'douyin', account: '晨阳说襄阳', followers: 168_000 }], intro: '襄阳本地主持人，主持“襄阳早餐”系列短视频。', reason: '熟悉襄阳风物，表达亲切。', unitOpinion: '同意推荐' },
	{ unitCode: 'jingzhou', name: '邓可欣', gender: 'female', ethnicity: '汉族', birthMonth: '1998-07', politicalStatus: '共青团员', position: '荆州市融媒体中心 记者', contact: '13800000018', platforms: [{ platform: 'kuaishou', account: '可欣逛荆州', followers: 142_000 }], intro: '荆州青年记者，长期报道江汉平原农产品。', reason: '熟悉产地，镜头表现好。', unitOpinion: '同意推荐' },
	{ unitCode: 'suizhou', name: '曾浩然', gender: 'male', ethnicity: '汉族', birthMonth: '1995-10', politicalStatus: '中共党员', position: '随州市青年电商协会 主播', contact: '13800000019', platforms: [{ platform: 'douyin', account: '浩然的随州香菇', followers: 205_000 }], intro: '随州返乡青年，经营香菇电商合作社。', reason: '助农经验丰富。', unitOpinion: '同意推荐' }
];

interface PastShow {
	unitCode: string;
	kind: 'demo' | 'city';
	title: string;
	location: string;
	daysAgo: number;
	products: string[];
	/** Reported (报备) this many days before the start; late when under 3. */
	reportedDaysBefore: number;
	flashSaleOn?: string;
	sales: [orders: number, units: number, gmvYuan: number][];
}

const PAST_SHOWS: PastShow[] = [
	{ unitCode: PROVINCE_CODE, kind: 'demo', title: '「小青优品」示范直播 · 恩施富硒好物', location: '恩施州宣恩县 仙山贡水景区', daysAgo: 41, products: ['恩施玉露', '利川红工夫红茶', '恩施土豆片', '鹤峰富硒苦荞', '神农架野生木耳', '随州香菇'], reportedDaysBefore: 6, flashSaleOn: '恩施土豆片', sales: [[412, 498, 36822], [96, 102, 13056], [1388, 1702, 50778], [254, 280, 9800], [188, 201, 11055], [322, 361, 12635]] },
	{ unitCode: PROVINCE_CODE, kind: 'demo', title: '「小青优品」示范直播 · 长江三峡鲜甜季', location: '宜昌市秭归县 屈原故里文化旅游区', daysAgo: 34, products: ['秭归脐橙', '宜红工夫茶', '远安花菇', '孝感麻糖', '神农架蜂蜜'], reportedDaysBefore: 5, flashSaleOn: '秭归脐橙', sales: [[2210, 2645, 105536], [188, 196, 19404], [402, 455, 20475], [611, 730, 19564], [233, 251, 19578]] },
	{ unitCode: PROVINCE_CODE, kind: 'demo', title: '「小青优品」示范直播 · 大别山红色好礼', location: '黄冈市红安县 红安干部学院', daysAgo: 27, products: ['英山云雾茶', '罗田板栗', '黄梅挑花布艺包', '蔡林记热干面', '京山桥米'], reportedDaysBefore: 4, sales: [[356, 380, 37240], [902, 1011, 45495], [77, 79, 7821], [1320, 1688, 50471], [540, 602, 30040]] },
	{ unitCode: PROVINCE_CODE, kind: 'demo', title: '「小青优品」示范直播 · 江汉平原好味道', location: '荆州市 荆州古城东门', daysAgo: 20, products: ['监利大米', '荆州鱼糕', '潜江油焖小龙虾', '潜江虾稻大米', '咸宁桂花糕', '赤壁青砖茶'], reportedDaysBefore: 2, flashSaleOn: '潜江油焖小龙虾', sales: [[812, 930, 46407], [455, 512, 28160], [1504, 1650, 163350], [640, 702, 38610], [388, 430, 12857], [65, 66, 10428]] },
	{ unitCode: PROVINCE_CODE, kind: 'demo', title: '「小青优品」示范直播 · 汉水襄阳', location: '襄阳市 襄阳古城 昭明台', daysAgo: 13, products: ['襄阳牛肉面礼盒', '保康高山白茶', '武当道茶', '黄陂荆条蜂蜜', '汪玉霞糕点礼盒'], reportedDaysBefore: 5, sales: [[702, 788, 35460], [121, 125, 16000], [98, 104, 10296], [344, 390, 19110], [260, 281, 18546]] },
	{ unitCode: 'wuhan', kind: 'city', title: '武汉团市委 · 江城好物直播间', location: '武汉市江汉区 江汉路步行街', daysAgo: 24, products: ['蔡林记热干面', '汪玉霞糕点礼盒', '黄陂荆条蜂蜜', '新洲生态香米', '蔡甸莲藕'], reportedDaysBefore: 4, sales: [[980, 1210, 36179], [180, 194, 12804], [222, 240, 11760], [310, 355, 18460], [90, 95, 8455]] },
	{ unitCode: 'wuhan', kind: 'city', title: '武汉团市委 · 过早与伴手礼', location: '武汉市武昌区 户部巷', daysAgo: 9, products: ['蔡林记热干面', '汪玉霞糕点礼盒', '新洲生态香米', '黄陂荆条蜂蜜', '精武鸭脖锁鲜装'], reportedDaysBefore: 3.5, sales: [[760, 901, 26940], [150, 161, 10626], [266, 290, 15080], [198, 210, 10290], [301, 333, 8924]] },
	{ unitCode: 'enshi', kind: 'city', title: '恩施州团委 · 硒乡好物', location: '恩施市 土家女儿城', daysAgo: 30, products: ['恩施玉露', '利川红工夫红茶', '恩施土豆片', '鹤峰富硒苦荞', '来凤凤头姜'], reportedDaysBefore: 5, sales: [[301, 340, 30260], [80, 84, 10752], [990, 1180, 35282], [166, 180, 6300], [40, 41, 4018]] },
	{ unitCode: 'enshi', kind: 'city', title: '恩施州团委 · 土家年货节', location: '恩施州利川市 腾龙洞景区', daysAgo: 6, products: ['恩施玉露', '利川红工夫红茶', '恩施土豆片', '鹤峰富硒苦荞', '建始魔芋粉丝'], reportedDaysBefore: 4, sales: [[255, 290, 25810], [70, 72, 9216], [870, 1010, 30199], [140, 150, 5250], [66, 70, 5460]] },
	{ unitCode: 'huanggang', kind: 'city', title: '黄冈团市委 · 大别山好物', location: '黄冈市英山县 茶叶市场', daysAgo: 16, products: ['英山云雾茶', '罗田板栗', '黄梅挑花布艺包', '麻城福白菊', '武穴佛手山药'], reportedDaysBefore: 4, sales: [[210, 221, 21658], [630, 700, 31500], [55, 56, 5544], [120, 133, 6517], [95, 99, 5445]] }
];

interface FutureShow {
	unitCode: string;
	kind: 'demo' | 'city';
	title: string;
	location: string;
	inDays: number;
	products: string[];
	status: ShowStatus;
	reported: boolean;
	poster: boolean;
}

const FUTURE_SHOWS: FutureShow[] = [
	{ unitCode: PROVINCE_CODE, kind: 'demo', title: '「小青优品」示范直播 · 神农架山珍', location: '神农架林区 木鱼镇', inDays: 14, products: ['神农架蜂蜜', '神农架野生木耳', '房县花菇', '郧阳胭脂米', '武当道茶'], status: 'approved', reported: true, poster: false },
	{ unitCode: PROVINCE_CODE, kind: 'demo', title: '「小青优品」示范直播 · 潜江龙虾节', location: '潜江市 龙虾城', inDays: 22, products: ['潜江油焖小龙虾', '潜江虾稻大米', '潜江龙虾调料', '监利大米', '江陵九黄饼'], status: 'draft', reported: false, poster: false },
	{ unitCode: 'yichang', kind: 'city', title: '宜昌团市委 · 三峡柑橘季', location: '宜昌市夷陵区 三峡大坝旅游区', inDays: 2, products: ['秭归脐橙', '宜红工夫茶', '远安花菇', '长阳清江椪柑', '夷陵红心柚'], status: 'draft', reported: false, poster: false },
	{ unitCode: 'xiangyang', kind: 'city', title: '襄阳团市委 · 襄阳早餐文化节', location: '襄阳市樊城区 诸葛亮广场', inDays: 1, products: ['襄阳牛肉面礼盒', '南漳香菇', '保康高山白茶', '谷城红薯粉条', '老河口砂梨'], status: 'approved', reported: true, poster: false },
	{ unitCode: 'jingzhou', kind: 'city', title: '荆州团市委 · 荆楚鱼米乡', location: '荆州市沙市区 荆州之星', inDays: 10, products: ['监利大米', '荆州鱼糕', '公安葡萄', '洪湖酸辣藕带', '江陵九黄饼'], status: 'reported', reported: true, poster: true },
	{ unitCode: 'suizhou', kind: 'city', title: '随州团市委 · 炎帝故里好物', location: '随州市 炎帝故里景区', inDays: 18, products: ['随州香菇', '随州泡泡青', '曾都蜜枣'], status: 'draft', reported: false, poster: false }
];

const TRAININGS: { unitCode: string; days: number; title: string; place: string; trainer: string; attendees: number; notes: string }[] = [
	{ unitCode: PROVINCE_CODE, days: -52, title: '全省网络主播训练营', place: '湖北青年干部学院（武汉市洪山区）', trainer: '斗鱼直播运营中心；湖北日报全媒体', attendees: 86, notes: '两天：直播规范与广告法、产品讲解、场控协作、彩排实操' },
	{ unitCode: 'wuhan', days: -38, title: '武汉市网络主播训练营', place: '武汉青年之家（江汉区）', trainer: '快手湖北运营团队', attendees: 42, notes: '' },
	{ unitCode: 'enshi', days: -36, title: '恩施州助农主播培训班', place: '恩施州青年创业园', trainer: '抖音电商学习中心', attendees: 35, notes: '结合彩排功能做了两轮模拟直播' },
	{ unitCode: 'yichang', days: -29, title: '宜昌市网络主播训练营', place: '三峡大学 创新创业学院', trainer: 'B站知识区 UP 主', attendees: 51, notes: '' },
	{ unitCode: 'xiangyang', days: -21, title: '襄阳市直播带货培训', place: '襄阳市青少年宫', trainer: '长江云新媒体中心', attendees: 28, notes: '' },
	{ unitCode: 'jingzhou', days: -15, title: '荆州市网络主播训练营', place: '长江大学 东校区', trainer: '淘宝直播湖北基地', attendees: 40, notes: '' },
	{ unitCode: 'huanggang', days: 8, title: '黄冈市网络主播训练营', place: '黄冈职业技术学院', trainer: '斗鱼直播运营中心', attendees: 60, notes: '报名中' }
];

/** Seeds the campaign around the demo; runs once, on the first start, in the seed's transaction. */
export function seedCampaign(deps: Deps, now: number) {
	const { products, people, shows, demo, training } = deps.repos;
	NOMINATIONS.forEach((row, i) => products.create(nomination(row, i), now - (60 - i) * DAY));
	AMBASSADORS.forEach((p) => people.create(p, now, { ambassador: 'nominated', ambassadorNominatedAt: now - 10 * DAY, ambassadorNominatedBy: `${unitByCode(p.unitCode)?.zh ?? p.unitCode}团委` }));
	const library = products.list({ status: 'all' });
	const byName = (name: string): Product => {
		const p = library.find((x) => x.name === name);
		if (!p) throw new Error(`campaign product ${name} missing`);
		return p;
	};
	CITY_HOSTS.forEach((p) => people.create(p, now));
	const everyone = people.list();
	// The planning rules: a provincial show casts anyone, a city show its own unit's people.
	const hostsFor = (unitCode: string) =>
		(unitCode === PROVINCE_CODE ? everyone.filter((p) => p.unitCode === PROVINCE_CODE || p.unitCode === 'wuhan') : everyone.filter((p) => p.unitCode === unitCode)).slice(0, 2);
	const platforms = (unitCode: string): ShowInput['platforms'] =>
		unitCode === PROVINCE_CODE
			? [
					{ platform: 'douyin', roomUrl: 'https://live.douyin.com/qingchunhubei', accountName: '青春湖北', followers: 1_286_000, provincial: true },
					{ platform: 'kuaishou', roomUrl: 'https://live.kuaishou.com/u/qingchunhubei', accountName: '青春湖北', followers: 865_000, provincial: true }
				]
			: [{ platform: 'douyin', roomUrl: `https://live.douyin.com/${unitCode}youth`, accountName: `${unitCode === 'wuhan' ? '青春武汉' : '青春' + unitCode}`, followers: 236_000 + unitCode.length * 11_000, provincial: false }];

	const create = (s: { unitCode: string; kind: 'demo' | 'city'; title: string; location: string; startsAt: number; products: string[] }, withFlashSale?: string) => {
		const list = s.products.map(byName);
		const sheet = standardRunSheet({ products: list, plannedDurationMin: 100, newId: newSegmentId });
		if (withFlashSale) {
			const p = byName(withFlashSale);
			const at = sheet.findIndex((seg) => seg.productId === p.id);
			const flash = buildSegment(newSegmentId, 'flash_sale', `限时秒杀：${p.name}`, 5, {
				script: `秒杀规则：限量 200 份，${(Math.round(p.livePriceFen * 0.8) / 100).toFixed(2)} 元，每个账号限购 2 份。`,
				notes: '先改价再上库存。',
				productId: p.id,
				livePriceFen: Math.round(p.livePriceFen * 0.8),
				couponRule: '直接改价',
				stock: 200,
				flashSale: { priceFen: Math.round(p.livePriceFen * 0.8), quantity: 200, windowSec: 120, offsetSec: 60, rules: '限量200份，每个账号限购2份。' }
			});
			sheet.splice(at + 1, 0, flash);
			// Keep the broadcast at 100 minutes: the closing gives up the flash sale's time when it can.
			const closing = sheet[sheet.length - 1];
			if (closing.durationSec > 5 * 60) closing.durationSec = 5 * 60;
		}
		return shows.create(
			{
				unitCode: s.unitCode,
				title: s.title,
				kind: s.kind,
				location: s.location,
				startsAt: s.startsAt,
				plannedDurationMin: 100,
				platforms: platforms(s.unitCode),
				hostIds: hostsFor(s.unitCode).map((h) => h.id),
				guestIds: [],
				executingParty: s.unitCode === PROVINCE_CODE ? '湖北青年传媒有限公司' : '本地青年电商协会',
				salesChannel: '企业自营网店',
				commission: { charged: false, listingFee: false, note: '公益直播，不收取上架费、佣金' },
				productIds: list.map((p) => p.id),
				slug: newSlug(),
				producerToken: newToken(),
				hostToken: newToken(),
				recorderToken: newToken()
			},
			sheet,
			now
		);
	};

	PAST_SHOWS.forEach((s, n) => {
		const startsAt = shanghaiAt(now, -s.daysAgo, 19, 30);
		const show = create({ ...s, startsAt }, s.flashSaleOn);
		const reportedAt = startsAt - Math.round(s.reportedDaysBefore * DAY);
		demo.setShowLifecycle(show.id, {
			status: 'ended',
			reportedAt,
			reportedBy: s.unitCode === PROVINCE_CODE ? 'admin' : `${s.unitCode}`,
			approvedAt: reportedAt + DAY / 2,
			approvedBy: 'admin',
			posterPublishedAt: startsAt - 4 * DAY
		});
		replayRun({ db: deps.db, ...deps.repos }, show.id, runScript(show.startsAt, show.segments, n));
		deps.services.sales.save(
			{ ...show, status: 'ended' },
			s.sales.map(([orders, units, gmv], i) => ({ productId: byName(s.products[i]).id, orders, units, gmvFen: Math.round(gmv * 100) })),
			'admin'
		);
	});

	for (const s of FUTURE_SHOWS) {
		const startsAt = shanghaiAt(now, s.inDays, 19, 30);
		const show = create({ ...s, startsAt });
		demo.setShowLifecycle(show.id, {
			status: s.status,
			reportedAt: s.reported ? Math.min(now - DAY, startsAt - 5 * DAY) : null,
			reportedBy: s.reported ? 'admin' : null,
			approvedAt: s.status === 'approved' ? Math.min(now - DAY / 2, startsAt - 4 * DAY) : null,
			approvedBy: s.status === 'approved' ? 'admin' : null,
			posterPublishedAt: s.poster ? Math.min(now - DAY, startsAt - 4 * DAY) : null
		});
	}

	for (const t of TRAININGS) {
		training.create({ unitCode: t.unitCode, title: t.title, startsAt: shanghaiAt(now, t.days, 9, 0), place: t.place, trainer: t.trainer, attendees: t.attendees, notes: t.notes }, now);
	}
}

/**
 * How a past show went, deterministic per show: the warm-up opens a little early or late, each
 * segment runs a little over or under, one pause, one time added, flash sales a few seconds off,
 * messages to the hosts (acknowledged), a stock update, then the end.
 */
function runScript(startsAt: number, sheet: readonly Segment[], n: number): RunStep[] {
	let seed = 1000 + n * 7919;
	const rand = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
	const jitter = (maxSec: number) => Math.round((rand() * 2 - 1) * maxSec) * 1000;
	const steps: RunStep[] = [];
	let t = planAnchor(startsAt, sheet) + jitter(60);
	const push = (at: number, command: LiveCommand, actor = 'producer:laptop') => steps.push({ at, command, actor });
	push(t, { type: 'start', mode: 'live' });
	// The reducer names a message after the version its command produces: one more than the steps so far.
	const nextMessageId = () => `m${steps.length + 1}`;
	sheet.forEach((segment, i) => {
		// The warm-up runs until the announced start (give or take seconds): the opening is on the dot.
		let length = segment.kind === 'warmup' ? startsAt - t + jitter(8) : segment.durationSec * 1000 + jitter(segment.kind === 'product' ? 150 : 60);
		if (i > 0) push(t, { type: 'next' });
		const segStart = t;
		if (segment.kind === 'opening') {
			const id = nextMessageId();
			push(segStart + 40_000, { type: 'message', text: '开场准点，注意介绍购买方式' });
			push(segStart + 55_000, { type: 'message-ack', messageId: id }, 'host:tablet');
		}
		if (segment.flashSale) {
			const at = segStart + segment.flashSale.offsetSec * 1000 + Math.abs(jitter(20));
			push(at, { type: 'flash-sale-start' });
			push(at + 30_000, { type: 'set-stock', productId: segment.productId!, stock: 200 - 120 - (n % 3) * 10 });
		}
		if (segment.kind === 'product' && i === 3 + (n % 3)) {
			push(segStart + 4 * MIN, { type: 'pause' });
			push(segStart + 5 * MIN + 30_000, { type: 'resume' });
			length += 90_000;
		}
		if (segment.kind === 'product' && i === 5 + (n % 2)) {
			push(segStart + 8 * MIN, { type: 'add-time', deltaMs: 2 * MIN });
			push(segStart + 8 * MIN + 10_000, { type: 'message', text: '嘉宾试吃反响好，本环节加 2 分钟' });
			length += 2 * MIN;
		}
		t = segStart + Math.max(60_000, length);
	});
	push(t, { type: 'end' });
	return steps.sort((a, b) => a.at - b.at);
}
