import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { say } from './log';
import { progressLine } from './progress';

const execFileAsync = promisify(execFile);
const PACKAGES_PER_LOG_LINE = 100;

/** The Go toolchain: on PATH, else where Debian or the official tarball put it. */
export function findGo(): string | undefined {
  const candidates = (process.env.PATH ?? '')
    .split(':')
    .filter(Boolean)
    .map((dir) => join(dir, 'go'))
    .concat(['/usr/local/go/bin/go', '/usr/lib/go/bin/go']);
  return candidates.find((candidate) => existsSync(candidate));
}

/**
 * `go install` of pure-Go commands (CGO off) into `gobin`, showing a count of compiled packages rather than
 * hundreds of lines: redrawn on a terminal, a line per hundred packages in logs and CI.
 */
export async function goInstall(go: string, what: string, packages: string[], gobin: string): Promise<void> {
  mkdirSync(gobin, { recursive: true });
  say(`building ${what} from Go modules (first run only; several minutes)...`);
  const started = Date.now();
  await new Promise<void>((resolvePromise, reject) => {
    const child = spawn(go, ['install', '-v', ...packages], {
      env: { ...process.env, CGO_ENABLED: '0', GOBIN: gobin, GOFLAGS: '-mod=mod' },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let built = 0;
    let shown = 0;
    const progress = progressLine(process.stdout);
    const counted = () => `[rocu] compiled ${built} packages`;
    child.stderr.on('data', (chunk: Buffer) => {
      built += chunk
        .toString()
        .split('\n')
        .filter((line) => line && !line.startsWith('go: downloading')).length;
      const milestone = built - shown >= PACKAGES_PER_LOG_LINE;
      if (milestone) shown = built;
      progress.show(counted(), milestone);
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      progress.end(counted());
      if (code === 0) resolvePromise();
      else reject(new Error(`go install of ${what} failed with exit code ${code}`));
    });
  });
  say(`built ${what} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

/** Where the Go module cache holds a module version (downloading it if needed). */
export async function goModuleDir(go: string, moduleAtVersion: string): Promise<string> {
  const { stdout } = await execFileAsync(go, ['mod', 'download', '-json', moduleAtVersion], {
    env: { ...process.env, GOFLAGS: '-mod=mod' },
    maxBuffer: 1024 * 1024,
  });
  const { Dir } = JSON.parse(stdout) as { Dir?: string };
  if (!Dir) throw new Error(`go mod download ${moduleAtVersion} named no folder`);
  return Dir;
}
