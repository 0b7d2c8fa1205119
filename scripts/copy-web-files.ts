import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from './lib/project-paths';

/**
 * Part of `npm run build`: tsc compiles the web app's code; this copies what it does not, the Nunjucks
 * views (kept beside their controllers) and the static files, into dist/ beside the compiled code.
 */
function main(): void {
  const source = join(PROJECT_ROOT, 'apps/web');
  const target = join(PROJECT_ROOT, 'dist/apps/web');
  cpSync(join(source, 'src'), join(target, 'src'), {
    recursive: true,
    filter: (path) => !/\.[cm]?ts$/.test(path),
  });
  cpSync(join(source, 'public'), join(target, 'public'), { recursive: true });
}

main();
