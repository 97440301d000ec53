/**
 * People: hosts, guests and 扶贫大使 with the fields of 附件4. A unit nominates a person as 扶贫大使;
 * the province awards the title (who and when are kept) or revokes it. A city sees only its own
 * unit's people.
 */
import type { PersonInput } from '../../src/lib/core/model';
import type { SessionAccount } from '../../src/lib/contract/session';
import type { PersonListQuery, PersonPatchRequest } from '../../src/lib/contract/people';
import { DomainError } from '../domain/errors';
import type { PersonChanges, PersonRecord, PersonRepository } from './person.repository';
import type { ShowRepository } from './show.repository';
import type { Bus } from '../domain/bus';
import { ensureOwnUnit, ensureProvince, listUnit, savedOrThrow, staleVersion, visible } from '../domain/scope';

export interface PersonServiceDeps {
	people: PersonRepository;
	shows: ShowRepository;
	bus: Bus;
	clock: () => number;
}

export class PersonService {
	constructor(private readonly deps: PersonServiceDeps) {}

	get(account: SessionAccount, id: number): PersonRecord {
		return visible(account, this.deps.people.get(id), 'Person');
	}

	list(account: SessionAccount, query: PersonListQuery): PersonRecord[] {
		return this.deps.people.list({ ...query, unitCode: listUnit(account, query.unit) });
	}

	create(account: SessionAccount, input: PersonInput): PersonRecord {
		ensureOwnUnit(account, input.unitCode);
		return this.deps.people.create(input, this.deps.clock());
	}

	update(account: SessionAccount, id: number, patch: PersonPatchRequest): PersonRecord {
		const person = this.get(account, id);
		const { expectedVersion, ...changes } = patch;
		if (changes.unitCode !== undefined && changes.unitCode !== person.unitCode) ensureOwnUnit(account, changes.unitCode);
		return this.save(person, expectedVersion, changes as Partial<PersonInput>);
	}

	/** The unit proposes the person for the 扶贫大使 title; 附件4 needs an introduction and a reason. */
	nominate(account: SessionAccount, id: number, expectedVersion?: number): PersonRecord {
		const person = this.get(account, id);
		if (person.ambassador !== 'none') throw new DomainError('INVALID_STATUS', `The person is already ${person.ambassador}`);
		const missing = (['intro', 'reason'] as const).filter((field) => person[field].trim() === '');
		if (missing.length > 0) {
			throw new DomainError('VALIDATION',
				`A nomination needs ${missing.join(' and ')} (附件4)`,
				missing.map((path) => ({ path, code: 'required_for_nomination', message: 'Required for a nomination (附件4)' }))
			);
		}
		return this.save(person, expectedVersion, { ambassador: 'nominated', ambassadorNominatedAt: this.deps.clock(), ambassadorNominatedBy: account.displayName });
	}

	/** The province awards the title to a nominated person. */
	award(account: SessionAccount, id: number, expectedVersion?: number): PersonRecord {
		const person = this.get(account, id);
		ensureProvince(account, 'award the 扶贫大使 title');
		if (person.ambassador !== 'nominated') throw new DomainError('INVALID_STATUS', 'Only a nominated person can be awarded the title');
		return this.save(person, expectedVersion, { ambassador: 'awarded', ambassadorAwardedAt: this.deps.clock(), ambassadorAwardedBy: account.displayName });
	}

	/**
	 * Takes back a nomination (the unit or the province) or an awarded title (the province only).
	 */
	revoke(account: SessionAccount, id: number, expectedVersion?: number): PersonRecord {
		const person = this.get(account, id);
		if (person.ambassador === 'none') throw new DomainError('INVALID_STATUS', 'The person is neither nominated nor awarded');
		if (person.ambassador === 'awarded') ensureProvince(account, 'revoke the 扶贫大使 title');
		return this.save(person, expectedVersion, {
			ambassador: 'none',
			ambassadorNominatedAt: null,
			ambassadorNominatedBy: null,
			ambassadorAwardedAt: null,
			ambassadorAwardedBy: null
		});
	}

	/** Archived people leave the lists and pickers; shows that name them keep them. */
	setArchived(account: SessionAccount, id: number, archived: boolean, expectedVersion?: number): PersonRecord {
		const person = this.get(account, id);
		return this.save(person, expectedVersion, { archivedAt: archived ? (person.archivedAt ?? this.deps.clock()) : null });
	}

	private save(person: PersonRecord, expectedVersion: number | undefined, changes: PersonChanges): PersonRecord {
		const { people, shows, bus, clock } = this.deps;
		if (expectedVersion !== undefined && expectedVersion !== person.version) throw staleVersion('person');
		const saved = savedOrThrow(people.update(person.id, expectedVersion ?? null, changes, clock()), 'Person');
		// Names and titles show on the live screens of the shows that cast the person.
		for (const showId of shows.showsCasting(person.id)) bus.emit('showChanged', showId);
		return saved;
	}
}
