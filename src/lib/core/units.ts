/** The campaign's organising units: the provincial league committee and the 17 city-level ones (DIGEST.md). */
export interface Unit {
	/** Stable code used in URLs, the database and exports. */
	code: string;
	kind: 'province' | 'city';
	zh: string;
	en: string;
}

export const PROVINCE_CODE = 'hubei';

export const UNITS: readonly Unit[] = [
	{ code: PROVINCE_CODE, kind: 'province', zh: '共青团湖北省委', en: 'Hubei Provincial Youth League' },
	{ code: 'wuhan', kind: 'city', zh: '武汉市', en: 'Wuhan' },
	{ code: 'huangshi', kind: 'city', zh: '黄石市', en: 'Huangshi' },
	{ code: 'shiyan', kind: 'city', zh: '十堰市', en: 'Shiyan' },
	{ code: 'yichang', kind: 'city', zh: '宜昌市', en: 'Yichang' },
	{ code: 'xiangyang', kind: 'city', zh: '襄阳市', en: 'Xiangyang' },
	{ code: 'ezhou', kind: 'city', zh: '鄂州市', en: 'Ezhou' },
	{ code: 'jingmen', kind: 'city', zh: '荆门市', en: 'Jingmen' },
	{ code: 'xiaogan', kind: 'city', zh: '孝感市', en: 'Xiaogan' },
	{ code: 'jingzhou', kind: 'city', zh: '荆州市', en: 'Jingzhou' },
	{ code: 'huanggang', kind: 'city', zh: '黄冈市', en: 'Huanggang' },
	{ code: 'xianning', kind: 'city', zh: '咸宁市', en: 'Xianning' },
	{ code: 'suizhou', kind: 'city', zh: '随州市', en: 'Suizhou' },
	{ code: 'enshi', kind: 'city', zh: '恩施土家族苗族自治州', en: 'Enshi Tujia and Miao Autonomous Prefecture' },
	{ code: 'xiantao', kind: 'city', zh: '仙桃市', en: 'Xiantao' },
	{ code: 'qianjiang', kind: 'city', zh: '潜江市', en: 'Qianjiang' },
	{ code: 'tianmen', kind: 'city', zh: '天门市', en: 'Tianmen' },
	{ code: 'shennongjia', kind: 'city', zh: '神农架林区', en: 'Shennongjia Forestry District' }
];

export const UNIT_CODES = UNITS.map((u) => u.code) as [string, ...string[]];

export function unitByCode(code: string): Unit | undefined {
	return UNITS.find((u) => u.code === code);
}
