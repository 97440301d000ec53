/**
 * More of the demo, for the planning pages: nominations from more cities (so the library and the
 * 5–8 counts look like a campaign under way), more hosts and ambassadors, and three more shows
 * after the demo show — a Wuhan city show still in draft (with errors to fix), an Enshi city show
 * reported, and a second provincial show approved — so the list and the calendar have a month of
 * work in them. Runs inside the first-start transaction, after the demo show.
 */
import type { PersonInput, ProductInput } from '../../src/lib/core/model';
import { standardRunSheet } from '../../src/lib/core/runsheet';
import { PROVINCE_CODE } from '../../src/lib/core/units';
import type { Deps } from '../deps';
import { newSegmentId, newSlug } from '../domain/ids';
import { newToken } from '../planning/links.service';
import { DAY, shanghaiAt } from './seed-time';
import { withSpeakers } from '../planning/show.service';


type Nomination = Omit<ProductInput, 'priceNote' | 'platformEvent'> & Partial<Pick<ProductInput, 'priceNote' | 'platformEvent'>>;

const PRODUCTS: Nomination[] = [
	{ unitCode: 'enshi', shopName: '利川红茶业旗舰店', shopPlatform: '天猫', name: '利川红工夫红茶', origin: '湖北省恩施州利川市', spec: '150克/罐', dailyPriceFen: 16800, lowestPriceFen: 12800, livePriceFen: 12800, couponRule: '20元优惠券', sellingPoints: '高山云雾茶园；花果香浓；冷后浑明显', stock: 500, productUrl: 'https://detail.tmall.com/item.htm?id=600000000101', contactName: '谭雪', contactPhone: '0718-7231234', category: 'tea', shelfLifeDays: 730, qualityCert: '国家地理标志保护产品；SC11442280200456', catalogues: ['hubei_poverty', 'jingchu'], status: 'selected' },
	{ unitCode: 'enshi', shopName: '土家山寨腊味坊', shopPlatform: '抖音小店', name: '恩施土家腊肉', origin: '湖北省恩施州宣恩县', spec: '500克/袋', dailyPriceFen: 6800, lowestPriceFen: 5500, livePriceFen: 4990, couponRule: '拍下立减', sellingPoints: '柴火烟熏；三线五花；真空包装', stock: 800, productUrl: 'https://haohuo.jinritemai.com/views/product/item2?id=3612000000102', contactName: '田勇', contactPhone: '0718-3851234', category: 'meat_egg', shelfLifeDays: 180, qualityCert: 'SC10442282500123', catalogues: ['hubei_poverty'], status: 'candidate' },
	{ unitCode: 'enshi', shopName: '鹤峰葛业专营店', shopPlatform: '淘宝', name: '鹤峰野生葛粉', origin: '湖北省恩施州鹤峰县', spec: '500克/罐', dailyPriceFen: 5800, lowestPriceFen: 4200, livePriceFen: 3990, couponRule: '10元优惠券', sellingPoints: '野生葛根；传统水磨；冲调细腻', stock: 600, productUrl: 'https://item.taobao.com/item.htm?id=680000000103', contactName: '向东', contactPhone: '0718-5281234', category: 'grain_oil', shelfLifeDays: 540, qualityCert: 'SC10142282800345', catalogues: ['hubei_poverty', 'tequ'], status: 'candidate' },
	{ unitCode: 'enshi', shopName: '建始魔芋食品店', shopPlatform: '拼多多', name: '建始魔芋粉丝', origin: '湖北省恩施州建始县', spec: '200克×5袋', dailyPriceFen: 3500, lowestPriceFen: 2600, livePriceFen: 2490, couponRule: '拍下立减', sellingPoints: '高山魔芋；低脂饱腹；开袋即煮', stock: 2000, productUrl: 'https://mobile.yangkeduo.com/goods.html?goods_id=400000000104', contactName: '黄琴', contactPhone: '0718-3321234', category: 'dried_goods', shelfLifeDays: 365, qualityCert: 'SC12342282200678', catalogues: ['hubei_poverty'], status: 'candidate' },
	{ unitCode: 'enshi', shopName: '来凤凤头姜旗舰店', shopPlatform: '淘宝', name: '来凤凤头姜', origin: '湖北省恩施州来凤县', spec: '480克/瓶', dailyPriceFen: 3990, lowestPriceFen: 2990, livePriceFen: 2990, couponRule: '直接改价', sellingPoints: '国家地理标志产品；脆嫩微辣；下饭佐餐', stock: 1000, productUrl: 'https://item.taobao.com/item.htm?id=680000000105', contactName: '杨帆', contactPhone: '0718-6281234', category: 'seasoning', shelfLifeDays: 360, qualityCert: '国家地理标志产品；SC10342283300901', catalogues: ['hubei_poverty', 'tequ'], status: 'selected' },
	{ unitCode: 'wuhan', shopName: '汪玉霞食品旗舰店', shopPlatform: '天猫', name: '汪玉霞糕点礼盒', origin: '湖北省武汉市', spec: '8种口味/盒', dailyPriceFen: 8800, lowestPriceFen: 6800, livePriceFen: 6800, couponRule: '10元优惠券', sellingPoints: '百年老字号；传统中式糕点；送礼体面', stock: 600, productUrl: 'https://detail.tmall.com/item.htm?id=600000000106', contactName: '周敏', contactPhone: '027-82771234', category: 'snacks', shelfLifeDays: 120, qualityCert: '中华老字号；SC12442010300789', catalogues: ['jingchu'], status: 'candidate' },
	{ unitCode: 'wuhan', shopName: '精武鸭脖官方店', shopPlatform: '抖音小店', name: '精武鸭脖锁鲜装', origin: '湖北省武汉市', spec: '300克/盒', dailyPriceFen: 3990, lowestPriceFen: 2990, livePriceFen: 2990, couponRule: '拍下立减', sellingPoints: '武汉风味卤制；锁鲜包装；麻辣鲜香', stock: 1500, productUrl: 'https://haohuo.jinritemai.com/views/product/item2?id=3612000000107', contactName: '余涛', contactPhone: '027-85881234', category: 'meat_egg', shelfLifeDays: 15, qualityCert: 'SC10442010200456', catalogues: [], status: 'candidate' },
	{ unitCode: 'shiyan', shopName: '武当道茶旗舰店', shopPlatform: '京东', name: '武当道茶', origin: '湖北省十堰市丹江口市', spec: '250克/盒', dailyPriceFen: 12800, lowestPriceFen: 9800, livePriceFen: 9800, couponRule: '15元优惠券', sellingPoints: '武当山南麓茶园；清香回甘；国家地理标志', stock: 400, productUrl: 'https://item.jd.com/100000000108.html', contactName: '程亮', contactPhone: '0719-8651234', category: 'tea', shelfLifeDays: 540, qualityCert: '国家地理标志保护产品；SC11442030100567', catalogues: ['jingchu', 'tequ'], status: 'selected' },
	{ unitCode: 'huanggang', shopName: '罗田板栗合作社', shopPlatform: '拼多多', name: '罗田甘栗仁', origin: '湖北省黄冈市罗田县', spec: '100克×10袋', dailyPriceFen: 4990, lowestPriceFen: 3990, livePriceFen: 3690, couponRule: '拍下立减', sellingPoints: '大别山板栗；即食甘甜；独立小袋', stock: 3000, productUrl: 'https://mobile.yangkeduo.com/goods.html?goods_id=400000000109', contactName: '方园', contactPhone: '0713-5081234', category: 'dried_goods', shelfLifeDays: 270, qualityCert: '国家地理标志产品；SC11842112300234', catalogues: ['hubei_poverty', 'tequ'], status: 'selected' },
	{ unitCode: 'jingzhou', shopName: '洪湖莲藕食品旗舰店', shopPlatform: '天猫', name: '洪湖莲藕粉', origin: '湖北省荆州市洪湖市', spec: '350克/罐', dailyPriceFen: 4580, lowestPriceFen: 3580, livePriceFen: 3280, couponRule: '10元优惠券', sellingPoints: '洪湖九孔藕；无添加蔗糖；冲调顺滑', stock: 1200, productUrl: 'https://detail.tmall.com/item.htm?id=600000000110', contactName: '朱慧', contactPhone: '0716-2451234', category: 'beverage', shelfLifeDays: 720, qualityCert: '绿色食品 LB-45-20010901234A', catalogues: ['hubei_poverty', 'jingchu'], status: 'selected' },
	{ unitCode: 'xianning', shopName: '咸宁桂花食品店', shopPlatform: '淘宝', name: '咸宁桂花糕', origin: '湖北省咸宁市咸安区', spec: '300克/盒', dailyPriceFen: 2990, lowestPriceFen: 2290, livePriceFen: 1990, couponRule: '直接改价', sellingPoints: '桂花之乡；软糯清甜；手工蒸制', stock: 1500, productUrl: 'https://item.taobao.com/item.htm?id=680000000111', contactName: '舒婷', contactPhone: '0715-8121234', category: 'snacks', shelfLifeDays: 90, qualityCert: 'SC12442120200876', catalogues: ['jingchu'], status: 'selected' },
	{ unitCode: 'xiangyang', shopName: '襄阳大头菜老字号', shopPlatform: '京东', name: '襄阳大头菜', origin: '湖北省襄阳市', spec: '250克×4袋', dailyPriceFen: 2680, lowestPriceFen: 1980, livePriceFen: 1980, couponRule: '拍下立减', sellingPoints: '百年腌制工艺；咸香脆嫩；佐粥下饭', stock: 2500, productUrl: 'https://item.jd.com/100000000112.html', contactName: '魏峰', contactPhone: '0710-3221234', category: 'seasoning', shelfLifeDays: 360, qualityCert: 'SC11642060100345', catalogues: ['jingchu'], status: 'selected' },
	{ unitCode: 'huangshi', shopName: '黄石港饼老店', shopPlatform: '抖音小店', name: '黄石港饼', origin: '湖北省黄石市', spec: '10枚/盒', dailyPriceFen: 3680, lowestPriceFen: 2980, livePriceFen: 2980, couponRule: '10元优惠券', sellingPoints: '湖北非遗技艺；千层酥皮；芝麻香甜', stock: 1000, productUrl: 'https://haohuo.jinritemai.com/views/product/item2?id=3612000000113', contactName: '胡斌', contactPhone: '0714-6221234', category: 'snacks', shelfLifeDays: 60, qualityCert: 'SC12442020300123', catalogues: ['jingchu'], status: 'candidate' },
	{ unitCode: 'qianjiang', shopName: '潜江虾谷旗舰店', shopPlatform: '天猫', name: '潜江油焖小龙虾', origin: '湖北省潜江市', spec: '1.5千克/盒（净虾750克）', dailyPriceFen: 12800, lowestPriceFen: 8800, livePriceFen: 9900, priceNote: '今年虾价上涨，到手价已含冷链运费', couponRule: '20元优惠券', sellingPoints: '中国小龙虾之乡；油焖秘制；冷链到家', stock: 800, productUrl: 'https://detail.tmall.com/item.htm?id=600000000114', contactName: '严俊', contactPhone: '0728-6221234', category: 'aquatic', shelfLifeDays: 180, qualityCert: '国家地理标志产品；SC10442900500678', catalogues: ['jingchu', 'tequ'], status: 'selected' }
];

