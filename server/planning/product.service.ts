/**
 * The 小青优品 product library: cities nominate products (candidates), the province selects them
 * into the library; anyone may archive. A city sees and edits only its own unit's products.
 */
import type { Product, ProductInput } from '../../src/lib/core/model';
import { NOMINATION_TARGET, unitMayUse } from '../../src/lib/core/planning';
import { UNITS } from '../../src/lib/core/units';
import type { SessionAccount } from '../../src/lib/contract/session';
import type { ProductListQuery, ProductPatchRequest } from '../../src/lib/contract/products';
import { DomainError } from '../domain/errors';
import type { ProductRepository } from './product.repository';
import type { ShowRepository } from './show.repository';
import type { Bus } from '../domain/bus';
import { ensureOwnUnit, listUnit, savedOrThrow, staleVersion, visible } from '../domain/scope';

export interface ProductServiceDeps {
	products: ProductRepository;
	shows: ShowRepository;
	bus: Bus;
	clock: () => number;
}

export class ProductService {
	constructor(private readonly deps: ProductServiceDeps) {}

	get(account: SessionAccount, id: number): Product {
		return visible(account, this.deps.products.get(id), 'Product');
	}

	list(account: SessionAccount, query: ProductListQuery): Product[] {
		return this.deps.products.list({ ...query, unitCode: listUnit(account, query.unit) });
	}

	create(account: SessionAccount, input: ProductInput): Product {
		ensureOwnUnit(account, input.unitCode);
		this.ensureMaySelect(account, input.status);
		return this.deps.products.create(input, this.deps.clock());
	}

	/** Edits, archives (`status: 'archived'`) or restores; shows presenting it are told. */
	update(account: SessionAccount, id: number, patch: ProductPatchRequest): Product {
		const { products, shows, bus, clock } = this.deps;
		const product = this.get(account, id);
		const { expectedVersion, ...changes } = patch;
		if (expectedVersion !== undefined && expectedVersion !== product.version) throw staleVersion('product');
		const presenting = shows.showsPresenting([id]);
		if (changes.unitCode !== undefined && changes.unitCode !== product.unitCode) {
			ensureOwnUnit(account, changes.unitCode);
			if (presenting.some((show) => !unitMayUse(show.unitCode, changes.unitCode!))) {
				throw new DomainError('PRODUCT_IN_USE', "A show of the product's unit presents it; remove it from that run-sheet before moving it to another unit");
			}
		}
		if (changes.status !== undefined && changes.status !== product.status) this.ensureMaySelect(account, changes.status);
		const saved = savedOrThrow(products.update(id, expectedVersion ?? null, changes as Partial<ProductInput>, clock()), 'Product');
		for (const { showId } of presenting) bus.emit('showChanged', showId);
		return saved;
	}

	/** Each unit's nominations (candidates + selected) against the notice's 5–8. */
	nominations(account: SessionAccount) {
		const counts = new Map(this.deps.products.nominationCounts(listUnit(account, undefined)).map((c) => [c.unitCode, c]));
		const units = UNITS.filter((u) => (account.scope === 'province' ? u.kind === 'city' || counts.has(u.code) : u.code === account.unitCode));
		return {
			units: units.map((u) => {
				const c = counts.get(u.code);
				const candidate = Number(c?.candidate ?? 0);
				const selected = Number(c?.selected ?? 0);
				return { unitCode: u.code, candidate, selected, total: candidate + selected };
			}),
			target: { ...NOMINATION_TARGET }
		};
	}

	/** Selecting a product into the provincial library is the province's decision. */
	private ensureMaySelect(account: SessionAccount, status: Product['status']) {
		if (status === 'selected' && account.scope !== 'province') {
			throw new DomainError('FORBIDDEN', 'Only the province selects products into the library', [
				{ path: 'status', code: 'province_only', message: 'Only the province selects products into the library' }
			]);
		}
	}
}
