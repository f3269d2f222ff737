/** Loading outside data: an inline JSON child or a URL, with a timeout. Parsing only; validation is in validate.ts. */

export type LoadFailure = 'network' | 'http' | 'timeout' | 'parse';

export class LoadError extends Error {
  constructor(
    readonly kind: LoadFailure,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'LoadError';
  }
}

export interface FetchOptions {
  /** Give up after this long; a 2G round trip is ~800 ms, so the default leaves room for several. */
  timeoutMs?: number;
  /** Aborts the request, e.g. when the element leaves the page or its URL changes. */
  signal?: AbortSignal;
}

/** GETs a JSON document. Rejects with a LoadError naming what went wrong, or an AbortError when aborted. */
export async function fetchJson(url: string, options: FetchOptions = {}): Promise<unknown> {
  return decodeJson(await fetchText(url, options, 'application/json'), url);
}

/**
 * GETs a text document (JSON, CSV): the body as a string. Rejects with a LoadError (network, http,
 * timeout) or an AbortError when aborted.
 */
export async function fetchText(url: string, { timeoutMs = 10_000, signal }: FetchOptions = {}, accept = '*/*'): Promise<string> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const forwardAbort = () => controller.abort();
  signal?.addEventListener('abort', forwardAbort, { once: true });
  try {
    let response: Response;
    try {
      // credentials: 'omit' — outside data is public; never send the host page's cookies along.
      response = await fetch(url, { signal: controller.signal, credentials: 'omit', headers: { accept } });
    } catch (error) {
      if (timedOut) throw new LoadError('timeout', `no answer from ${url} within ${timeoutMs} ms`);
      if (signal?.aborted) throw error;
      throw new LoadError('network', `${url} is unreachable (${String(error)})`);
    }
    if (!response.ok) throw new LoadError('http', `${url} answered HTTP ${response.status}`, response.status);
    return await response.text();
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', forwardAbort);
  }
}

/** JSON.parse that throws a LoadError (kind `parse`) naming the source (the service's `parseJson` answers undefined instead). */
export function decodeJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new LoadError('parse', `${where} is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * The content of the element's own `<script type="application/json">` child, parsed, or undefined
 * when there is none. Only a direct child counts, so a nested widget's data is never picked up.
 */
export function readInlineJson(host: Element): unknown {
  const script = host.querySelector(':scope > script[type="application/json"]');
  if (!script) return undefined;
  return decodeJson(script.textContent ?? '', 'the inline <script type="application/json">');
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
