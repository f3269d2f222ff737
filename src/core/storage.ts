/**
 * localStorage that never throws: it is missing or throws SecurityError in some embeds (sandboxed
 * iframes, blocked third-party storage, private modes). Callers get null / false and carry on. Every
 * access to `localStorage` (even reading the global) stays inside a `try`.
 */

export function readStored<T>(key: string): T | null {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null') as T | null;
  } catch {
    return null;
  }
}

/** Returns false when the value could not be kept (storage blocked or full). */
export function writeStored(key: string, value: unknown): boolean {
  try {
    localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function removeStored(key: string): void {
  try {
    localStorage.removeItem(key);
  } catch {
    /* storage blocked: nothing was kept, so nothing to remove */
  }
}
