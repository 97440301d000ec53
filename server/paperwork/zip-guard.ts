/**
 * What an uploaded zip (an .xlsx) really costs to unpack, measured before anything unpacks it
 * whole. Two passes, each refusing with a clear code:
 *
 * 1. `readZipDirectory` (synchronous, cheap): the central directory — how many entries, the sizes
 *    they declare, each entry's compression ratio, and the oddities a workbook never has
 *    (encrypted entries, zip64, methods other than stored/deflate, entries outside the file).
 * 2. `scanZip` (streaming): inflates every entry with node:zlib, counting the real bytes and
 *    stopping the moment an entry gives more than it declared (the declared-size bomb: a header
 *    saying 1,000 bytes over a stream that inflates to 4 GB), and reads its XML as it streams for
 *    nesting depth and DTDs (deep nesting, billion laughs). Nothing is kept: memory stays a few
 *    chunks whatever the file says.
 *
 * After both passes the archive is known to unpack to exactly the sizes it declares, within the
 * caps, so a reader that inflates entries whole (exceljs via JSZip) can be given it.
 */
import { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import { DomainError } from '../domain/errors';

export interface UnpackLimits {
	/** Entries in the archive (an .xlsx has a few dozen). */
	maxEntries: number;
	/** Unpacked bytes of one entry. */
	maxEntryBytes: number;
	/** Unpacked bytes of all entries together. */
	maxTotalBytes: number;
	/** Unpacked ÷ packed size of an entry larger than `ratioFromBytes` unpacked. */
	maxRatio: number;
	ratioFromBytes: number;
	/** Element nesting in an XML entry (a worksheet needs under 10). */
	maxXmlDepth: number;
}

const MB = 1024 * 1024;

export const UNPACK_LIMITS: UnpackLimits = {
	maxEntries: 1000,
	maxEntryBytes: 100 * MB,
	maxTotalBytes: 100 * MB,
	maxRatio: 200,
	ratioFromBytes: 1 * MB,
	maxXmlDepth: 128
};

const mb = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

export const unpackErrors = {
	tooLarge: (detail: string) => new DomainError('FILE_TOO_LARGE_UNPACKED', `The workbook is too large once unpacked: ${detail}`),
	unreadable: (detail: string) => new DomainError('SPREADSHEET_UNREADABLE', `The workbook cannot be read: ${detail}`),
	damaged: () => new DomainError('NOT_XLSX', 'The file is not an .xlsx workbook: the archive is damaged'),
	encrypted: () => new DomainError('PASSWORD_PROTECTED', 'The archive is encrypted with a password; save a copy without the password and upload that')
};

export interface ZipEntry {
	name: string;
	/** 0 stored, 8 deflate. */
	method: number;
	packedBytes: number;
	/** As declared by the central directory; `scanZip` checks it is the truth. */
	declaredBytes: number;
	/** Where the entry's data starts in the file. */
	dataOffset: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The archive's entries from its central directory, refused when they break a limit or are odd. */
export function readZipDirectory(buf: Buffer, limits: UnpackLimits = UNPACK_LIMITS): ZipEntry[] {
	// End of central directory: the last 22 bytes, or earlier when the zip has a comment.
	let eocd = -1;
	for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
		if (buf.readUInt32LE(i) === EOCD) {
			eocd = i;
			break;
		}
	}
	if (eocd < 0) throw unpackErrors.damaged();
	const disk = buf.readUInt16LE(eocd + 4);
	const count = buf.readUInt16LE(eocd + 10);
	const directoryOffset = buf.readUInt32LE(eocd + 16);
	if ((eocd >= 20 && buf.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) || count === 0xffff || directoryOffset === 0xffffffff) {
		throw unpackErrors.unreadable('it is a zip64 archive, which a workbook of at most 5 MB never needs');
	}
	if (disk !== 0 || buf.readUInt16LE(eocd + 8) !== count) throw unpackErrors.unreadable('it is split over several disks');
	if (count > limits.maxEntries) throw unpackErrors.tooLarge(`it holds ${count} files; a workbook has at most ${limits.maxEntries}`);

	const entries: ZipEntry[] = [];
	let total = 0;
	let offset = directoryOffset;
	for (let i = 0; i < count; i++) {
		if (offset + 46 > buf.length || buf.readUInt32LE(offset) !== CENTRAL) throw unpackErrors.damaged();
		const flags = buf.readUInt16LE(offset + 8);
		const method = buf.readUInt16LE(offset + 10);
		const packedBytes = buf.readUInt32LE(offset + 20);
		const declaredBytes = buf.readUInt32LE(offset + 24);
		const nameLength = buf.readUInt16LE(offset + 28);
		const extraLength = buf.readUInt16LE(offset + 30);
		const commentLength = buf.readUInt16LE(offset + 32);
		const localOffset = buf.readUInt32LE(offset + 42);
		if (offset + 46 + nameLength > buf.length) throw unpackErrors.damaged();
		const name = buf.toString('utf8', offset + 46, offset + 46 + nameLength);
		offset += 46 + nameLength + extraLength + commentLength;

		if (flags & 0x41) throw unpackErrors.encrypted(); // bit 0: encrypted; bit 6: strong encryption
		if (packedBytes === 0xffffffff || declaredBytes === 0xffffffff || localOffset === 0xffffffff) {
			throw unpackErrors.unreadable(`${name} is a zip64 entry, which a workbook of at most 5 MB never needs`);
		}
		if (method !== 0 && method !== 8) throw unpackErrors.unreadable(`${name} is compressed with method ${method}; a workbook uses deflate`);
		if (method === 0 && packedBytes !== declaredBytes) throw unpackErrors.damaged();
		if (declaredBytes > limits.maxEntryBytes) throw unpackErrors.tooLarge(`${name} unpacks to ${mb(declaredBytes)}; at most ${mb(limits.maxEntryBytes)} is read`);
		total += declaredBytes;
		if (total > limits.maxTotalBytes) throw unpackErrors.tooLarge(`it unpacks to more than ${mb(limits.maxTotalBytes)}`);
		if (declaredBytes > limits.ratioFromBytes && declaredBytes > packedBytes * limits.maxRatio) {
			throw unpackErrors.tooLarge(`${name} is compressed ${Math.round(declaredBytes / Math.max(1, packedBytes))}:1; a spreadsheet is at most ${limits.maxRatio}:1`);
		}

		if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== LOCAL) throw unpackErrors.damaged();
		const dataOffset = localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
		if (dataOffset + packedBytes > buf.length) throw unpackErrors.damaged();
		entries.push({ name, method, packedBytes, declaredBytes, dataOffset });
	}
	return entries;
}

