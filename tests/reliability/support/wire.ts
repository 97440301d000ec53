/**
 * A socket.io client at the wire (Engine.IO 4 over a bare websocket), for sending what no
 * socket.io client library would: malformed packets, binary frames, wrong namespaces, anything.
 *   open → '0{sid…}'   connect: '40' + auth JSON → '40{sid}' or '44{message,data}'
 *   event: '42<id>["name",…]' → ack '43<id>[…]'   ping '2' ← answered '3' here
 * Another namespace puts itself after the packet type: '40/wall,{…}', '42/wall,<id>[…]', '43/wall,<id>[…]'.
 */
import WebSocket from 'ws';

export type Frame = string | Buffer;

export class WireClient {
	readonly #ws: WebSocket;
	readonly #frames: Frame[] = [];
	#waiters: (() => void)[] = [];
	#nextId = 1;
	closed = false;

	private constructor(ws: WebSocket) {
		this.#ws = ws;
		ws.on('message', (data, isBinary) => {
			const frame: Frame = isBinary ? (data as Buffer) : data.toString();
			if (frame === '2') return ws.send('3');
			this.#frames.push(frame);
			this.#wake();
		});
		ws.on('close', () => {
			this.closed = true;
			this.#wake();
		});
		ws.on('error', () => {});
	}

	/** Opens the websocket and reads Engine.IO's open packet. */
	static async open(base: string, headers: Record<string, string> = {}): Promise<WireClient> {
		const ws = new WebSocket(`${base.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { headers });
		// Listening from the start: the first frame can come in the same read as the upgrade.
		const client = new WireClient(ws);
		await new Promise<void>((resolve, reject) => {
			ws.once('open', () => resolve());
			ws.once('error', reject);
		});
		const open = await client.next((f) => typeof f === 'string' && f.startsWith('0'), 5_000);
		if (!open) throw new Error('no Engine.IO open packet');
		return client;
	}

	/** Connects to a namespace (the main one by default) with `auth` (JSON, or raw text after '40'). */
	async connect(auth: unknown, nsp = '/'): Promise<{ ok: true } | { ok: false; error: unknown }> {
		const at = nspPrefix(nsp);
		this.send(`40${at}${typeof auth === 'string' ? auth : JSON.stringify(auth)}`);
		const answer = await this.next((f) => typeof f === 'string' && (f.startsWith(`40${at}`) || f.startsWith(`44${at}`)), 5_000);
		if (answer === null) return { ok: false, error: 'closed' };
		if ((answer as string).startsWith('40')) return { ok: true };
		return { ok: false, error: JSON.parse((answer as string).slice(2 + at.length)) };
	}

	send(frame: Frame) {
		if (!this.closed) this.#ws.send(frame);
	}

	/** A fresh ack id. */
	ackId(): number {
		return this.#nextId++;
	}

	/** The next frame matching `accept` (frames before it are dropped); null when the connection closes or `ms` pass. */
	async next(accept: (frame: Frame) => boolean, ms: number): Promise<Frame | null> {
		const deadline = Date.now() + ms;
		for (;;) {
			const i = this.#frames.findIndex(accept);
			if (i >= 0) {
				const frame = this.#frames[i];
				this.#frames.splice(0, i + 1);
				return frame;
			}
			if (this.closed) return null;
			const left = deadline - Date.now();
			if (left <= 0) throw new Error('no answer from the server and no close');
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, left);
				this.#waiters.push(() => {
					clearTimeout(timer);
					resolve();
				});
			});
		}
	}

	/** The ack of `id`, parsed: its arguments; null when the connection closed first. */
	async ack(id: number, ms = 5_000, nsp = '/'): Promise<unknown[] | null> {
		const prefix = `43${nspPrefix(nsp)}${id}[`;
		const frame = await this.next((f) => typeof f === 'string' && f.startsWith(prefix), ms);
		return frame === null ? null : JSON.parse((frame as string).slice(prefix.length - 1));
	}

	close() {
		this.#ws.terminate();
	}

	#wake() {
		for (const w of this.#waiters.splice(0)) w();
	}
}

/** What a packet of namespace `nsp` carries after its type: nothing for the main one, '/wall,' for /wall. */
export const nspPrefix = (nsp: string) => (nsp === '/' ? '' : `${nsp},`);
