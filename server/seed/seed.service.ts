/**
 * First start: the campaign's units (every start, idempotent), the `admin` account, and a
 * realistic demo — Hubei products with full 附件3 data, hosts and a guest, and one provincial demo
 * show with the notice's standard run-sheet — so a newcomer sees a real run-of-show at once.
 */
import { PROVINCE_CODE } from '../../src/lib/core/units';
import type { PersonInput, ProductInput, Segment } from '../../src/lib/core/model';
import { buildSegment } from '../../src/lib/core/runsheet';
import type { Deps } from '../deps';
import { newSegmentId, newSlug } from '../domain/ids';
import { newToken } from '../planning/links.service';
import { seedPlanningDemo } from './seed.planning';
import { seedCampaign } from './seed-campaign';
import { DAY, shanghaiAt } from './seed-time';
import { hashPassword, randomPassword } from '../accounts/password';

export interface SeedResult {
	/** Set when the admin account was created by this start with a generated password. */
	generatedAdminPassword: string | null;
	adminCreated: boolean;
	demoShowId: number | null;
}


export async function seed(deps: Deps, adminPassword: string | null, options: { campaign?: boolean } = {}): Promise<SeedResult> {
	deps.repos.units.ensureCampaignUnits();
	if (deps.repos.accounts.count() > 0) return { generatedAdminPassword: null, adminCreated: false, demoShowId: null };

	const password = adminPassword ?? randomPassword();
	const passwordHash = await hashPassword(password);
	const now = deps.clock();
	const demoShowId = deps.db.transaction(() => {
		deps.repos.accounts.create({ username: 'admin', passwordHash, unitCode: PROVINCE_CODE, role: 'admin', displayName: '团省委宣传部', createdAt: now });
		const id = seedDemo(deps, now);
		// The campaign around it (seed-campaign.ts); tests opt in, so their world stays small.
		if (options.campaign !== false) seedCampaign(deps, now);
		return id;
	});
	return { generatedAdminPassword: adminPassword ? null : password, adminCreated: true, demoShowId };
}

