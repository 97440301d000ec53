// Worker entry: Node 20 does not carry `--import tsx` into worker threads, so register tsx here
// and load the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./screens.ts');
