/** Host-training sessions (网络主播训练营) the campaign's progress counts, scoped to the account's units. */
import type { SessionAccount } from '../../src/lib/contract/session';
import type { TrainingSession, TrainingSessionInput } from '../../src/lib/core/progress';
import { ensureOwnUnit, staleVersion, visible } from '../domain/scope';
import { unitScope } from '../domain/unit-scope';
import type { TrainingRepository } from './training.repository';

export class TrainingService {
	constructor(
		private readonly training: TrainingRepository,
		private readonly clock: () => number
	) {}

	list(account: SessionAccount, unit: string | undefined): TrainingSession[] {
		return this.training.list({ unitCodes: unitScope(account, unit).unitCodes });
	}

	/** Another unit's session answers like a missing one (404). */
	get(account: SessionAccount, id: number): TrainingSession {
		return visible(account, this.training.get(id), 'Training session');
	}

	/** A city records its own sessions only: writing into another unit is 403, as everywhere in the API. */
	create(account: SessionAccount, input: TrainingSessionInput): TrainingSession {
		ensureOwnUnit(account, input.unitCode);
		return this.training.create(input, this.clock());
	}

	update(account: SessionAccount, id: number, version: number, input: TrainingSessionInput): TrainingSession {
		this.get(account, id);
		ensureOwnUnit(account, input.unitCode);
		const saved = this.training.update(id, version, input, this.clock());
		if (!saved) throw staleVersion('session');
		return saved;
	}

	remove(account: SessionAccount, id: number): void {
		this.get(account, id);
		this.training.delete(id);
	}
}
