// Makes sure a Chrome/Chromium is there for the browser tests. On a fresh Debian/Ubuntu machine as root
// it installs Debian's `chromium` with apt (as `playwright install --with-deps` would, but from the
// distribution: nothing downloads a browser build). Elsewhere it stops with a message naming CHROME_PATH.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChrome } from './chrome-path.js';

const found = findChrome();
if (found) {
  console.log(`chrome: ${found}`);
  process.exit(0);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get') && existsSync('/etc/debian_version');
if (!isRoot || !hasApt) {
  console.error(
    'No Chrome/Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install chromium`) ' +
      'or set CHROME_PATH to the Chrome binary, then run `npm test` again.',
  );
  process.exit(1);
}
console.log('chrome: none found; installing Debian’s chromium with apt-get …');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env });
const installed = findChrome();
if (!installed) {
  console.error('apt-get finished but no chromium binary was found; set CHROME_PATH.');
  process.exit(1);
}
console.log(`chrome: ${installed}`);
