/**
 * Helpers for the planning tests: accounts of other units, JSON requests with a session, and valid
 * bodies for a show, a product and a person that a test changes one field of.
 */
import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../../server/accounts/password';
import type { PersonCreateRequest } from '../../src/lib/contract/people';
import type { ProductCreateRequest } from '../../src/lib/contract/products';
import type { ShowCreateRequest } from '../../src/lib/contract/shows';
import { signIn } from './support';

export const DAY = 24 * 3600_000;

/** A coordinator account of `unitCode` (made on first use) and its session cookie. */
export async function accountOf(app: FastifyInstance, username: string, unitCode: string, role: 'admin' | 'coordinator' = 'coordinator'): Promise<string> {
	const password = `${username}-password`;
	if (!app.deps.repos.accounts.findByUsername(username)) {
		app.deps.repos.accounts.create({ username, passwordHash: await hashPassword(password), unitCode, role, displayName: `${username} 团委`, createdAt: app.deps.clock() });
	}
	return signIn(app, username, password);
}

export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

/** A JSON request as `cookie`; answers status and parsed body. */
export async function call(app: FastifyInstance, cookie: string, method: Method, url: string, payload?: unknown) {
	const response = await app.inject({ method, url, headers: { cookie }, ...(payload !== undefined ? { payload: payload as object } : {}) });
	const body = response.headers['content-type']?.toString().includes('json') ? response.json() : response.body;
	return { status: response.statusCode, body };
}

export function showBody(overrides: Partial<ShowCreateRequest> = {}, now = Date.now()): ShowCreateRequest {
	return {
		unitCode: 'hubei',
		title: '青春为家乡代言·测试专场',
		kind: 'demo',
		location: '武汉市洪山区',
		startsAt: now + 10 * DAY,
		plannedDurationMin: 120,
		platforms: [{ platform: 'douyin', roomUrl: 'https://live.douyin.com/123', accountName: '青春湖北', followers: 1_000_000, provincial: true }],
		hostIds: [],
		guestIds: [],
		executingParty: '湖北青年传媒',
		salesChannel: '抖音小店',
		commission: { charged: false, listingFee: false, note: '' },
		productIds: [],
		...overrides
	};
}

export function productBody(overrides: Partial<ProductCreateRequest> = {}): ProductCreateRequest {
	return {
		unitCode: 'wuhan',
		shopName: '武汉特产旗舰店',
		shopPlatform: '淘宝',
		name: '周黑鸭锁鲜装',
		origin: '湖北省武汉市',
		spec: '400克/盒',
		dailyPriceFen: 5990,
		lowestPriceFen: 4990,
		livePriceFen: 4990,
		couponRule: '拍下立减',
		sellingPoints: '锁鲜包装；甜辣适口',
		stock: 500,
		productUrl: 'https://item.taobao.com/item.htm?id=1',
		category: 'snacks',
		shelfLifeDays: 90,
		qualityCert: 'SC10442010000000',
		catalogues: ['jingchu'],
		...overrides
	};
}

export function personBody(overrides: Partial<PersonCreateRequest> = {}): PersonCreateRequest {
	return {
		unitCode: 'wuhan',
		name: '王小川',
		gender: 'male',
		ethnicity: '汉族',
		birthMonth: '1995-08',
		politicalStatus: '共青团员',
		position: '武汉广播电视台 主持人',
		contact: '13900000000',
		platforms: [{ platform: 'douyin', account: '小川说武汉', followers: 300_000 }],
		intro: '武汉本土青年主持人。',
		reason: '助农直播经验丰富。',
		...overrides
	};
}
