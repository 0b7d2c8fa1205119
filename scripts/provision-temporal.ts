import { resolveTemporalCli } from './lib/temporal-cli';
import { say } from './lib/log';

/** `npm run provision:temporal`: makes sure the Temporal CLI is available (builds it once if needed). */
resolveTemporalCli()
  .then((cli) => say(cli.kind === 'binary' ? `Temporal CLI: ${cli.path}` : 'Temporal CLI: SDK download'))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
