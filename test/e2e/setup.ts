/**
 * What every end-to-end test needs: the real service in a child process on a temporary data dir (as
 * `npm start` runs it, with the built widgets) and a real Chromium, started before the file's tests and
 * stopped after them.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { CHROME_ARGS, chromePath } from '../../scripts/chrome-path.js';
import { spawnService, tempDir, type ChildService } from '../server/helpers.js';

export interface EndToEnd {
  /** The service's data dir (its SQLite file is `pledges.sqlite`). */
  dataDir: string;
  /** The service's base URL, once started. */
  base: string;
  browser: Browser;
}

/** `env` adds to the service's environment (e.g. `HOST: '0.0.0.0'` so that 127.0.0.2 reaches it too). */
export function endToEnd(env: Record<string, string> = {}): EndToEnd {
  const data = tempDir();
  let service: ChildService | undefined;
  const setup = { dataDir: data.path, base: '', browser: undefined as unknown as Browser };
  before(async () => {
    service = spawnService({ DATA_DIR: data.path, ...env });
    setup.base = await service.ready;
    setup.browser = await chromium.launch({ executablePath: chromePath(), args: CHROME_ARGS });
  });
  after(async () => {
    await setup.browser?.close();
    service?.child.kill('SIGTERM');
    await service?.exited;
    data.remove();
  });
  return setup;
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string;
  nodes: { target: string[] }[];
}

/** axe-core run in the page (evaluated over the DevTools protocol, which the page's CSP does not govern). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run(document);
    return result.violations.map(({ id, impact, nodes }) => ({
      id,
      impact,
      nodes: nodes.map(({ target }) => ({ target })),
    }));
  });
}
