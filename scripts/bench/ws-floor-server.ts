/**
 * The bare `ws` floor: a plain WebSocket server (the library under socket.io's websocket
 * transport) in its own process, with no protocol on top. A screen joins the room named in its URL
 * (`/?room=room-3`); a driver's `{"cmd":seq,"bytes":n}` is acknowledged (`{"ack":seq}`) and a
 * payload of that size is sent to every socket of the room, encoded once, like a command's
 * snapshot. No heartbeat: `ws` has no protocol ping (Showcall's and the socket.io floor's ping
 * every second), so its connections are silent between commands. Prints `listening <port>` once
 * up; answers the diagnostics IPC like the other floor.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { WebSocketServer, type WebSocket } from 'ws';
import { readWsFloorCmd, serveFloorDiagnostics } from './channels';

const http = createServer();
const wss = new WebSocketServer({ server: http, perMessageDeflate: false, maxPayload: 64 * 1024 });
const rooms = new Map<string, Set<WebSocket>>();
const pads = new Map<number, string>();
const fanoutMs: number[] = [];
serveFloorDiagnostics(fanoutMs);
process.channel?.unref();

wss.on('connection', (ws, request) => {
	const room = new URL(request.url ?? '/', 'http://floor').searchParams.get('room') ?? '';
	let members = rooms.get(room);
	if (!members) rooms.set(room, (members = new Set()));
	members.add(ws);
	ws.on('close', () => members.delete(ws));
	ws.on('message', (data) => {
		const cmd = readWsFloorCmd(String(data));
		const receivedAt = performance.now();
		// `{"version":<seq>,"pad":"…"}` encodes to `bytes` characters.
		const padLength = Math.max(0, cmd.bytes - `{"version":${cmd.cmd},"pad":""}`.length);
		let pad = pads.get(padLength);
		if (pad === undefined) pads.set(padLength, (pad = 'x'.repeat(padLength)));
		ws.send(JSON.stringify({ ack: cmd.cmd }));
		const payload = JSON.stringify({ version: cmd.cmd, pad });
		// The driver is in the room too, as with socket.io's floor.
		for (const member of members) member.send(payload);
		fanoutMs.push(performance.now() - receivedAt);
	});
	ws.send(JSON.stringify({ ready: true }));
});

http.listen(0, '127.0.0.1', () => console.log(`listening ${(http.address() as AddressInfo).port}`));
process.on('SIGTERM', () => {
	wss.close();
	process.exit(0);
});
