import { join, resolve } from 'node:path';

/** The repository root, whether running from scripts/ (ts) or dist/scripts/ (compiled). */
export const PROJECT_ROOT = resolve(__dirname, __dirname.includes(`${'/dist/'}`) ? '../../..' : '../..');
export const TOOLS_DIR = join(PROJECT_ROOT, '.tools');
export const DATA_DIR = join(PROJECT_ROOT, '.data');
