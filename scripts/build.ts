/**
 * Builds what the service serves under /lantoa/ (dist/lantoa):
 *   1. every widget as an ES module entry with hashed, shared chunks (cached long);
 *   2. loader.js, with the widget → files map of step 1 written into it (cached briefly);
 *   3. lantoa.iife.js, one classic script with every widget, for CMSs that strip type="module";
 *   4. every widget's direct entry under a fixed name (banner.js), for a page with only that widget.
 * Run with tsx: `npm run build`.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { build, type InlineConfig, type Manifest, type Plugin } from 'vite';
import { minifyLitTemplates } from './minify-templates.js';
import { WIDGETS } from './widgets.js';

const OUT = 'dist/lantoa';

await rm(OUT, { recursive: true, force: true });

/** One Vite build into OUT with the shared config; each step adds its own entries and output names. */
function buildStep(step: InlineConfig['build'], define?: Record<string, string>, plugins: Plugin[] = []) {
  return build({
    configFile: 'vite.config.ts',
    logLevel: 'warn',
    plugins: [minifyLitTemplates(), ...plugins],
    define,
    // Relative base: chunk URLs resolve against the importing module's URL, so they work from any host page.
    base: './',
    build: { outDir: OUT, emptyOutDir: false, modulePreload: false, ...step },
  });
}

// 1. Widgets: one entry per widget, shared code split into hashed chunks.
await buildStep({
  manifest: 'widgets-manifest.json',
  modulePreload: { polyfill: false },
  rolldownOptions: {
    input: Object.fromEntries(WIDGETS.map((w) => [w.name, w.entry])),
    preserveEntrySignatures: 'exports-only',
    output: {
      entryFileNames: '[name]-[hash].js',
      // Rolldown names the chunk of code every widget shares (lit, src/core) after its first module, Vite's
      // preload helper; call it what it is.
      chunkFileNames: (chunk) => (chunk.name === 'preload-helper' ? 'shared-[hash].js' : '[name]-[hash].js'),
      // One chunk for what every widget needs (lit, the base of src/core, Vite's preload helper), tiny core
      // modules only some widgets use included: left to itself, Rolldown cuts a chunk for every combination of
      // widgets sharing a module, and each is one more request in the page's first round (on 2G a round trip
      // costs more than its bytes). Code only some widgets need (lit's directives, the outbox, validation,
      // dates) stays apart.
      codeSplitting: {
        groups: [
          {
            name: 'shared',
            test: /node_modules[\\/](lit|lit-html|lit-element|@lit[\\/]reactive-element)[\\/](?!.*directive)|preload-helper|[\\/]src[\\/]core[\\/](core\.strings|define|i18n|lantoa-element|load|safe-url|storage|theme)\.ts$/,
          },
          // What the banner and the counter share beyond it (the service's address and paths, the fast checks' keywords
          // and refinements, dates): one chunk, not one per combination of their users (a request each on the page).
          {
            name: 'service',
            test: /[\\/]src[\\/](contract[\\/](json-checks|paths|refinements)|core[\\/](api-client|dates))\.ts$/,
          },
        ],
      },
    },
  },
});

const viteManifest = JSON.parse(await readFile(`${OUT}/widgets-manifest.json`, 'utf8')) as Manifest;

/** The entry file, then every chunk it imports statically (transitively): what the loader requests at once. */
function filesOf(key: string, manifest: Manifest = viteManifest): string[] {
  const files: string[] = [];
  const visit = (k: string) => {
    const chunk = manifest[k];
    if (files.includes(chunk.file)) return;
    files.push(chunk.file);
    chunk.imports?.forEach(visit);
  };
  visit(key);
  return files;
}

/**
 * Step 3: every dynamic import becomes `import(<directory of lantoa.iife.js> + '<step-1 chunk>.js')`. A module
 * step 1 did not emit as a lazy chunk stops the build: it would otherwise be missing beside the classic script.
 * A script URL that cannot be read leaves "./": a rejected import, which each widget already handles.
 * A step-1 chunk may import others (the chart's renderer imports the shared chunk): those are requested in the
 * same round, `Promise.all([import(chunk), import(dependency)…])`, as the module build's preload does, instead of
 * being discovered one round trip later. The module map loads each file once, whichever import asks first.
 */
/** The name, inside a classic script's function, of its own URL (the intro below sets it). */
const SCRIPT_URL = '__lantoaScript';

