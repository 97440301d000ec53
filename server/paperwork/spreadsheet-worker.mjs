// Entry of the spreadsheet worker thread. The server runs TypeScript through tsx (`node --import
// tsx`, or vitest's own transform), which a worker thread does not necessarily inherit: this
// plain module loads the TypeScript worker through tsx's scoped loader, the same way everywhere.
import { tsImport } from 'tsx/esm/api';

await tsImport('./spreadsheet.worker.ts', import.meta.url);
