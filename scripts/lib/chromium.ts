import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { say } from './log';

/** Where the browser tests find Chromium (Debian's package); test/support/browser.ts launches it. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

const apt = (...args: string[]): boolean =>
  spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    .status === 0;

/**
 * The browser tests drive Debian's chromium through playwright-core; when it is missing it is installed
 * with apt (as root, on Debian or Ubuntu). Throws with what to do when that is not possible.
 */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  say(`${CHROMIUM_PATH} is missing: installing chromium with apt-get`);
  if (!apt('install', '-y', '--no-install-recommends', 'chromium')) {
    apt('update');
    apt('install', '-y', '--no-install-recommends', 'chromium');
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `could not install chromium: run \`apt-get install -y chromium\` as root (browser tests need ${CHROMIUM_PATH})`,
    );
  }
}
