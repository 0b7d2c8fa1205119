import { readFileSync } from 'node:fs';
import { chromium, Browser, Page } from 'playwright-core';
import { CHROMIUM_PATH } from '../../scripts/lib/chromium';

/** Launches Debian's Chromium headless shell (see CHROMIUM_PATH); as root it needs --no-sandbox. */
export function launchChromium(): Promise<Browser> {
  const asRoot = process.getuid?.() === 0;
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      ...(asRoot ? ['--no-sandbox'] : []),
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-gpu',
    ],
  });
}

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.2 A and AA, as axe-core tags them. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** What the page's global scope offers once axe-core is injected (the tests compile without the DOM lib). */
interface AxeGlobal {
  document: unknown;
  axe?: {
    run(
      context: unknown,
      options: { runOnly: { type: 'tag'; values: string[] } },
    ): Promise<{
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    }>;
  };
}

/**
 * Runs axe-core in the page (injected through the DevTools protocol, so the page's CSP is untouched) and
 * returns the WCAG 2.2 A/AA violations. Needs a page with JavaScript on.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const page = globalThis as unknown as AxeGlobal;
    if (!page.axe) throw new Error('axe-core did not load');
    const result = await page.axe.run(page.document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.map(String).join(' ')),
    }));
  }, WCAG_TAGS);
}
