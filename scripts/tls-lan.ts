/**
 * `npm run tls:lan [-- --dir data/tls]`: a local CA and a certificate for this machine's LAN names
 * and addresses (server/lan-tls.ts), and how to start the server with them.
 */
import { relative } from 'node:path';
import { ensureLanTls } from '../server/lan-tls';

const args = process.argv.slice(2);
const at = args.indexOf('--dir');
const dir = at >= 0 && args[at + 1] ? args[at + 1] : 'data/tls';
const result = ensureLanTls(dir);
const show = (path: string) => (relative(process.cwd(), path).startsWith('..') ? path : relative(process.cwd(), path) || path);
console.log(
	[
		'',
		result.caCreated ? `  New LAN certificate authority: ${show(result.caCert)} (its key ${show(result.caKey)}, mode 0600: keep it here, never copy it)` : `  LAN certificate authority kept: ${show(result.caCert)}`,
		result.issued ? `  Server certificate issued (${result.issued}): ${show(result.cert)}` : `  Server certificate still fits: ${show(result.cert)}`,
		`  Covers: ${[...result.names.dns, ...result.names.ips].join(', ')}`,
		'',
		'  Start the server with it:',
		`    TLS_CERT=${show(result.cert)} TLS_KEY=${show(result.key)} npm start`,
		'  Tablets install the CA once from the device-setup page (设备 › 局域网证书), then open the https links.',
		'  Run this again when the machine’s addresses change; the CA stays, so tablets keep trusting it.',
		''
	].join('\n')
);
