import type { Messages } from '../types';

/** The shell: sign-in, navigation, language, generic words and API errors. */
export default {
	'app.name': ['场控台', 'Showcall'],
	'app.fullName': ['Showcall 场控台', 'Showcall run-of-show console'],
	'app.campaign': ['青春为家乡代言', 'Youth speaks for the hometown'],
	'app.tagline': ['公益直播带货 · 场控与统筹', 'Public-interest live selling · production and planning'],

	'lang.switch': ['English', '中文'],
	'lang.switchLabel': ['切换到英文', 'Switch to Chinese'],

	'nav.main': ['主导航', 'Main navigation'],
	'nav.shows': ['直播场次', 'Shows'],
	'nav.signOut': ['退出登录', 'Sign out'],
	'nav.skip': ['跳到正文', 'Skip to content'],

	'login.title': ['登录', 'Sign in'],
	'login.lead': ['统筹人员登录后规划直播场次、管理产品库。', 'Coordinators sign in to plan shows and keep the product library.'],
	'login.username': ['用户名', 'Username'],
	'login.password': ['密码', 'Password'],
	'login.submit': ['登录', 'Sign in'],
	'login.submitting': ['正在登录…', 'Signing in…'],
	'login.hostHint': ['主播和场控请扫描统筹发给你的二维码，无需登录。', 'Hosts and producers: scan the QR code your coordinator gave you; no sign-in needed.'],

	'account.province': ['省级', 'Province'],
	'account.city': ['市州', 'City'],
	'account.admin': ['管理员', 'Administrator'],

	'common.loading': ['加载中…', 'Loading…'],
	'common.retry': ['重试', 'Retry'],
	'common.save': ['保存', 'Save'],
	'common.cancel': ['取消', 'Cancel'],
	'common.close': ['关闭', 'Close'],
	'common.none': ['无', 'None'],
	'common.minutes': ['{n} 分钟', '{n} min'],
	'common.back': ['返回', 'Back'],

	'error.VALIDATION': ['填写的内容有误，请检查标出的字段。', 'Some fields need attention.'],
	'error.INVALID_JSON': ['请求格式错误。', 'The request was malformed.'],
	'error.UNSUPPORTED_MEDIA_TYPE': ['不支持的内容类型。', 'Unsupported content type.'],
	'error.BODY_TOO_LARGE': ['提交的内容太大。', 'What you sent is too large.'],
	'error.BAD_REQUEST': ['请求无效。', 'Invalid request.'],
	'error.UNAUTHENTICATED': ['请先登录。', 'Please sign in.'],
	'error.INVALID_CREDENTIALS': ['用户名或密码错误。', 'Wrong username or password.'],
	'error.FORBIDDEN': ['你没有权限执行此操作。', 'You are not allowed to do this.'],
	'error.CROSS_SITE_REQUEST': ['来自其他网站的请求已被拒绝。', 'Requests from other sites are refused.'],
	'error.NOT_FOUND': ['找不到该内容，可能已被删除或不属于你的单位。', 'Not found; it may have been deleted or belong to another unit.'],
	'error.CONFLICT': ['与已有数据冲突。', 'This conflicts with existing data.'],
	'error.STALE_VERSION': ['内容已被他人修改，请刷新后再保存。', 'Someone else changed this; reload before saving.'],
	'error.RATE_LIMITED': ['尝试次数过多，请一分钟后再试。', 'Too many attempts; try again in a minute.'],
	'error.TOO_MANY_ATTEMPTS': ['密码错误次数过多，请稍后再试。', 'Too many wrong passwords; wait a little and try again.'],
	'error.INTERNAL': ['服务器出错了，请稍后再试。', 'Something went wrong on the server; try again shortly.'],
	'error.NETWORK': ['无法连接服务器，请检查网络。', 'Cannot reach the server; check the network.'],

	'field.too_small': ['不能少于 {minimum}', 'Must be at least {minimum}'],
	'field.too_small.string': ['不能为空', 'Required'],
	'field.too_big': ['不能超过 {maximum}', 'Must be at most {maximum}'],
	'field.too_big.string': ['不能超过 {maximum} 个字', 'At most {maximum} characters'],
	'field.invalid_type': ['请填写有效的值', 'Enter a valid value'],
	'field.invalid_format': ['格式不正确', 'Invalid format'],
	'field.invalid_format.url': ['请输入以 http:// 或 https:// 开头的网址', 'Enter a URL starting with http:// or https://'],
	'field.invalid_value': ['请选择有效的选项', 'Choose a valid option'],
	'field.unrecognized_keys': ['包含未知字段：{keys}', 'Unknown fields: {keys}'],
	'field.custom': ['请检查该字段', 'Check this field']
} satisfies Messages;
