/**
 * `npm run admin -- <command>`: account recovery on the server's machine, with the database named
 * by DATABASE_PATH (the server may keep running).
 *
 *   reset-password <username>   sets a new random password, prints it once, and signs the account
 *                               out of every session
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from '../server/config';
import { DatabaseError, openDatabase } from '../server/db/client';
import { AccountRepository } from '../server/accounts/account.repository';
import { SessionRepository } from '../server/accounts/session.repository';
import { hashPassword, randomPassword } from '../server/accounts/password';

const USAGE = 'usage: npm run admin -- reset-password <username>';

export class AdminError extends Error {}

/** Sets a new random password for `username`, signs it out everywhere, and answers the password. */
export async function resetPassword(databasePath: string, username: string): Promise<{ password: string; disabled: boolean }> {
	if (databasePath === ':memory:') throw new AdminError('DATABASE_PATH is :memory:; there is no stored account to reset');
	if (!existsSync(databasePath)) throw new AdminError(`DATABASE_PATH ${databasePath} does not exist`);
	const db = openDatabase(databasePath);
	try {
		const accounts = new AccountRepository(db);
		const account = accounts.findByUsername(username);
		if (!account) throw new AdminError(`there is no account named "${username}"`);
		const password = randomPassword();
		const passwordHash = await hashPassword(password);
		db.transaction(() => {
			accounts.update(account.id, { passwordHash });
			new SessionRepository(db).deleteForAccount(account.id);
		});
		return { password, disabled: account.disabledAt !== null };
	} finally {
		db.$client.close();
	}
}

async function main(args: string[]) {
	const [command, username, ...rest] = args;
	if (command !== 'reset-password' || !username || rest.length > 0) {
		console.error(USAGE);
		process.exit(2);
	}
	try {
		const config = loadConfig();
		const { password, disabled } = await resetPassword(config.databasePath, username);
		console.log(`showcall: new password for ${username} (shown once): ${password}`);
		console.log(`showcall: ${username} is signed out everywhere; sign in with the new password and change it.`);
		if (disabled) console.log(`showcall: note: ${username} is disabled; an administrator must enable it before it can sign in.`);
	} catch (err) {
		const known = err instanceof AdminError || err instanceof ConfigError || err instanceof DatabaseError;
		console.error(`showcall: reset-password failed: ${known ? err.message : (err as Error).stack}`);
		process.exit(1);
	}
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) await main(process.argv.slice(2));