const XML_ENTRY = /\.(xml|rels|vml)$/i;

/**
 * Inflates every entry as a stream, counting its real bytes: an entry that gives more than it
 * declared is refused as soon as it does (so at most its declared size, within the caps, is ever
 * inflated), one that gives less is damaged. XML entries are checked as they stream by `XmlGuard`.
 */
export async function scanZip(buf: Buffer, entries: readonly ZipEntry[], limits: UnpackLimits = UNPACK_LIMITS): Promise<void> {
	for (const entry of entries) {
		const packed = buf.subarray(entry.dataOffset, entry.dataOffset + entry.packedBytes);
		const guard = XML_ENTRY.test(entry.name) ? new XmlGuard(entry.name, limits.maxXmlDepth) : null;
		if (entry.method === 0) {
			guard?.write(packed);
			continue;
		}
		const inflate = createInflateRaw();
		Readable.from([packed], { objectMode: false }).pipe(inflate);
		let bytes = 0;
		try {
			for await (const chunk of inflate as AsyncIterable<Buffer>) {
				bytes += chunk.length;
				if (bytes > entry.declaredBytes) {
					throw unpackErrors.tooLarge(`${entry.name} unpacks to more than the ${entry.declaredBytes} bytes it declares`);
				}
				guard?.write(chunk);
			}
		} catch (err) {
			if (err instanceof DomainError) throw err;
			throw unpackErrors.damaged(); // a broken deflate stream
		} finally {
			inflate.destroy();
		}
		if (bytes !== entry.declaredBytes) throw unpackErrors.damaged();
	}
}

/**
 * A streaming check of XML text, byte by byte: element nesting deeper than `maxDepth`, and any
 * `<!DOCTYPE`/`<!ENTITY` (an OOXML part never has a DTD; entity expansion is how a few bytes of
 * XML become gigabytes), are refused. Comments, CDATA, processing instructions and quoted
 * attribute values are skipped.
 */
export class XmlGuard {
	#depth = 0;
	#state: 'text' | 'lt' | 'open' | 'close' | 'pi' | 'bang' | 'comment' | 'cdata' = 'text';
	#quote = 0;
	#last = 0;
	#prev = 0;
	#bang = '';

	constructor(
		private readonly name: string,
		private readonly maxDepth: number
	) {}

	write(chunk: Uint8Array) {
		for (let i = 0; i < chunk.length; i++) {
			const c = chunk[i];
			switch (this.#state) {
				case 'text':
					if (c === 0x3c) this.#state = 'lt';
					break;
				case 'lt':
					if (c === 0x2f) this.#state = 'close';
					else if (c === 0x3f) this.#state = 'pi';
					else if (c === 0x21) {
						this.#state = 'bang';
						this.#bang = '';
					} else {
						this.#state = 'open';
						this.#quote = 0;
						this.#last = c;
					}
					break;
				case 'open':
					if (this.#quote) {
						if (c === this.#quote) this.#quote = 0;
					} else if (c === 0x22 || c === 0x27) this.#quote = c;
					else if (c === 0x3e) {
						this.#state = 'text';
						if (this.#last !== 0x2f && ++this.#depth > this.maxDepth) {
							throw unpackErrors.unreadable(`${this.name} nests elements more than ${this.maxDepth} deep`);
						}
					} else if (c > 0x20) this.#last = c;
					break;
				case 'close':
					if (c === 0x3e) {
						this.#state = 'text';
						this.#depth--;
					}
					break;
				case 'pi':
					if (c === 0x3e && this.#prev === 0x3f) this.#state = 'text';
					break;
				case 'bang':
					this.#bang += String.fromCharCode(c);
					if (this.#bang === '--') this.#state = 'comment';
					else if (this.#bang === '[CDATA[') this.#state = 'cdata';
					else if (!'--'.startsWith(this.#bang) && !'[CDATA['.startsWith(this.#bang)) {
						throw unpackErrors.unreadable(`${this.name} declares a DTD or entities (<!${this.#bang}…), which a workbook never has`);
					}
					break;
				case 'comment':
					if (c === 0x3e && this.#prev === 0x2d && this.#last === 0x2d) this.#state = 'text';
					this.#last = this.#prev;
					break;
				case 'cdata':
					if (c === 0x3e && this.#prev === 0x5d && this.#last === 0x5d) this.#state = 'text';
					this.#last = this.#prev;
					break;
			}
			this.#prev = c;
		}
	}
}
