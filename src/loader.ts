/**
 * The one script tag a webmaster pastes: `<script type="module" src="…/lantoa/loader.js"></script>`.
 *
 * It finds `lantoa-*` elements on the page, now and whenever more are added, and imports only the
 * widgets present. The build writes, for each tag, the widget's entry file followed by every chunk it
 * statically imports; those are requested together (modulepreload), so the request chain is never
 * deeper than loader → widget + its shared chunks, whatever the widget's import graph looks like.
 */
declare const __LANTOA_MANIFEST__: Record<string, string[]>;

const manifest = __LANTOA_MANIFEST__;
// Chunk URLs resolve against the loader's own URL. (Kept in two steps: Vite rewrites the one-call form as an asset.)
const loaderUrl = import.meta.url;
const base = new URL('./', loaderUrl);
const started = new Set<string>();
const preloaded = new Set<string>();

function load(tag: string): void {
  if (started.has(tag)) return;
  started.add(tag);
  const [entry, ...chunks] = manifest[tag];
  for (const file of chunks) {
    if (preloaded.has(file)) continue; // two widgets sharing the lit chunk request it once
    preloaded.add(file);
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.href = new URL(file, base).href;
    document.head.append(link);
  }
  import(/* @vite-ignore */ new URL(entry, base).href).catch((error: unknown) =>
    console.error(`[lantoa] could not load <${tag}>:`, error),
  );
}

function scan(root: ParentNode): void {
  for (const tag in manifest) if (!started.has(tag) && root.querySelector(tag)) load(tag);
}

scan(document);
if (started.size < Object.keys(manifest).length) {
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType !== 1) continue;
        const element = node as Element;
        if (element.localName in manifest) load(element.localName);
        scan(element);
      }
    }
    if (started.size === Object.keys(manifest).length) observer.disconnect();
  });
  observer.observe(document.documentElement, { childList: true, subtree: true });
}