function seedDemo(deps: Deps, now: number): number {
	const products = DEMO_PRODUCTS.map((p) => deps.repos.products.create(p, now));
	const [host1, host2, guest] = DEMO_PEOPLE.map((p, i) =>
		deps.repos.people.create(p, now, i === 2 ? { ambassador: 'awarded', ambassadorAwardedAt: now - 30 * DAY, ambassadorAwardedBy: 'admin' } : {})
	);
	const byName = (name: string) => {
		const product = products.find((p) => p.name === name);
		if (!product) throw new Error(`demo product ${name} missing`);
		return product;
	};

	const seg = (s: Partial<Segment> & Pick<Segment, 'kind' | 'title' | 'durationSec'>): Segment => buildSegment(newSegmentId, s.kind, s.title, s.durationSec / 60, s);
	const cue = (offsetSec: number, text: string, forHost = false) => ({ id: newSegmentId(), offsetSec, text, forHost });
	const slot = (name: string, link: number, durationMin: number, script: string, extra: Partial<Segment> = {}) => {
		const p = byName(name);
		return seg({
			kind: 'product',
			title: `${p.name}`,
			durationSec: durationMin * 60,
			script,
			notes: `样品${p.spec}已摆上讲解台；${p.couponRule ? `优惠：${p.couponRule}。` : ''}店铺：${p.shopName}`,
			speakers: [host1.name, host2.name],
			productId: p.id,
			livePriceFen: p.livePriceFen,
			couponRule: p.couponRule,
			stock: p.stock,
			linkNumbers: { douyin: link, kuaishou: link },
			cues: [cue(0, `讲解 ${link}号链接`), cue(120, `上链接 #${link}`, true), ...(p.couponRule ? [cue(300, '发券')] : [])],
			...extra
		});
	};

	const sheet: Segment[] = [
		seg({
			kind: 'warmup',
			title: '活动预热',
			durationSec: 15 * 60,
			script:
				'欢迎大家来到「青春为家乡代言」直播间！今晚我们带来湖北各地的好物。\n互动话题：你的家乡在哪里？家乡最让你想念的味道是什么？评论区告诉我们。\n提醒大家点右上角关注、点亮粉丝灯牌，七点半准时开场，开场就有福利。',
			notes: '检查两个平台推流、声音；场记开始记录在线人数。',
			speakers: [host1.name, host2.name],
			cues: [cue(60, '置顶公告：19:30 准时开场', true), cue(600, '开场倒计时贴片')]
		}),
		seg({
			kind: 'opening',
			title: '开场介绍',
			durationSec: 5 * 60,
			script:
				'各位网友晚上好！这里是共青团湖北省委「青春湖北」直播间。\n今年，团省委联合省委网信办、省农业农村厅、省商务厅、省扶贫办开展「青春为家乡代言」活动，为湖北农副产品、名优产品广开销路。\n今晚的产品都来自湖北扶贫产品目录和「荆楚优品」，由各市州团委精选推荐。\n购买方式：点击屏幕下方小黄车，按主播说的链接号下单，企业直接发货。',
			notes: '开场必须准点；嘉宾在侧台候场。',
			speakers: [host1.name, host2.name]
		}),
		slot(
			'恩施玉露',
			1,
			12,
			'恩施玉露是中国传统蒸青绿茶，产自恩施州芭蕉侗族乡的高山茶园，富硒土壤。\n现场冲泡：85℃水温，看茶叶舒展，汤色嫩绿明亮。\n日常价 128 元一罐，今天直播间到手价 89 元，下单再送同款茶样两小包。'
		),
		slot(
			'秭归脐橙',
			2,
			12,
			'秭归是屈原故里，长江三峡边的脐橙，皮薄多汁、酸甜适口。\n现场切开给大家看果肉。5 公斤装约 16 到 20 个果。\n生鲜产品 48 小时内产地直发，坏果包赔，拍照联系客服即可。',
			{ speakers: [host1.name, guest.name] }
		),
		slot(
			'蔡林记热干面',
			3,
			12,
			'过早来碗热干面！这是武汉老字号蔡林记的热干面，芝麻酱是灵魂。\n现场试吃：面条筋道，酱香浓郁。一盒五人份，配料包齐全，三分钟就能做好。'
		),
		seg({
			kind: 'flash_sale',
			title: '限时秒杀：热干面',
			durationSec: 5 * 60,
			script: '秒杀规则：3号链接，限量 200 份，19.9 元，每个账号限购 2 份。倒数三秒后开抢！',
			notes: '先改价再上库存，确认后口播。',
			speakers: [host1.name],
			productId: byName('蔡林记热干面').id,
			livePriceFen: 1990,
			couponRule: '直接改价',
			stock: 200,
			linkNumbers: { douyin: 3, kuaishou: 3 },
			flashSale: { priceFen: 1990, quantity: 200, windowSec: 120, offsetSec: 60, rules: '限量200份，每个账号限购2份，秒杀价不叠加优惠券。' },
			cues: [cue(30, '改价 19.9'), cue(60, '放库存 200'), cue(60, '秒杀开始', true)]
		}),
		slot(
			'随州香菇',
			4,
			12,
			'随州是「中国香菇之乡」，这是花菇，菌盖厚、香味浓。\n现场用温水泡发给大家看，煲汤、炒菜都合适。250 克可以吃很多次。'
		),
		seg({
			kind: 'interaction',
			title: '互动抽奖',
			durationSec: 10 * 60,
			script: '问答互动：恩施玉露是什么茶？第一个在评论区答对的网友送一罐茶。\n点赞到 10 万开启福袋抽奖。',
			notes: '福袋奖品：恩施玉露 3 罐，热干面 5 盒。',
			speakers: [host1.name, host2.name, guest.name],
			cues: [cue(0, '发福袋'), cue(300, '公布中奖名单', true)]
		}),
		slot(
			'神农架蜂蜜',
			5,
			12,
			'神农架林区的土蜂蜜，百花蜜，一年只取一次。\n现场拉丝给大家看，浓稠度高。冲水、抹面包都好吃。'
		),
		slot(
			'孝感麻糖',
			6,
			10,
			'孝感麻糖，湖北传统名点，芝麻香、糯米甜，入口酥脆。\n逢年过节走亲访友的好伴手礼，独立小包装。'
		),
		seg({
			kind: 'closing',
			title: '活动结束',
			durationSec: 10 * 60,
			script:
				'感谢大家今晚的支持！「青春为家乡代言」，每一次下单都是在为湖北加油。\n邮寄方式：所有产品由企业从产地直接发货，默认中通或顺丰，偏远地区除外。\n售后服务：收到商品有任何问题，联系店铺客服，由产品提供方负责售后。\n关注「青春湖北」，我们下一场再见！',
			speakers: [host1.name, host2.name, guest.name],
			cues: [cue(0, '下架全部链接前确认订单数'), cue(540, '预告下一场', true)]
		})
	];

	const show = deps.repos.shows.create(
		{
			unitCode: PROVINCE_CODE,
			title: '「青春为家乡代言·小青优品」示范直播 · 荆楚好味道',
			kind: 'demo',
			location: '湖北日报传媒集团 演播厅（武汉市洪山区）',
			startsAt: shanghaiAt(now, 7, 19, 30),
			plannedDurationMin: 100,
			platforms: [
				{ platform: 'douyin', roomUrl: 'https://live.douyin.com/qingchunhubei', accountName: '青春湖北', followers: 1_286_000, provincial: true },
				{ platform: 'kuaishou', roomUrl: 'https://live.kuaishou.com/u/qingchunhubei', accountName: '青春湖北', followers: 865_000, provincial: true }
			],
			hostIds: [host1.id, host2.id],
			guestIds: [guest.id],
			executingParty: '湖北青年传媒有限公司',
			salesChannel: '抖音小店、快手小店（企业自营店铺）',
			commission: { charged: false, listingFee: false, note: '公益直播，不收取上架费、佣金' },
			productIds: products.map((p) => p.id),
			slug: newSlug(),
			// Reported, so its public countdown page (/s/<slug>) opens; the poster is due in 4 days.
			status: 'reported',
			reportedAt: now,
			reportedBy: 'admin',
			producerToken: newToken(),
			hostToken: newToken(),
			recorderToken: newToken()
		},
		sheet,
		now
	);
	seedPlanningDemo(deps, now);
	return show.id;
}

