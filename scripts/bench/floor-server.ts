/**
 * The floor: a bare socket.io server with the same transport settings as Showcall's (its heartbeat
 * included: server/live/heartbeat.ts), in its own process. A screen joins the room named in its handshake; a driver's `cmd` is acknowledged and a
 * payload of the requested size is broadcast to the room, like a command's snapshot. Prints
 * `listening <port>` once up.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { Server } from 'socket.io';
import { PING_INTERVAL_MS, PING_TIMEOUT_MS } from '../../server/live/heartbeat';
import { readFloorCmd, readFloorHandshake, serveFloorDiagnostics } from './channels';

const http = createServer();
const io = new Server(http, { serveClient: false, perMessageDeflate: false, maxHttpBufferSize: 64 * 1024, pingInterval: PING_INTERVAL_MS, pingTimeout: PING_TIMEOUT_MS });
const pads = new Map<number, string>();
/** Its own broadcast time (cmd received → written to every socket), for comparison with Showcall's fan-out. */
const fanoutMs: number[] = [];
serveFloorDiagnostics(fanoutMs);
process.channel?.unref();

io.on('connection', (socket) => {
	const { room } = readFloorHandshake(socket.handshake.auth);
	void socket.join(room);
	socket.emit('ready');
	socket.on('cmd', (message: unknown, ack: unknown) => {
		const cmd = readFloorCmd(message);
		if (typeof ack !== 'function') throw new Error('socket.io floor cmd: malformed message: sent without an acknowledgement');
		const receivedAt = performance.now();
		// `{"version":<seq>,"pad":"…"}` encodes to `bytes` characters.
		const padLength = Math.max(0, cmd.bytes - `{"version":${cmd.seq},"pad":""}`.length);
		let pad = pads.get(padLength);
		if (pad === undefined) pads.set(padLength, (pad = 'x'.repeat(padLength)));
		ack({ ok: true });
		io.to(room).emit('snapshot', { version: cmd.seq, pad });
		fanoutMs.push(performance.now() - receivedAt);
	});
});

http.listen(0, '127.0.0.1', () => console.log(`listening ${(http.address() as AddressInfo).port}`));
process.on('SIGTERM', () => {
	io.close();
	process.exit(0);
});