function lazyPartsFromStep1(manifest: Manifest, inline: ReadonlySet<string>): Plugin {
  const BASE = '__lantoaChunks';
  const byFile = new Map(Object.entries(manifest).map(([key, chunk]) => [chunk.file, key]));
  return {
    name: 'lantoa-classic-lazy-parts',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if ((options as { kind?: string }).kind !== 'dynamic-import') return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      const key = resolved && relative(process.cwd(), resolved.id).split('\\').join('/');
      if (key && inline.has(key)) return null; // bundled into the script: no round trip when it is needed
      const chunk = key ? manifest[key] : undefined;
      if (!chunk?.isDynamicEntry)
        throw new Error(`classic script: import('${source}') in ${importer} has no lazy chunk in step 1`);
      return { id: `./${chunk.file}`, external: true };
    },
    // The script's own URL, read while it runs: as a classic script it is document.currentScript (only then); as a
    // module (type="module" kept) there is none, and the URL is read off the stack as loader.js does. The widgets'
    // `import.meta.url` is defined as it (classicScript below).
    intro: () =>
      `var ${SCRIPT_URL}=(()=>{var s=document.currentScript,m;if(s&&s.src)return s.src;m=/(https?:\\/\\/[^\\s()@]+?):\\d+:\\d+/.exec(Error().stack||"");return m?m[1]:location.href})(),${BASE}=new URL(".",${SCRIPT_URL}).href;`,
    renderChunk(code) {
      let lazy = 0;
      const rewritten = code.replace(
        /\bimport\((['"`])\.\/([\w.-]+\.js)\1\)/g,
        (_call, _quote: string, file: string) => {
          const key = byFile.get(file);
          if (!key) throw new Error(`classic script: import of ${file}, which step 1 did not write`);
          lazy++;
          const dependencies = filesOf(key, manifest).slice(1);
          const load = (f: string) => `import(${BASE}+"${f}")`;
          return dependencies.length === 0
            ? load(file)
            : `Promise.all([${[file, ...dependencies].map(load).join(',')}]).then(m=>m[0])`;
        },
      );
      if (lazy === 0)
        throw new Error('classic script: no lazy chunk import found in the bundle (has the output format changed?)');
      return { code: rewritten, map: null };
    },
  };
}

const loaderMap = Object.fromEntries(WIDGETS.map((w) => [w.tag, filesOf(w.entry)]));
// Kept beside the files for the size check and the tests: what a page with each widget loads up front.
await writeFile(`${OUT}/loader-map.json`, JSON.stringify(loaderMap, null, 2));

/**
 * The lazy modules a widget always loads that are one language's (`quiz-card.vi.ts`: the registry's alternatives
 * named `<x>.<locale>.ts`), with what they import beyond the widget's own files: written after the widget's files
 * in the loader's map, which requests the pack of each element's language in the same round as the widget
 * instead of one trip after it. The loader knows a pack by its file name: a name it would not recognise stops
 * the build (it would be requested in every language).
 */
const LANGUAGE_MODULE = /\.(vi|en)\.ts$/;
const LANGUAGE_PACK_FILE = /\.(vi|en)-/; // as in src/loader.ts
const loaderMapWithPacks = Object.fromEntries(
  WIDGETS.map((w) => {
    const packs = w.alwaysLoads.flat().filter((module) => LANGUAGE_MODULE.test(module));
    const packFiles = packs.flatMap((module) =>
      filesOf(`${w.dir}${module}`).filter((file) => !loaderMap[w.tag].includes(file)),
    );
    const odd = [
      ...packFiles.filter((file) => !LANGUAGE_PACK_FILE.test(file)),
      ...loaderMap[w.tag].filter((file) => LANGUAGE_PACK_FILE.test(file)),
    ];
    if (odd.length > 0)
      throw new Error(
        `loader: ${odd.join(', ')} of ${w.tag}: only language packs may be named <name>.<vi|en>-<hash>.js`,
      );
    return [w.tag, [...loaderMap[w.tag], ...packFiles]];
  }),
);

// 2. The loader, with the maps built in (no extra request for a manifest). Wrapped in a function (iife) so that,
// run as a classic script (a CMS that strips type="module"), its names never become globals of the host page.
await buildStep(
  { rolldownOptions: { input: { loader: 'src/loader.ts' }, output: { format: 'iife', entryFileNames: '[name].js' } } },
  { __LANTOA_MANIFEST__: JSON.stringify(loaderMapWithPacks) },
);

// 3. One classic script with what every widget needs for its first paint (Lit, core, each widget's entry). A
// classic script cannot be split, but every browser that runs these widgets (Chrome 63+, Safari 11.1+, Firefox
// 67+) runs `import()` inside one: the parts that are lazy in the module build (chart.js, CSV, zod schemas, the
// quiz's language packs and results sender…) stay lazy here too, as the very ES chunks of step 1. Each
// `import('./x.js')` of src/ is kept external and pointed at its step-1 chunk file, addressed from the script's
// own URL: a relative import() resolves against the script's URL only when it is same-origin; from another origin
// (a district site pasting the province's snippet) Chromium resolves it against about:blank and fails.
// import.meta does not exist in a classic script: `import.meta.url` is defined as the script's own URL.
// A classic script has no exports: `lib.name` would make them a global of the host page, so the entry is a module
// that only imports the widgets (`virtual:`), and the script leaves no name behind.
// `inline`: lazy modules bundled into the script instead (a widget's always-loaded parts: its own direct entry).
function classicScript(fileName: string, modules: readonly string[], inline: readonly string[] = []) {
  const ENTRY = `virtual:lantoa-classic/${fileName}`;
  const entry: Plugin = {
    name: 'lantoa-classic-entry',
    resolveId: (id) => (id === ENTRY ? `\0${ENTRY}` : null),
    load: (id) =>
      id === `\0${ENTRY}` ? modules.map((module) => `import ${JSON.stringify(`/${module}`)};`).join('\n') : null,
  };
  return buildStep(
    {
      rolldownOptions: {
        input: { [fileName]: ENTRY },
        output: { format: 'iife', entryFileNames: '[name].js', codeSplitting: false },
      },
    },
    { 'import.meta.url': SCRIPT_URL, 'import.meta': '{}' },
    [entry, lazyPartsFromStep1(viteManifest, new Set(inline))],
  );
}
await classicScript('lantoa.iife', ['src/index.ts']);

// Every lazy chunk of step 1 must be one the classic script asks for: one missing was inlined instead.
const classic = await readFile(`${OUT}/lantoa.iife.js`, 'utf8');
const inlined = Object.values(viteManifest).filter((chunk) => chunk.isDynamicEntry && !classic.includes(chunk.file));
if (inlined.length > 0)
  throw new Error(`lantoa.iife.js inlines lazy parts: ${inlined.map((chunk) => chunk.src).join(', ')}`);

// 4. Each widget's direct entry under a fixed name (banner.js): everything it needs up front in one file, its
// lazy parts (validation) as hashed chunks. A page with one widget pastes it instead of the loader and saves a
// round trip (page → banner.js instead of page → loader.js → chunks): 0.8 s on 2G. Not shared between widgets:
// loader.js leaves a widget whose direct entry is on the page to it (src/loader.ts).
// A widget marked `classic` in the registry (the banner, the README's main snippet) is built as step 3 is: one
// classic script that also runs as a module, its lazy parts the step-1 chunks. Its manifest, written here in Vite's
// form, is what the size check follows.
for (const w of WIDGETS) {
  // The service caches names that look hashed (-XXXXXXXX.js) for a year; a fixed name must never look like one.
  if (/-[\w-]{8}$/.test(w.name))
    throw new Error(
      `widget name "${w.name}" looks like a hashed chunk name: its direct entry would be cached for a year`,
    );
  if (w.classic) {
    // What the widget always loads (the counter's pledge delivery) is in the script: on 2G a round trip costs more
    // than the bytes, and a step-1 chunk importing the shared chunk would bring a second Lit.
    const inline = [...w.alwaysLoads.flat(), ...(w.inlines ?? [])].map((module) => `${w.dir}${module}`);
    await classicScript(w.name, [w.entry], inline);
    const lazyParts = Object.entries(viteManifest).filter(([, chunk]) => chunk.isDynamicEntry || !chunk.isEntry);
    const own = { file: `${w.name}.js`, src: w.entry, isEntry: true };
    await writeFile(
      `${OUT}/${w.name}.manifest.json`,
      JSON.stringify({
        ...Object.fromEntries(lazyParts),
        ...Object.fromEntries([w.entry, ...inline].map((module) => [module, own])),
      }),
    );
    continue;
  }
  await buildStep({
    manifest: `${w.name}.manifest.json`, // what the size check follows
    rolldownOptions: {
      input: { [w.name]: w.entry },
      output: { entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
    modulePreload: { polyfill: false },
  });
}

console.log(`built ${OUT}: loader map ${JSON.stringify(loaderMap)}`);