const DEMO_PRODUCTS: ProductInput[] = [
	{
		unitCode: 'enshi',
		shopName: '恩施玉露官方旗舰店',
		shopPlatform: '抖音小店',
		name: '恩施玉露',
		origin: '湖北省恩施市芭蕉侗族乡',
		spec: '100克/罐',
		dailyPriceFen: 12800,
		lowestPriceFen: 9900,
		livePriceFen: 8900,
		priceNote: '',
		couponRule: '10元优惠券',
		sellingPoints: '中国十大名茶之一；传统蒸青工艺；富硒高山茶园',
		stock: 800,
		productUrl: 'https://haohuo.jinritemai.com/views/product/item2?id=3612000000001',
		platformEvent: '否',
		contactName: '向明',
		contactPhone: '0718-8221234',
		category: 'tea',
		shelfLifeDays: 540,
		qualityCert: '国家地理标志保护产品；SC11442280200123',
		catalogues: ['hubei_poverty', 'jingchu'],
		status: 'selected'
	},
	{
		unitCode: 'yichang',
		shopName: '秭归脐橙合作社',
		shopPlatform: '淘宝',
		name: '秭归脐橙',
		origin: '湖北省宜昌市秭归县',
		spec: '5千克/箱',
		dailyPriceFen: 5990,
		lowestPriceFen: 4500,
		livePriceFen: 3990,
		priceNote: '',
		couponRule: '拍下立减',
		sellingPoints: '三峡库区核心产区；皮薄多汁；产地直发，坏果包赔',
		stock: 1500,
		productUrl: 'https://item.taobao.com/item.htm?id=680000000002',
		platformEvent: '参与聚划算',
		contactName: '王芳',
		contactPhone: '0717-2881234',
		category: 'fruit_veg',
		shelfLifeDays: 20,
		qualityCert: '国家地理标志产品；绿色食品 LB-18-20010501234A',
		catalogues: ['hubei_poverty', 'tequ'],
		status: 'selected'
	},
	{
		unitCode: 'wuhan',
		shopName: '蔡林记官方旗舰店',
		shopPlatform: '天猫',
		name: '蔡林记热干面',
		origin: '湖北省武汉市',
		spec: '5人份/盒',
		dailyPriceFen: 3990,
		lowestPriceFen: 2990,
		livePriceFen: 2990,
		priceNote: '',
		couponRule: '直接改价',
		sellingPoints: '武汉老字号；芝麻酱香浓；三分钟出餐',
		stock: 3000,
		productUrl: 'https://detail.tmall.com/item.htm?id=600000000003',
		platformEvent: '否',
		contactName: '李强',
		contactPhone: '027-85551234',
		category: 'grain_oil',
		shelfLifeDays: 180,
		qualityCert: 'SC10142011200456；中华老字号',
		catalogues: ['jingchu'],
		status: 'selected'
	},
	{
		unitCode: 'suizhou',
		shopName: '随州香菇产业园店',
		shopPlatform: '拼多多',
		name: '随州香菇',
		origin: '湖北省随州市随县三里岗镇',
		spec: '250克/袋',
		dailyPriceFen: 4500,
		lowestPriceFen: 3600,
		livePriceFen: 3500,
		priceNote: '',
		couponRule: '拍下立减',
		sellingPoints: '中国香菇之乡；肉厚花菇；自然晾晒',
		stock: 1200,
		productUrl: 'https://mobile.yangkeduo.com/goods.html?goods_id=400000000004',
		platformEvent: '否',
		contactName: '陈亮',
		contactPhone: '0722-3281234',
		category: 'dried_goods',
		shelfLifeDays: 365,
		qualityCert: '国家地理标志产品；SC11842130300789',
		catalogues: ['hubei_poverty', 'tequ'],
		status: 'selected'
	},
	{
		unitCode: 'shennongjia',
		shopName: '神农架蜂业旗舰店',
		shopPlatform: '淘宝',
		name: '神农架蜂蜜',
		origin: '湖北省神农架林区',
		spec: '500克/瓶',
		dailyPriceFen: 9800,
		lowestPriceFen: 7800,
		livePriceFen: 7800,
		priceNote: '',
		couponRule: '10元优惠券',
		sellingPoints: '原始林区百花蜜；一年一取；浓稠拉丝',
		stock: 600,
		productUrl: 'https://item.taobao.com/item.htm?id=680000000005',
		platformEvent: '否',
		contactName: '刘洋',
		contactPhone: '0719-3451234',
		category: 'tonic',
		shelfLifeDays: 730,
		qualityCert: 'SC12842900100321',
		catalogues: ['hubei_poverty'],
		status: 'selected'
	},
	{
		unitCode: 'xiaogan',
		shopName: '孝感麻糖老字号店',
		shopPlatform: '抖音小店',
		name: '孝感麻糖',
		origin: '湖北省孝感市',
		spec: '400克/盒',
		dailyPriceFen: 3600,
		lowestPriceFen: 2680,
		livePriceFen: 2680,
		priceNote: '',
		couponRule: '拍下立减',
		sellingPoints: '千年传统名点；芝麻香糯米甜；独立小包装',
		stock: 1000,
		productUrl: 'https://haohuo.jinritemai.com/views/product/item2?id=3612000000006',
		platformEvent: '否',
		contactName: '张敏',
		contactPhone: '0712-2341234',
		category: 'snacks',
		shelfLifeDays: 270,
		qualityCert: 'SC11342090200567；中华老字号',
		catalogues: ['jingchu'],
		status: 'selected'
	},
	{
		unitCode: 'jingmen',
		shopName: '京山桥米旗舰店',
		shopPlatform: '京东',
		name: '京山桥米',
		origin: '湖北省荆门市京山市',
		spec: '5千克/袋',
		dailyPriceFen: 6990,
		lowestPriceFen: 5490,
		livePriceFen: 4990,
		priceNote: '',
		couponRule: '10元优惠券',
		sellingPoints: '国家地理标志产品；米粒细长；蒸饭油润',
		stock: 2000,
		productUrl: 'https://item.jd.com/100000000007.html',
		platformEvent: '否',
		contactName: '周杰',
		contactPhone: '0724-7221234',
		category: 'grain_oil',
		shelfLifeDays: 365,
		qualityCert: '国家地理标志产品；SC10142088100234',
		catalogues: ['jingchu'],
		status: 'candidate'
	}
];

