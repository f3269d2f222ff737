/**
 * Loading outside data: the data-source controller (a property, an inline JSON child or a URL, with a timeout).
 * Parsing only; validation is in validate.ts, imported lazily by each widget's `read`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Problem } from './lantoa-element.js';

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
  /**
   * `no-cache` for a refresh: the browser asks again with the validators it holds (If-None-Match) and a 304 gives
   * back its copy, without a CORS preflight (the browser adds those headers, not the page).
   */
  cache?: RequestCache;
}

/** GETs a JSON document. Rejects with a LoadError naming what went wrong, or an AbortError when aborted. */
export async function fetchJson(url: string, options: FetchOptions = {}): Promise<unknown> {
  return decodeJson(await fetchText(url, options, 'application/json'), url);
}

/**
 * GETs a text document (JSON, CSV): the body as a string. Rejects with a LoadError (network, http,
 * timeout) or an AbortError when aborted.
 */
export async function fetchText(
  url: string,
  { timeoutMs = 10_000, signal, cache }: FetchOptions = {},
  accept = '*/*',
): Promise<string> {
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
      // Credentials as fetch's default, `same-origin`: no cookie ever goes to another origin (the service, a feed
      // elsewhere), and the request matches a `<link rel="preload" as="fetch" crossorigin>` of the same URL in the
      // snippet, so the data can travel with the code (a mode of `omit` made Chromium fetch it a second time).
      response = await fetch(url, { signal: controller.signal, headers: { accept }, cache });
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

/** Where a data source's data came from: the property, the inline JSON child, the URL, or nowhere (`none`). */
export interface Found {
  from: 'property' | 'inline' | 'url' | 'none';
  data: unknown;
  /** The URL, when the data came from it. */
  url?: string;
}

export interface DataSourceOptions<T> {
  /** What the data depends on (as @lit/task's `args`): when one changes, the load under way is aborted and another starts. */
  args: () => readonly unknown[];
  /** The value set from JavaScript; wins over the inline child and the URL (undefined or null: not set). */
  property?: () => unknown;
  /** The URL of the data, read only when there is no property value and no inline JSON child. */
  url: () => string | null | undefined;
  /** GETs the URL (fetchJson, fetchText); also where a widget starts, in parallel, the lazy imports the data will need. */
  fetch: (url: string, signal: AbortSignal) => Promise<unknown>;
  /**
   * Turns what was found into the value: validation (its schema imported lazily, so only outside data loads
   * zod) or, for `none`, the widget's own default, and starts using it (a later load replaces it). Throws to
   * fail; a thrown {@link Problem} is shown as it is.
   */
  read: (found: Found, signal: AbortSignal) => Promise<T> | T;
  /**
   * Logs a failure and says what the widget shows instead (undefined: nothing, the widget falls back). During a
   * refresh the value on show stays, whatever this returns.
   */
  failed: (error: unknown, found: Found | undefined) => Problem | undefined | Promise<Problem | undefined>;
  /** Seconds between reloads of the URL; 0 or absent: never. */
  refreshSeconds?: () => number;
}

/**
 * A widget's outside data as a Lit reactive controller: the property, else an inline `<script
 * type="application/json">` child, else a URL; aborted when its `args` change or the widget leaves the page
 * (loaded again when it comes back), reloaded every `refreshSeconds`. The widget renders `status`, `value` and
 * `problem`.
 */
export class DataSource<T> implements ReactiveController {
  status: 'loading' | 'ready' | 'failed' = 'loading';
  value?: T;
  problem?: Problem;
  private args?: readonly unknown[];
  private abort?: AbortController;
  private timer?: ReturnType<typeof setInterval>;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    private readonly options: DataSourceOptions<T>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Back on the page after leaving it: what was aborted then is loaded again.
    if (this.args) void this.load();
  }

  hostDisconnected(): void {
    this.abort?.abort();
    clearInterval(this.timer);
  }

  hostUpdate(): void {
    const [last, args] = [this.args, (this.args = this.options.args())];
    if (!last || args.some((arg, i) => arg !== last[i])) void this.load();
  }

  /** Loads from the first source present; `refreshing` keeps what is on show while it runs and if it fails. */
  async load(refreshing = false): Promise<void> {
    this.hostDisconnected();
    const { signal } = (this.abort = new AbortController());
    const { property, url, fetch, read, failed, refreshSeconds } = this.options;
    const where = url() || undefined;
    const seconds = where && refreshSeconds?.();
    if (seconds) this.timer = setInterval(() => void this.load(true), seconds * 1000);
    if (!refreshing) {
      this.status = 'loading';
      this.problem = undefined;
    }
    this.host.requestUpdate();
    let found: Found | undefined;
    try {
      const given = property?.() ?? undefined; // null clears the property, like undefined
      const inline = given === undefined ? readInlineJson(this.host) : undefined;
      found = {
        from: given !== undefined ? 'property' : inline !== undefined ? 'inline' : where ? 'url' : 'none',
        data: given ?? inline,
      };
      if (found.from === 'url') found.data = await fetch((found.url = where as string), signal);
      const value = await read(found, signal);
      if (signal.aborted) return;
      this.value = value;
      this.status = 'ready';
    } catch (error) {
      if (isAbort(error) || signal.aborted) return;
      // A thrown Problem (bad data, explained by the widget) is shown as it is.
      const problem =
        typeof (error as Problem | null)?.explain === 'function' ? (error as Problem) : await failed(error, found);
      if (refreshing || signal.aborted) return;
      this.value = undefined;
      this.problem = problem;
      this.status = 'failed';
    }
    this.host.requestUpdate();
  }
}
