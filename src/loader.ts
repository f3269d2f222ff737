/**
 * The script tag a webmaster pastes for the widgets but the banner (which has banner.js, one file of its own, and is
 * left to it when the page has it): `<script type="module" src="…/lantoa/loader.js"></script>`, or the
 * same tag without `type="module"` (many CMSs strip it): this file is valid and scope-safe either way (no
 * `import.meta`, no top-level bindings: the build wraps it in a function), and a classic script may call
 * `import()`.
 *
 * It finds `lantoa-*` elements on the page, now and whenever more are added, and imports only the
 * widgets present. The build writes, for each tag, the widget's entry file followed by every chunk it
 * statically imports; those are requested together (modulepreload), so the request chain is never
 * deeper than loader → widget + its shared chunks, whatever the widget's import graph looks like.
 * A widget's language pack (the quiz's words and built-in questions), which the widget would otherwise ask for
 * only once its code has run, joins that same round trip (on 2G a trip is 800 ms).
 */
/**
 * Per tag: the widget's entry file, every chunk it imports statically, then the lazy language packs it loads
 * first (`quiz-card.vi-<hash>.js`), of which only the packs of the elements' languages are requested.
 */
declare const __LANTOA_MANIFEST__: Record<string, string[]>;

const manifest = __LANTOA_MANIFEST__;
/** A language pack's file name and its language (scripts/build.ts checks that only packs match). */
const LANGUAGE_PACK = /\.(vi|en)-/;

/**
 * This script's own URL, which the chunk URLs resolve against: a classic script is `document.currentScript`
 * while it runs; a module has none, and `import.meta` would be a syntax error in a classic script, so a module
 * reads its URL from its own stack frame (every engine writes it as `…url:line:column`).
 */
const base = new URL(
  './',
  (document.currentScript as HTMLScriptElement | null)?.src ||
    /(https?:\/\/[^\s()@]+?):\d+:\d+/.exec(new Error().stack ?? '')?.[1] ||
    location.href,
).href; // the file names are plain (`banner-<hash>.js`): `base + file` is their URL

/** Loads every widget present and not started yet. Run now, and on each batch of changes until all are started. */
function scan(): void {
  for (const tag in manifest) {
    const [entry, ...chunks] = manifest[tag];
    if (!entry || !document.querySelector(tag)) continue;
    manifest[tag] = []; // started: the next scans skip it
    // A widget whose own script is on the page (the banner's snippet names banner.js) is left to it: loading it here
    // too would fetch and run it twice.
    if (document.querySelector(`script[src*="/${tag.slice(7)}.js"]`)) continue;
    // A chunk two widgets share is announced twice; the browser fetches a module URL once. A pack is requested when
    // an element speaks its language: CSS :lang() is the widget's own rule (its lang, else the nearest ancestor's,
    // up to <html lang>; en-GB is en). On a page that names no language at all the widget falls back to Vietnamese
    // and asks for that pack itself, a trip later: a rule that covers it costs bytes the quiz page has not got.
    for (const file of chunks) {
      const pack = LANGUAGE_PACK.exec(file)?.[1];
      if (!pack || document.querySelector(`${tag}:lang(${pack})`)) {
        document.head.append(
          Object.assign(document.createElement('link'), { rel: 'modulepreload', href: base + file }),
        );
      }
    }
    // The browser's error names the file that failed (…/quiz-card-<hash>.js), which names the widget.
    import(/* @vite-ignore */ base + entry).catch(console.error);
  }
  if (!Object.values(manifest).flat().length) observer.disconnect();
}

const observer = new MutationObserver(scan);
observer.observe(document.documentElement, { childList: true, subtree: true });
scan();
