/**
 * Engine.IO heartbeat: a ping every second, which is also the screens' liveness (a screen that hears
 * nothing for 2.5 s says `stalled`: docs/realtime.md); 3 bytes a ping on the websocket (`2`), 180 B a
 * minute, and the pong back. A dead tablet is noticed, and a silent connection given up on by either
 * side, after PING_INTERVAL + PING_TIMEOUT (15 s): a 10 s freeze disconnects nobody. A module of its
 * own, without imports: the benchmark's socket.io floor (scripts/bench/floor-server.ts) takes the
 * same values without loading the app.
 */
export const PING_INTERVAL_MS = 1_000;
export const PING_TIMEOUT_MS = 14_000;
