/**
 * Password hashing: argon2id at OWASP's parameters (19 MiB, 2 passes, 1 lane; about 15 ms here, on
 * libuv's thread pool so a sign-in never stalls a live show). The stored form is the PHC string,
 * which carries its own parameters. Hashes of an older scheme (scrypt, N = 2^14) still verify and
 * are rewritten at the next good sign-in (`needsRehash`).
 */
import { hash, verify } from '@node-rs/argon2';
import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';

/** Algorithm.Argon2id (a const enum in the library's types, so spelt out here). */
const ARGON2ID = 2;
const PARAMS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
const CURRENT_PREFIX = `$argon2id$v=19$m=${PARAMS.memoryCost},t=${PARAMS.timeCost},p=${PARAMS.parallelism}$`;

export function hashPassword(password: string): Promise<string> {
	return hash(password.normalize('NFKC'), PARAMS);
}

/** Whether a stored hash is of an older scheme or weaker parameters than `hashPassword` uses now. */
export function needsRehash(stored: string): boolean {
	return !stored.startsWith(CURRENT_PREFIX);
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
	const normalized = password.normalize('NFKC');
	if (stored.startsWith('$argon2')) {
		try {
			return await verify(stored, normalized);
		} catch {
			return false;
		}
	}
	return verifyScrypt(normalized, stored);
}

/** The first scheme: `scrypt$N$r$p$salt$hash`, base64url parts (still read, never written). */
function verifyScrypt(password: string, stored: string): Promise<boolean> {
	const [scheme, n, r, p, salt, digest] = stored.split('$');
	const params = [n, r, p].map(Number);
	// Bounded so a stored value can never ask for more than 64 MB.
	if (scheme !== 'scrypt' || !salt || !digest || params.some((x) => !Number.isInteger(x) || x < 1) || params[0] > 2 ** 16) return Promise.resolve(false);
	const expected = Buffer.from(digest, 'base64url');
	return new Promise((resolve) =>
		scrypt(password, Buffer.from(salt, 'base64url'), expected.length || 32, { N: params[0], r: params[1], p: params[2], maxmem: 64 * 1024 * 1024 }, (err, key) =>
			resolve(!err && key.length === expected.length && timingSafeEqual(key, expected))
		)
	);
}

let dummy: Promise<string> | undefined;
/** A hash of a random password to verify against for unknown usernames, so timing does not tell. */
export function dummyHash(): Promise<string> {
	return (dummy ??= hashPassword(randomBytes(16).toString('hex')));
}

/** A readable random password (no 0/O/1/l), 16 characters ≈ 90 bits. */
export function randomPassword(): string {
	const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
	return Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]).join('');
}
