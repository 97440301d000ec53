/**
 * A screen's identity for the presence list: a random id kept in localStorage (so a reload or a
 * reconnect is the same tablet, and a host screen that comes back in time raises no alert) and the
 * name the person gave it.
 */
import { MAX_DEVICE_NAME } from '../contract/live';

const ID_KEY = 'showcall.deviceId';
const NAME_KEY = 'showcall.deviceName';
const ASKED_KEY = 'showcall.deviceNameAsked';

/** 96 random bits in hex (crypto.getRandomValues works on plain-http LAN pages too, unlike randomUUID). */
export function randomId(): string {
	const bytes = new Uint8Array(12);
	crypto.getRandomValues(bytes);
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
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
