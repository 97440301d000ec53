/**
 * In-process notifications between services, so that planning code does not import the live
 * runtime and the runtime does not import the planning routes: a saved run-sheet or a rotated
 * link is announced here, and whoever cares listens.
 */
import { EventEmitter } from 'node:events';
import type { LinkRole } from '../../src/lib/contract/links';

export interface BusEvents {
	/** A show or its run-sheet was saved (or deleted). */
	showChanged: [showId: number];
	/** A show link was rotated: the old token must stop working at once. */
	tokenRotated: [showId: number, role: LinkRole];
	/**
	 * Sessions ended: one (`sessionId`, a sign-out), or every one of an account but `keepSessionId`
	 * (disabled, password reset or changed). Sockets opened with them must close at once.
	 */
	sessionsEnded: [ended: { sessionId: string } | { accountId: number; keepSessionId: string | null }];
}

export class Bus {
	readonly #emitter = new EventEmitter();

	emit<K extends keyof BusEvents>(event: K, ...args: BusEvents[K]) {
		this.#emitter.emit(event, ...args);
	}

	on<K extends keyof BusEvents>(event: K, listener: (...args: BusEvents[K]) => void): () => void {
		this.#emitter.on(event, listener as (...args: unknown[]) => void);
		return () => this.#emitter.off(event, listener as (...args: unknown[]) => void);
	}
}
