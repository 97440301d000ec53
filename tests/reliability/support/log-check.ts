/**
 * Reading a show's event log and stored state straight from the SQLite file (read-only, beside the
 * running server), as an auditor would: integrity, the version sequence, and what each version was.
 */
import Database from 'better-sqlite3';

export interface LoggedCommand {
	version: number;
	type: string;
	payload: Record<string, unknown>;
	state: Record<string, unknown>;
}

export interface LogAudit {
	integrity: string;
	commands: LoggedCommand[];
	/** The show's live state as the server reads it back: its newest command's (the highest version). */
	stored: { version: number; state: Record<string, unknown> } | null;
	/** Problems with the sequence: gaps, repeats, a newest version that is not the last command logged. */
	problems: string[];
}

export function auditLog(databasePath: string, showId: number): LogAudit {
	const db = new Database(databasePath, { readonly: true, fileMustExist: true });
	try {
		const integrity = String(db.pragma('integrity_check', { simple: true }));
		const commands = (
			db.prepare("SELECT version, type, payload, state FROM live_events WHERE show_id = ? AND kind = 'command' ORDER BY id").all(showId) as {
				version: number;
				type: string;
				payload: string;
				state: string;
			}[]
		).map((r) => ({ version: r.version, type: r.type, payload: JSON.parse(r.payload), state: JSON.parse(r.state) }));
		const row = db
			.prepare('SELECT version, state FROM live_events WHERE show_id = ? AND version IS NOT NULL ORDER BY version DESC LIMIT 1')
			.get(showId) as { version: number; state: string } | undefined;
		const stored = row ? { version: row.version, state: JSON.parse(row.state) } : null;
		const problems: string[] = [];
		commands.forEach((c, i) => {
			if (c.version !== i + 1) problems.push(`event #${i + 1} has version ${c.version}`);
		});
		const last = commands.at(-1);
		if (last && stored) {
			if (stored.version !== last.version) problems.push(`the newest version is ${stored.version}, the log ends at ${last.version}`);
			if (JSON.stringify(stored.state) !== JSON.stringify(last.state)) problems.push('the newest version is not the last logged command');
		}
		return { integrity, commands, stored, problems };
	} finally {
		db.close();
	}
}
