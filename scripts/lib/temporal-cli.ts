import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TOOLS_DIR } from './project-paths';
import { say } from './log';
import { progressLine } from './progress';

const execFileAsync = promisify(execFile);

/** v1.6+ cannot be `go install`ed (replace directives), so the CLI is pinned here. */
export const TEMPORAL_CLI_VERSION = '1.5.1';
const CACHED_BINARY = join(TOOLS_DIR, 'temporal');
// `go install` stamps the binary as 0.0.0-DEV, so the version we built is recorded beside it.
const VERSION_MARKER = join(TOOLS_DIR, 'temporal.version');
const PACKAGES_PER_LOG_LINE = 100;

async function isGoodCache(): Promise<boolean> {
  if (!existsSync(VERSION_MARKER) || readFileSync(VERSION_MARKER, 'utf8').trim() !== TEMPORAL_CLI_VERSION) return false;
  try {
    await execFileAsync(CACHED_BINARY, ['--version'], { timeout: 20_000 });
    return true;
  } catch {
    return false;
  }
}

function findGo(): string | undefined {
  const candidates = (process.env.PATH ?? '')
    .split(':')
    .filter(Boolean)
    .map((dir) => join(dir, 'go'))
    .concat(['/usr/local/go/bin/go', '/usr/lib/go/bin/go']);
  return candidates.find((candidate) => existsSync(candidate));
}

async function buildWithGo(go: string): Promise<void> {
  mkdirSync(TOOLS_DIR, { recursive: true });
  say(`building the Temporal CLI v${TEMPORAL_CLI_VERSION} from Go modules (first run only; several minutes)...`);
  await new Promise<void>((resolvePromise, reject) => {
    const child = spawn(go, ['install', '-v', `github.com/temporalio/cli/cmd/temporal@v${TEMPORAL_CLI_VERSION}`], {
      env: { ...process.env, CGO_ENABLED: '0', GOBIN: TOOLS_DIR, GOFLAGS: '-mod=mod' },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let built = 0;
    let shown = 0;
    const progress = progressLine(process.stdout);
    const counted = () => `[rocu] compiled ${built} packages`;
    child.stderr.on('data', (chunk: Buffer) => {
      // `go install -v` names each package as it compiles: show a count rather than hundreds of lines.
      built += chunk
        .toString()
        .split('\n')
        .filter((line) => line && !line.startsWith('go: downloading')).length;
      // In a log, a line per hundred packages is enough to show it is moving.
      const milestone = built - shown >= PACKAGES_PER_LOG_LINE;
      if (milestone) shown = built;
      progress.show(counted(), milestone);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      progress.end(counted());
      if (code === 0) resolvePromise();
      else reject(new Error(`go install of the Temporal CLI failed with exit code ${code}`));
    });
  });
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
    await buildWithGo(go);
    writeFileSync(VERSION_MARKER, `${TEMPORAL_CLI_VERSION}\n`);
    if (!(await isGoodCache())) throw new Error(`the Temporal CLI built into ${CACHED_BINARY} does not run`);
    return { kind: 'binary', path: CACHED_BINARY };
  }
  say('no Go toolchain found: falling back to the Temporal SDK download (needs internet)');
  return { kind: 'sdk-download' };
}
