/**
 * The paperwork and results area's repositories and services (forms, imports, reports, sales,
 * progress, host training); app.ts puts them under `deps.paperwork`.
 */
import type { Db } from '../db/client';
import { DemoRepository } from '../repositories/demo.repository';
import { ImportPreviewRepository } from '../repositories/import.repository';
import type { LiveRepository } from '../repositories/live.repository';
import type { PersonRepository } from '../repositories/person.repository';
import { ProductImportRepository } from '../repositories/product-import.repository';
import type { ProductRepository } from '../repositories/product.repository';
import type { RowLog } from '../repositories/rows';
import { SalesRepository } from '../repositories/sales.repository';
import type { ShowRepository } from '../repositories/show.repository';
import { TrainingRepository } from '../repositories/training.repository';
import { FormsService } from './forms.service';
import { ImportService } from './import.service';
import { ProgressService } from './progress.service';
import { ReportService } from './report.service';
import { SalesService } from './sales.service';

/** `repos`: the planning repositories createDeps made, shared rather than made again. */
export function paperworkDeps(
	db: Db,
	clock: () => number,
	repos: { live: LiveRepository; shows: ShowRepository; products: ProductRepository; people: PersonRepository; rowLog?: RowLog }
) {
	const { live, shows, products, people, rowLog } = repos;
	const salesRepo = new SalesRepository(db);
	const training = new TrainingRepository(db);
	return {
		training,
		demo: new DemoRepository(db),
		forms: new FormsService(shows, products, people),
		imports: new ImportService(new ImportPreviewRepository(db, rowLog), products, new ProductImportRepository(db), clock),
		reports: new ReportService(live, products, salesRepo, clock),
		sales: new SalesService(salesRepo, products, clock),
		progress: new ProgressService(shows, products, training, live, clock)
	};
}
export type PaperworkDeps = ReturnType<typeof paperworkDeps>;
