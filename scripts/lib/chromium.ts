import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { say } from './log';

/** Debian's package of Chromium's headless shell, which the browser tests launch. */
const CHROMIUM_PACKAGE = 'chromium-headless-shell';

/**
 * Where the browser tests find Chromium: Debian's headless shell, built from the same `chromium` source as
 * the desktop browser (the same Blink and V8) without the browser UI, as Playwright itself runs headless.
 * It takes about 40 % less CPU than `/usr/bin/chromium --headless`, which on 2 cores is the browser
 * tests' bottleneck. test/support/browser.ts launches it.
 */
export const CHROMIUM_PATH = `/usr/bin/${CHROMIUM_PACKAGE}`;

const apt = (...args: string[]): boolean =>
  spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    .status === 0;

/**
 * The browser tests drive Debian's Chromium headless shell through playwright-core; when it is missing it is
 * installed with apt (as root, on Debian 12 or later). When that is not possible it says what to do and carries
 * on: the other tests still run, and the browser tests fail at launch.
 */
export function ensureChromium(): void {
  if (existsSync(CHROMIUM_PATH)) return;
  say(`${CHROMIUM_PATH} is missing: installing ${CHROMIUM_PACKAGE} with apt-get`);
  if (!apt('install', '-y', '--no-install-recommends', CHROMIUM_PACKAGE)) {
    apt('update');
    apt('install', '-y', '--no-install-recommends', CHROMIUM_PACKAGE);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    say(`could not install Chromium: run \`apt-get install -y ${CHROMIUM_PACKAGE}\` as root (browser tests need it)`);
  }
}
