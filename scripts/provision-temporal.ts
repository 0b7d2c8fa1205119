import { resolveTemporalCli } from './lib/temporal-cli';
import { resolveTemporalServer } from './lib/temporal-server-tools';
import { say } from './lib/log';

/**
 * `npm run provision:temporal`: makes sure the Temporal CLI (the dev server) and the Temporal server with its
 * SQL tool and Postgres schemas (the Postgres-backed cluster) are available, building each once if needed.
 */
async function main(): Promise<void> {
  const cli = await resolveTemporalCli();
  say(cli.kind === 'binary' ? `Temporal CLI: ${cli.path}` : 'Temporal CLI: SDK download');
  const server = await resolveTemporalServer();
  say(`Temporal server: ${server.server} (SQL tool ${server.sqlTool})`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
