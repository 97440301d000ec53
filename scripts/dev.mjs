#!/usr/bin/env node
// `npm run dev`: the API and socket.io under tsx watch on API_PORT (3001), and Vite's dev server
// with hot reload on PORT (3000), which proxies /api and /socket.io to the API.
import { spawn } from 'node:child_process';

const port = process.env.PORT ?? '3000';
const apiPort = process.env.API_PORT ?? '3001';
const env = { ...process.env, API_PORT: apiPort };
const children = [
	spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'watch', '--clear-screen=false', 'server/index.ts'], {
		stdio: 'inherit',
		env: { ...env, PORT: apiPort, HOST: process.env.HOST ?? '127.0.0.1' }
	}),
	spawn(process.execPath, ['node_modules/vite/bin/vite.js', 'dev', '--port', port, '--host', process.env.HOST ?? '0.0.0.0'], { stdio: 'inherit', env })
];
const stop = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
children.forEach((c) => c.on('exit', (code) => { stop(); process.exitCode = code ?? 0; }));