const DEMO_PEOPLE: PersonInput[] = [
	{
		unitCode: PROVINCE_CODE,
		name: '李晓婷',
		gender: 'female',
		ethnicity: '汉族',
		birthMonth: '1996-05',
		politicalStatus: '共青团员',
		position: '湖北广播电视台 主持人',
		contact: '13800000001',
		platforms: [{ platform: 'douyin', account: '晓婷说湖北', followers: 420_000 }],
		intro: '湖北广播电视台青年主持人，长期参与助农公益直播，擅长产品讲解与现场互动。',
		reason: '形象正面，带货经验丰富。',
		unitOpinion: '同意推荐'
	},
	{
		unitCode: 'wuhan',
		name: '周子航',
		gender: 'male',
		ethnicity: '汉族',
		birthMonth: '1998-11',
		politicalStatus: '中共党员',
		position: '武汉市青年志愿者协会 志愿者',
		contact: '13800000002',
		platforms: [{ platform: 'kuaishou', account: '子航的乡村日记', followers: 260_000 }],
		intro: '返乡创业青年，运营乡村生活短视频账号，熟悉湖北农产品产地。',
		reason: '熟悉产地故事，表达亲切自然。',
		unitOpinion: '同意推荐'
	},
	{
		unitCode: 'enshi',
		name: '向春燕',
		gender: 'female',
		ethnicity: '土家族',
		birthMonth: '1992-03',
		politicalStatus: '群众',
		position: '恩施州芭蕉乡茶叶专业合作社 理事长',
		contact: '13800000003',
		platforms: [{ platform: 'douyin', account: '恩施茶姑娘春燕', followers: 1_050_000 }],
		intro: '土家族茶农的女儿，大学毕业后回乡种茶，带动三百余户茶农增收，被评为全省青年致富带头人。',
		reason: '本籍正能量网红，带动乡亲脱贫成效显著。',
		unitOpinion: '同意推荐，建议授予「青春为家乡代言·扶贫大使」称号'
	}
];
