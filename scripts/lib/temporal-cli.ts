import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TOOLS_DIR } from './project-paths';
import { findGo, goInstall } from './go-install';
import { say } from './log';

const execFileAsync = promisify(execFile);

/** v1.6+ cannot be `go install`ed (replace directives), so the CLI is pinned here. */
export const TEMPORAL_CLI_VERSION = '1.5.1';
const CACHED_BINARY = join(TOOLS_DIR, 'temporal');
// `go install` stamps the binary as 0.0.0-DEV, so the version we built is recorded beside it.
const VERSION_MARKER = join(TOOLS_DIR, 'temporal.version');

async function isGoodCache(): Promise<boolean> {
  if (!existsSync(VERSION_MARKER) || readFileSync(VERSION_MARKER, 'utf8').trim() !== TEMPORAL_CLI_VERSION) return false;
  try {
    await execFileAsync(CACHED_BINARY, ['--version'], { timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

export type TemporalCli = { kind: 'binary'; path: string } | { kind: 'sdk-download' };

/**
 * Finds the Temporal CLI: TEMPORAL_CLI_PATH, else the cached build in .tools/, else a fresh build from Go
 * modules, else (on a machine with internet and no Go) the SDK's own download. Never rebuilds a good cache.
 */
export async function resolveTemporalCli(): Promise<TemporalCli> {
  const override = process.env.TEMPORAL_CLI_PATH;
  if (override) {
    if (!existsSync(override)) throw new Error(`TEMPORAL_CLI_PATH=${override} does not exist`);
    return { kind: 'binary', path: override };
  }
  if (await isGoodCache()) return { kind: 'binary', path: CACHED_BINARY };
  const go = findGo();
  if (go) {
    await goInstall(
      go,
      `the Temporal CLI v${TEMPORAL_CLI_VERSION}`,
      [`github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`],
      TOOLS_DIR,
    );
    writeFileSync(VERSION_MARKER, `${TEMPORAL_CLI_VERSION}\n`);
    if (!(await isGoodCache())) throw new Error(`the Temporal CLI built into ${CACHED_BINARY} does not run`);
    return { kind: 'binary', path: CACHED_BINARY };
  }
  say('no Go toolchain found: falling back to the Temporal SDK download (needs internet)');
  return { kind: 'sdk-download' };
}