const PEOPLE: (PersonInput & { ambassador?: 'nominated' })[] = [
	{ unitCode: 'huanggang', name: '王欣悦', gender: 'female', ethnicity: '汉族', birthMonth: '1997-09', politicalStatus: '共青团员', position: '黄冈市融媒体中心 主持人', contact: '13800000004', platforms: [{ platform: 'douyin', account: '欣悦带你游黄冈', followers: 310_000 }], intro: '黄冈本地主持人，主持大别山农产品推介直播二十余场。', reason: '熟悉大别山特产，镜头表现力强。', unitOpinion: '同意推荐' },
	{ unitCode: 'shiyan', name: '陈思远', gender: 'male', ethnicity: '汉族', birthMonth: '1994-02', politicalStatus: '中共党员', position: '丹江口市茶叶协会 秘书长', contact: '13800000005', platforms: [{ platform: 'kuaishou', account: '思远说道茶', followers: 520_000 }], intro: '返乡大学生，创办茶叶电商合作社，带动两百余户茶农增收，长期直播推介武当道茶。', reason: '助农成效显著，粉丝基础好，形象正面。', unitOpinion: '同意推荐，建议授予「青春为家乡代言·扶贫大使」称号', ambassador: 'nominated' },
	{ unitCode: 'wuhan', name: '刘畅', gender: 'female', ethnicity: '汉族', birthMonth: '1999-12', politicalStatus: '共青团员', position: '武汉市青联委员 非遗糕点传承人', contact: '13800000006', platforms: [{ platform: 'bilibili', account: '刘畅的糕点铺', followers: 180_000 }], intro: '汉派糕点非遗技艺第四代传承人，在B站分享传统糕点制作。', reason: '传承老字号技艺，适合讲解武汉特产。', unitOpinion: '同意推荐' },
	{ unitCode: 'enshi', name: '谭晓峰', gender: 'male', ethnicity: '土家族', birthMonth: '1995-06', politicalStatus: '共青团员', position: '恩施州青年电商协会 主播', contact: '13800000007', platforms: [{ platform: 'douyin', account: '晓峰的土家山货', followers: 680_000 }], intro: '土家族青年主播，专注恩施硒茶和山货直播。', reason: '恩施本地直播经验丰富。', unitOpinion: '同意推荐' }
];

