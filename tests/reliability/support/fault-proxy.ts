/**
 * A TCP proxy on loopback that a test controls, between screens and the server: it forwards bytes
 * both ways until told to fail the way networks fail.
 *   - `cut()`: the network goes away without a word — nothing passes either way, nothing is
 *     closed (no FIN, no RST), new connections are accepted and hear nothing. Only heartbeats can
 *     tell. The connections cut stay dead even after `heal()`, like a NAT mapping that expired.
 *   - `heal()`: new connections pass again.
 *   - `reset()`: every connection is dropped with a TCP reset (the side that notices at once).
 *   - `stall()` / `resume()`: stops reading what the server sends (a consumer that does not read:
 *     the server's writes pile up in its buffers), and starts again.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

interface Pipe {
	client: Socket;
	upstream: Socket;
	dead: boolean;
}

export class FaultProxy {
	readonly #server: Server;
	readonly #pipes = new Set<Pipe>();
	#down = false;
	#stalled = false;
	port = 0;

	constructor(readonly target: { host: string; port: number }) {
		this.#server = createServer((client) => this.#accept(client));
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	/** Connections open now (cut ones included). */
	get connections(): number {
		return this.#pipes.size;
	}

	listen(): Promise<this> {
		return new Promise((resolve) => this.#server.listen(0, '127.0.0.1', () => {
			this.port = (this.#server.address() as { port: number }).port;
			resolve(this);
		}));
	}

	cut() {
		this.#down = true;
		for (const pipe of this.#pipes) pipe.dead = true;
	}

	heal() {
		this.#down = false;
	}

	reset() {
		for (const pipe of this.#pipes) {
			pipe.client.resetAndDestroy();
			pipe.upstream.destroy();
		}
	}

	stall() {
		this.#stalled = true;
		for (const pipe of this.#pipes) pipe.upstream.pause();
	}

	resume() {
		this.#stalled = false;
		for (const pipe of this.#pipes) pipe.upstream.resume();
	}

	close(): Promise<void> {
		for (const pipe of this.#pipes) {
			pipe.client.destroy();
			pipe.upstream.destroy();
		}
		return new Promise((resolve) => this.#server.close(() => resolve()));
	}

	#accept(client: Socket) {
		const upstream = connect(this.target.port, this.target.host);
		const pipe: Pipe = { client, upstream, dead: this.#down };
		this.#pipes.add(pipe);
		if (this.#stalled) upstream.pause();
		client.on('data', (data) => {
			if (!pipe.dead) upstream.write(data);
		});
		upstream.on('data', (data) => {
			if (!pipe.dead) client.write(data);
		});
		// A close passes through only while the network works; a cut network carries nothing.
		const closed = (other: Socket) => () => {
			if (!pipe.dead) other.destroy();
			if (client.destroyed && upstream.destroyed) this.#pipes.delete(pipe);
		};
		client.on('close', closed(upstream));
		upstream.on('close', closed(client));
		client.on('error', () => {});
		upstream.on('error', () => {});
	}
}
