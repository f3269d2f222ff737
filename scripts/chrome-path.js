// Where Chromium is: CHROME_PATH, else the usual Debian/Ubuntu paths. Shared by tests and scripts.
import { existsSync } from 'node:fs';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** @returns {string | undefined} the Chrome/Chromium binary to use, if any */
export function findChrome() {
  return process.env.CHROME_PATH || CANDIDATES.find((candidate) => existsSync(candidate));
}

/** @returns {string} the Chrome/Chromium binary; throws a message naming CHROME_PATH when there is none */
export function chromePath() {
  const path = findChrome();
  if (!path) throw new Error('No Chrome/Chromium found: install chromium, or set CHROME_PATH to a Chrome binary.');
  return path;
}

/** Flags that keep headless Chromium quiet on a closed network and let it run as root. */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
