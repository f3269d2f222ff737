/**
 * localStorage that never throws: it is missing or throws SecurityError in some embeds (sandboxed
 * iframes, blocked third-party storage, private modes). Callers get null / false and carry on.
 */
function store(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function readStored<T>(key: string): T | null {
  try {
    const raw = store()?.getItem(key);
    return raw == null ? null : (JSON.parse(raw) as T);
  } catch {
    return null;
  }
}

/** Returns false when the value could not be kept (storage blocked or full). */
export function writeStored(key: string, value: unknown): boolean {
  try {
    const storage = store();
    if (!storage) return false;
    storage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function removeStored(key: string): void {
  try {
    store()?.removeItem(key);
  } catch {
    /* storage blocked: nothing was kept, so nothing to remove */
  }
}