export function seedPlanningDemo(deps: Deps, now: number) {
	const products = PRODUCTS.map((p) => deps.repos.products.create({ priceNote: '', platformEvent: '否', ...p }, now));
	const people = PEOPLE.map(({ ambassador, ...p }) =>
		deps.repos.people.create(p, now, ambassador ? { ambassador, ambassadorNominatedAt: now - 5 * DAY, ambassadorNominatedBy: '十堰团市委' } : {})
	);
	const library = deps.repos.products.list({ status: 'all' });
	const person = (name: string) => [...people, ...deps.repos.people.list()].find((p) => p.name === name)!.id;
	const product = (name: string) => library.find((p) => p.name === name)!;

	const show = (
		input: { unitCode: string; title: string; kind: 'demo' | 'city'; location: string; startsAt: number; plannedDurationMin: number; hostIds: number[]; guestIds: number[]; productNames: string[] },
		platforms: Parameters<Deps['repos']['shows']['create']>[0]['platforms'],
		extra: { executingParty: string; salesChannel: string }
	) => {
		const ordered = input.productNames.map(product);
		const hosts = input.hostIds.map((id) => deps.repos.people.get(id)!.name);
		const guests = input.guestIds.map((id) => deps.repos.people.get(id)!.name);
		const sheet = withSpeakers(standardRunSheet({ products: ordered, plannedDurationMin: input.plannedDurationMin, newId: newSegmentId }), hosts, guests);
		return deps.repos.shows.create(
			{
				unitCode: input.unitCode,
				title: input.title,
				kind: input.kind,
				location: input.location,
				startsAt: input.startsAt,
				plannedDurationMin: input.plannedDurationMin,
				platforms,
				hostIds: input.hostIds,
				guestIds: input.guestIds,
				commission: { charged: false, listingFee: false, note: '公益直播，不收取上架费、佣金' },
				productIds: ordered.map((p) => p.id),
				slug: newSlug(),
				producerToken: newToken(),
				hostToken: newToken(),
				recorderToken: newToken(),
				...extra
			},
			sheet,
			now
		);
	};

	// A Wuhan city show in draft: three products so far and no host yet — the checks say so.
	show(
		{ unitCode: 'wuhan', title: '武汉过早 · 老字号好味道', kind: 'city', location: '武汉市江汉区 汉口里直播基地', startsAt: shanghaiAt(now, 12, 19, 30), plannedDurationMin: 90, hostIds: [], guestIds: [person('刘畅')], productNames: ['蔡林记热干面', '汪玉霞糕点礼盒', '精武鸭脖锁鲜装'] },
		[{ platform: 'douyin', roomUrl: 'https://live.douyin.com/wuhanqingnian', accountName: '青春武汉', followers: 356_000, provincial: false }],
		{ executingParty: '武汉青年传媒中心', salesChannel: '抖音小店（企业自营店铺）' }
	);

	// An Enshi city show, reported.
	const enshi = show(
		{ unitCode: 'enshi', title: '硒望恩施 · 土家山货专场', kind: 'city', location: '恩施州恩施市 女儿城直播间', startsAt: shanghaiAt(now, 16, 19, 0), plannedDurationMin: 120, hostIds: [person('谭晓峰')], guestIds: [person('向春燕')], productNames: ['恩施玉露', '利川红工夫红茶', '鹤峰野生葛粉', '建始魔芋粉丝', '来凤凤头姜'] },
		[
			{ platform: 'douyin', roomUrl: 'https://live.douyin.com/enshiqingnian', accountName: '青春恩施', followers: 412_000, provincial: false },
			{ platform: 'kuaishou', roomUrl: 'https://live.kuaishou.com/u/qingchunhubei', accountName: '青春湖北', followers: 865_000, provincial: true }
		],
		{ executingParty: '恩施州青年电商协会', salesChannel: '抖音小店、快手小店（企业自营店铺）' }
	);
	deps.repos.demo.setShowLifecycle(enshi.id, { status: 'reported', reportedAt: now - 2 * DAY, reportedBy: '恩施州团委' });

	// A second provincial demo show, approved.
	const second = show(
		{ unitCode: PROVINCE_CODE, title: '「青春为家乡代言」示范直播 · 荆楚山水有好物', kind: 'demo', location: '湖北广播电视台 融媒体演播室', startsAt: shanghaiAt(now, 21, 19, 30), plannedDurationMin: 120, hostIds: [person('李晓婷'), person('王欣悦')], guestIds: [person('陈思远')], productNames: ['武当道茶', '罗田甘栗仁', '洪湖莲藕粉', '咸宁桂花糕', '襄阳大头菜', '潜江油焖小龙虾'] },
		[
			{ platform: 'douyin', roomUrl: 'https://live.douyin.com/qingchunhubei', accountName: '青春湖北', followers: 1_286_000, provincial: true },
			{ platform: 'douyu', roomUrl: 'https://www.douyu.com/qingchunhubei', accountName: '青春湖北', followers: 214_000, provincial: true }
		],
		{ executingParty: '湖北青年传媒有限公司', salesChannel: '天猫、京东、抖音小店（企业自营店铺）' }
	);
	deps.repos.demo.setShowLifecycle(second.id, { status: 'approved', reportedAt: now - 3 * DAY, reportedBy: '团省委宣传部', approvedAt: now - DAY, approvedBy: '团省委宣传部' });
}
