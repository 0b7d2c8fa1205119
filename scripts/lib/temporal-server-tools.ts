import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findGo, goInstall, goModuleDir } from './go-install';
import { TOOLS_DIR } from './project-paths';

const execFileAsync = promisify(execFile);

/** The same Temporal server version docker-compose runs (temporalio/auto-setup:1.29.1). */
export const TEMPORAL_SERVER_VERSION = '1.29.1';
const SERVER_MODULE = 'go.temporal.io/server';
const CACHE_DIR = join(TOOLS_DIR, 'temporal-server');

/** The Temporal server, its SQL schema tool, and the Postgres schemas of that version. */
export interface TemporalServerTools {
  /** `go.temporal.io/server/cmd/server` */
  server: string;
  /** `go.temporal.io/server/cmd/tools/sql` (temporal-sql-tool) */
  sqlTool: string;
  /** The module's `schema/postgresql/v12` (`temporal/versioned`, `visibility/versioned`). */
  postgresSchemaDir: string;
}

function toolsIn(dir: string): TemporalServerTools {
  return {
    server: join(dir, 'server'),
    sqlTool: join(dir, 'sql'),
    postgresSchemaDir: join(dir, 'schema', 'postgresql', 'v12'),
  };
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o755);
  for (const entry of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, entry);
    chmodSync(path, statSync(path).isDirectory() ? 0o755 : 0o644);
  }
}

/** Both binaries run and report the pinned version, and the schemas are there. */
async function isComplete(tools: TemporalServerTools): Promise<boolean> {
  if (![tools.server, tools.sqlTool, join(tools.postgresSchemaDir, 'temporal', 'versioned')].every(existsSync)) {
    return false;
  }
  try {
    for (const binary of [tools.server, tools.sqlTool]) {
      const { stdout } = await execFileAsync(binary, ['--version'], { timeout: 20_000 });
      if (!stdout.includes(TEMPORAL_SERVER_VERSION)) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the Temporal server: TEMPORAL_SERVER_DIR (a folder laid out like the cache: `server`, `sql`,
 * `schema/postgresql/v12`), else the cache in .tools/temporal-server, else builds it from Go modules into
 * that cache (`go install` of cmd/server and cmd/tools/sql, schemas copied from the module). Never rebuilds a
 * good cache. Unlike the dev server there is no download fallback: it needs Go.
 */
export async function resolveTemporalServer(): Promise<TemporalServerTools> {
  const override = process.env.TEMPORAL_SERVER_DIR;
  if (override) {
    const tools = toolsIn(override);
    if (!(await isComplete(tools))) {
      throw new Error(
        `TEMPORAL_SERVER_DIR=${override} must hold server and sql v${TEMPORAL_SERVER_VERSION} and schema/postgresql/v12`,
      );
    }
    return tools;
  }
  const tools = toolsIn(CACHE_DIR);
  if (await isComplete(tools)) return tools;
  const go = findGo();
  if (!go) throw new Error('the Temporal server is built from Go modules, and no Go toolchain was found');
  const version = `v${TEMPORAL_SERVER_VERSION}`;
  await goInstall(
    go,
    `the Temporal server ${version} and its SQL tool`,
    [`${SERVER_MODULE}/cmd/server@${version}`, `${SERVER_MODULE}/cmd/tools/sql@${version}`],
    CACHE_DIR,
  );
  const moduleDir = await goModuleDir(go, `${SERVER_MODULE}@${version}`);
  rmSync(join(CACHE_DIR, 'schema'), { recursive: true, force: true });
  // Copied, not linked: the module cache may be cleaned. Its files are read-only; the copy is made writable
  // so that the cache can be removed like any folder.
  cpSync(join(moduleDir, 'schema', 'postgresql', 'v12'), tools.postgresSchemaDir, { recursive: true });
  makeWritable(join(CACHE_DIR, 'schema'));
  if (!(await isComplete(tools))) throw new Error(`the Temporal server built into ${CACHE_DIR} does not run`);
  return tools;
}
