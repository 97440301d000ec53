import type { Messages } from '../types';

/** The LAN certificate authority offered on the device-setup page (`npm run tls:lan`). */
export default {
	'tls.ca.title': ['局域网证书（HTTPS）', 'LAN certificate (HTTPS)'],
	'tls.ca.lead': [
		'本机用自建证书提供 HTTPS。每台平板先安装并信任一次这个证书，主播屏才能常亮、安装为应用。',
		'This machine serves HTTPS with its own certificate. Install and trust it once on each tablet so the host screen can stay awake and be installed as an app.'
	],
	'tls.ca.download': ['下载 CA 证书', 'Download the CA certificate'],
	'tls.ca.scan': [
		'平板扫码下载。证书装好之前，浏览器会提示连接不安全：仅这一次选「显示详细信息 › 访问此网站」或「继续前往」。',
		'Scan with the tablet to download. Until the certificate is installed the browser warns the connection is not private: this once, choose “Show Details › visit this website” or “Proceed”.'
	],
	'tls.ca.ipad': ['iPadOS', 'iPadOS'],
	'tls.ca.ipad.steps': [
		'用 Safari 扫码下载证书，选「允许」→ 设置 › 已下载描述文件 › 安装 → 设置 › 通用 › 关于本机 › 证书信任设置，打开「Showcall LAN CA」。',
		'Scan with Safari and download the certificate, choose “Allow” → Settings › Profile Downloaded › Install → Settings › General › About › Certificate Trust Settings, switch on “Showcall LAN CA”.'
	],
	'tls.ca.android': ['Android', 'Android'],
	'tls.ca.android.steps': [
		'下载证书 → 设置 › 安全 › 加密与凭据 › 安装证书 › CA 证书，选中下载的文件（各品牌菜单名称略有不同）。',
		'Download the certificate → Settings › Security › Encryption & credentials › Install a certificate › CA certificate, pick the downloaded file (menu names vary by brand).'
	],
	'tls.ca.after': ['之后用二维码里的 https 链接打开。', 'Then open the https links from the QR codes.']
} satisfies Messages;
