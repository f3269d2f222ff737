/** The current time as ISO 8601 (UTC), formatted at most once per millisecond: log lines and records ask for it on every request. */
let lastMs = 0;
let lastIso = '';
export function isoNow(): string {
  const ms = Date.now();
  if (ms !== lastMs) {
    lastMs = ms;
    lastIso = new Date(ms).toISOString();
  }
  return lastIso;
}
