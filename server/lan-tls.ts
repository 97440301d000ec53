/**
 * A studio LAN without a domain: a local certificate authority and a server certificate for this
 * machine's names and addresses (`npm run tls:lan`). The CA is made once and kept (tablets trust
 * it once); the server certificate is issued again whenever the names or addresses change or it
 * nears its end. Keys come from Node's crypto, certificates are built and signed with node-forge.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname, networkInterfaces } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';

export interface LanNames {
	dns: string[];
	ips: string[];
}

export interface LanTlsResult {
	dir: string;
	caCert: string;
	caKey: string;
	cert: string;
	key: string;
	caCreated: boolean;
	/** Why the server certificate was (re)issued, or null when the existing one still fits. */
	issued: 'new' | 'names changed' | 'expiring' | null;
	names: LanNames;
}

const DAY = 86_400_000;
/** Apple accepts at most 825 days for a certificate under a user-installed CA; stay well within. */
const SERVER_DAYS = 397;
const CA_YEARS = 10;

/** localhost, the host name and name.local; loopback and every address of the machine's interfaces. */
export function machineNames(): LanNames {
	const host = hostname().toLowerCase();
	const ips = new Set(['127.0.0.1', '::1']);
	for (const addresses of Object.values(networkInterfaces())) {
		for (const a of addresses ?? []) if (!a.address.startsWith('fe80:')) ips.add(a.address);
	}
	return { dns: [...new Set(['localhost', host, `${host}.local`])], ips: [...ips] };
}

function rsaKeys() {
	const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
	const key = forge.pki.privateKeyFromPem(privateKey) as forge.pki.rsa.PrivateKey;
	return { key, publicKey: forge.pki.setRsaPublicKey(key.n, key.e), pem: privateKey };
}

const serial = () => `01${randomBytes(15).toString('hex')}`;

function makeCa(now: number) {
	const { key, publicKey, pem } = rsaKeys();
	const cert = forge.pki.createCertificate();
	cert.publicKey = publicKey;
	cert.serialNumber = serial();
	cert.validity.notBefore = new Date(now - DAY);
	cert.validity.notAfter = new Date(now + CA_YEARS * 365 * DAY);
	const subject = [
		{ name: 'commonName', value: `Showcall LAN CA (${hostname()})` },
		{ name: 'organizationName', value: 'Showcall' }
	];
	cert.setSubject(subject);
	cert.setIssuer(subject);
	cert.setExtensions([
		{ name: 'basicConstraints', cA: true, critical: true },
		{ name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
		{ name: 'subjectKeyIdentifier' }
	]);
	cert.sign(key, forge.md.sha256.create());
	return { cert: forge.pki.certificateToPem(cert), key: pem };
}

function issueServer(caCertPem: string, caKeyPem: string, names: LanNames, now: number) {
	const ca = forge.pki.certificateFromPem(caCertPem);
	const caKey = forge.pki.privateKeyFromPem(caKeyPem);
	const { publicKey, pem } = rsaKeys();
	const cert = forge.pki.createCertificate();
	cert.publicKey = publicKey;
	cert.serialNumber = serial();
	cert.validity.notBefore = new Date(now - DAY);
	cert.validity.notAfter = new Date(now + SERVER_DAYS * DAY);
	cert.setSubject([{ name: 'commonName', value: names.dns[1] ?? names.dns[0] }]);
	cert.setIssuer(ca.subject.attributes);
	cert.setExtensions([
		{ name: 'basicConstraints', cA: false, critical: true },
		{ name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
		{ name: 'extKeyUsage', serverAuth: true },
		{ name: 'subjectAltName', altNames: [...names.dns.map((value) => ({ type: 2, value })), ...names.ips.map((ip) => ({ type: 7, ip }))] },
		{ name: 'subjectKeyIdentifier' },
		{ name: 'authorityKeyIdentifier', keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes() }
	]);
	cert.sign(caKey, forge.md.sha256.create());
	// The chain: the server certificate, then the CA's.
	return { cert: forge.pki.certificateToPem(cert) + caCertPem, key: pem };
}

/** The names and addresses a certificate covers, normalised for comparison. */
export function certificateNames(pem: string): { names: string[]; notAfter: number } {
	const cert = forge.pki.certificateFromPem(pem);
	const san = cert.getExtension('subjectAltName') as { altNames?: { type: number; value?: string; ip?: string }[] } | null;
	const names = (san?.altNames ?? []).map((n) => (n.type === 7 ? `ip:${normaliseIp(n.ip ?? '')}` : `dns:${(n.value ?? '').toLowerCase()}`));
	return { names: names.sort(), notAfter: cert.validity.notAfter.getTime() };
}

const normaliseIp = (ip: string) => (ip.includes(':') ? ip.toLowerCase().replace(/(^|:)0+(?=[0-9a-f])/g, '$1') : ip);
const wanted = (names: LanNames) => [...names.dns.map((d) => `dns:${d.toLowerCase()}`), ...names.ips.map((ip) => `ip:${normaliseIp(ip)}`)].sort();

function writeSecret(path: string, text: string) {
	writeFileSync(path, text, { mode: 0o600 });
	chmodSync(path, 0o600);
}

/** Makes (or keeps) the CA and the server certificate under `dir`: ca.crt, ca.key, server.crt, server.key. */
export function ensureLanTls(dir: string, names: LanNames = machineNames(), now = Date.now()): LanTlsResult {
	mkdirSync(dir, { recursive: true });
	const paths = { caCert: join(dir, 'ca.crt'), caKey: join(dir, 'ca.key'), cert: join(dir, 'server.crt'), key: join(dir, 'server.key') };
	let caCreated = false;
	if (!existsSync(paths.caCert) || !existsSync(paths.caKey)) {
		const ca = makeCa(now);
		writeSecret(paths.caKey, ca.key);
		writeFileSync(paths.caCert, ca.cert);
		caCreated = true;
	}
	chmodSync(paths.caKey, 0o600);
	let issued: LanTlsResult['issued'] = null;
	if (caCreated || !existsSync(paths.cert) || !existsSync(paths.key)) issued = 'new';
	else {
		const current = certificateNames(readFileSync(paths.cert, 'latin1'));
		if (current.names.join() !== wanted(names).join()) issued = 'names changed';
		else if (current.notAfter - now < 30 * DAY) issued = 'expiring';
	}
	if (issued) {
		const server = issueServer(readFileSync(paths.caCert, 'latin1'), readFileSync(paths.caKey, 'latin1'), names, now);
		writeSecret(paths.key, server.key);
		writeFileSync(paths.cert, server.cert);
	}
	return { dir, ...paths, caCreated, issued, names };
}
