import { resolve } from 'node:path';

/** The project root, the same from `src/` (tests) and from `dist/` (built). */
export const PROJECT_ROOT = resolve(__dirname, '../..');
