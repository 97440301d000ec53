/**
 * A screen's identity for the presence list: a random id kept in localStorage (so a reload or a
 * reconnect is the same tablet, and a host screen that comes back in time raises no alert) and the
 * name the person gave it.
 */
import { MAX_DEVICE_NAME } from '../contract/live';

const ID_KEY = 'showcall.deviceId';
const NAME_KEY = 'showcall.deviceName';
const ASKED_KEY = 'showcall.deviceNameAsked';

const ID_BYTES = 12;
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));
/**
 * Random bytes for the next 64 ids, from the system's CSPRNG in one call: a call costs about 3 µs in
 * Node whatever its size (a hundredth of that per id from the pool). Each byte goes into one id only.
 */
const pool = new Uint8Array(ID_BYTES * 64);
let poolAt = pool.length;

/**
 * 96 random bits in hex, 24 characters (crypto.getRandomValues works on plain-http LAN pages too,
 * unlike randomUUID). Every command carries one.
 */
export function randomId(): string {
	if (poolAt + ID_BYTES > pool.length) {
		crypto.getRandomValues(pool);
		poolAt = 0;
	}
	let id = '';
	for (let i = 0; i < ID_BYTES; i++) id += HEX[pool[poolAt + i]];
	// Used: never handed out again (and not left readable as an id already sent).
	pool.fill(0, poolAt, poolAt + ID_BYTES);
	poolAt += ID_BYTES;
	return id;
}

function storage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null; // private mode or blocked storage: an id per page load
	}
}

/** This browser's device id (made once) and the name it was given ('' when none). */
export function deviceIdentity(): { deviceId: string; deviceName: string } {
	const store = storage();
	let deviceId = store?.getItem(ID_KEY) ?? '';
	if (!/^[A-Za-z0-9_-]{1,64}$/.test(deviceId)) {
		deviceId = randomId();
		store?.setItem(ID_KEY, deviceId);
	}
	return { deviceId, deviceName: store?.getItem(NAME_KEY) ?? '' };
}

/** Remembers the name this device shows to producers (takes effect on the next connection). */
export function setDeviceName(name: string) {
	storage()?.setItem(NAME_KEY, name.trim().slice(0, MAX_DEVICE_NAME));
}

/** True on a device never asked for its name and without one (a new tablet asks once). */
export function shouldAskDeviceName(): boolean {
	const store = storage();
	return !!store && !store.getItem(NAME_KEY)?.trim() && store.getItem(ASKED_KEY) === null;
}

/** Remembers that this device was asked (named or not), so it is never asked again. */
export function markDeviceNameAsked() {
	storage()?.setItem(ASKED_KEY, '1');
}
