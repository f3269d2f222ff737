/**
 * Writes docs/widgets/<widget>.md for every element in custom-elements.json (`npm run docs`): the
 * reference (attributes, properties, events, slots, parts, CSS custom properties) comes from the JSDoc
 * through the manifest; the Vietnamese and English guide around it (intro, examples, data formats) is
 * hand-written in docs/widgets/source/<widget>.md, which the generated file merges. test/scripts/
 * widget-docs.test.ts regenerates everything in memory and fails when a committed file is stale.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const DOCS_DIR = join(ROOT, 'docs/widgets');
export const SOURCE_DIR = join(DOCS_DIR, 'source');
/** Where the generated reference goes in a hand-written source (at its end when the marker is absent). */
export const REFERENCE_MARKER = '<!-- reference -->';

/** The parts of the custom-elements manifest schema the docs read. */
interface Described {
  name: string;
  description?: string;
  summary?: string;
}
interface Member extends Described {
  kind: string;
  type?: { text: string };
  default?: string;
  static?: boolean;
  readonly?: boolean;
  privacy?: string;
  attribute?: string;
}
interface Attribute extends Described {
  type?: { text: string };
  default?: string;
  fieldName?: string;
}
interface Declaration extends Described {
  kind: string;
  tagName?: string;
  customElement?: boolean;
  attributes?: Attribute[];
  members?: Member[];
  events?: Described[];
  slots?: Described[];
  cssParts?: Described[];
  cssProperties?: (Described & { default?: string })[];
}
export interface Manifest {
  modules: { path: string; declarations?: Declaration[] }[];
}

export interface Widget {
  /** File name without `.md`: the tag without `lantoa-`. */
  name: string;
  tag: string;
  path: string;
  declaration: Declaration;
}

/** Every custom element the manifest declares, in the manifest's order. */
export function widgetsOf(manifest: Manifest): Widget[] {
  return manifest.modules.flatMap((module) =>
    (module.declarations ?? []).flatMap((declaration) => {
      const tag = declaration.customElement ? declaration.tagName : undefined;
      return tag ? [{ name: tag.replace(/^lantoa-/, ''), tag, path: module.path, declaration }] : [];
    }),
  );
}

/** One table cell: one line, pipes escaped, empty shown as a dash. */
function cell(text: string | undefined): string {
  const flat = (text ?? '').replace(/\s*\n\s*/g, ' ').trim();
  return flat ? flat.replace(/\|/g, '\\|') : '–';
}

function code(text: string | undefined): string {
  return text ? `\`${text.replace(/\|/g, '\\|')}\`` : '–';
}

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n');
}

/** A titled section, or nothing when the element has no such thing. */
function section(title: string, head: string[], rows: string[][]): string[] {
  return rows.length ? [`### ${title}`, '', table(head, rows), ''] : [];
}

/** The generated reference of one element, from its manifest entry only. */
export function reference(widget: Widget): string {
  const d = widget.declaration;
  const inherited = (member: Member & { inheritedFrom?: unknown }) => (member.inheritedFrom ? ' (LantoaElement)' : '');
  // Public JavaScript-only members: what a script sets or reads that no attribute reaches.
  const properties = (d.members ?? []).filter(
    (member) => member.kind === 'field' && !member.attribute && !member.privacy && !member.name.startsWith('_'),
  );
  const methods = (d.members ?? []).filter(
    (member) => member.kind === 'method' && !member.privacy && !member.name.startsWith('_') && member.description,
  );
  return [
    `## Tham chiếu / Reference`,
    '',
    `_Generated from the JSDoc of \`${widget.path}\` (English); the names are the same in every language._`,
    '',
    ...(d.summary ? [`**${d.summary.trim()}**`, ''] : []),
    ...(d.description ? [d.description.trim(), ''] : []),
    ...section(
      'Thuộc tính HTML / Attributes',
      ['attribute', 'property', 'type', 'default', 'description'],
      (d.attributes ?? []).map((a) => {
        const member = d.members?.find((m) => m.name === a.fieldName) as
          (Member & { inheritedFrom?: unknown }) | undefined;
        return [
          code(a.name),
          code(a.fieldName),
          code(a.type?.text),
          code(a.default),
          cell(a.description) + (member ? inherited(member) : ''),
        ];
      }),
    ),
    ...section(
      'Thuộc tính JavaScript / Properties (no attribute)',
      ['property', 'type', 'default', 'description'],
      properties.map((p) => [
        code(p.static ? `${widget.declaration.name}.${p.name}` : p.name) + (p.readonly ? ' (read-only)' : ''),
        code(p.type?.text),
        code(p.default),
        cell(p.description) + inherited(p),
      ]),
    ),
    ...section(
      'Phương thức / Methods',
      ['method', 'description'],
      methods.map((m) => [code(`${m.name}()`), cell(m.description)]),
    ),
    ...section(
      'Sự kiện / Events',
      ['event', 'description'],
      (d.events ?? []).map((e) => [code(e.name), cell(e.description)]),
    ),
    ...section(
      'Slot',
      ['slot', 'description'],
      (d.slots ?? []).map((s) => [s.name ? code(s.name) : '(default)', cell(s.description)]),
    ),
    ...section(
      'CSS parts (`::part()`)',
      ['part', 'description'],
      (d.cssParts ?? []).map((p) => [code(p.name), cell(p.description)]),
    ),
    ...section(
      'Biến CSS / CSS custom properties',
      ['property', 'default', 'description'],
      (d.cssProperties ?? []).map((p) => [code(p.name), code(p.default), cell(p.description)]),
    ),
  ].join('\n');
}

/** The hand-written guide of a widget, or a clear error naming the file a new widget needs. */
export function readSource(name: string, sourceDir = SOURCE_DIR): string {
  try {
    return readFileSync(join(sourceDir, `${name}.md`), 'utf8');
  } catch {
    throw new Error(
      `docs/widgets/source/${name}.md is missing: write the widget's Vietnamese and English guide there, then run npm run docs`,
    );
  }
}

function header(widget: Widget): string {
  return `<!-- Generated by \`npm run docs\` (scripts/widget-docs.ts) from custom-elements.json and docs/widgets/source/${widget.name}.md: edit those, not this file. -->`;
}

/** One widget's page: the hand-written guide with the generated reference at its marker. */
export function widgetPage(widget: Widget, source: string): string {
  const generated = reference(widget);
  const [before, after] = source.includes(REFERENCE_MARKER) ? source.split(REFERENCE_MARKER, 2) : [source, ''];
  const title = [
    `# \`<${widget.tag}>\``,
    '',
    '[Tiếng Việt](#tiếng-việt) · [English](#english) · [Tham chiếu / Reference](#tham-chiếu--reference) · [Mọi tiện ích / All widgets](README.md)',
  ];
  return `${[header(widget), '', ...title, '', before.trim(), '', generated.trim(), after.trim() ? `\n${after.trim()}` : ''].join('\n').trim()}\n`;
}

/** The index: every widget with its summary, then the hand-written notes every widget shares. */
export function indexPage(widgets: Widget[], shared: string): string {
  const rows = widgets.map((w) => [`[\`<${w.tag}>\`](${w.name}.md)`, cell(w.declaration.summary)]);
  return `${[
    '<!-- Generated by `npm run docs` (scripts/widget-docs.ts) from custom-elements.json and docs/widgets/source/README.md: edit those, not this file. -->',
    '',
    '# Tiện ích Lantoa / Lantoa widgets',
    '',
    table(['element', 'summary'], rows),
    '',
    shared.trim(),
  ].join('\n')}\n`;
}

/** Every file of docs/widgets/ (name → content) for this manifest. */
export function renderDocs(manifest: Manifest, sourceDir = SOURCE_DIR): Map<string, string> {
  const widgets = widgetsOf(manifest);
  const files = new Map<string, string>();
  files.set('README.md', indexPage(widgets, readSource('README', sourceDir)));
  for (const widget of widgets) files.set(`${widget.name}.md`, widgetPage(widget, readSource(widget.name, sourceDir)));
  return files;
}

/** The generated files now in docs/widgets/ (the hand-written sources live in a subfolder). */
export function writtenDocs(dir = DOCS_DIR): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.md'));
}

/**
 * The manifest of the sources as they are now, in memory: the analyzer's own CLI with the arguments of
 * package.json's `manifest` script (so the two cannot differ), writing nothing.
 */
export async function manifestFromSource(): Promise<Manifest> {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const argv = [...pkg.scripts.manifest.matchAll(/"([^"]*)"|(\S+)/g)].map((match) => match[1] ?? match[2]).slice(1); // without "cem"
  // A variable specifier: the analyzer ships no types for its CLI module.
  const specifier = '@custom-elements-manifest/analyzer/cli.js';
  const { cli } = (await import(specifier)) as {
    cli: (options: { argv: string[]; cwd: string; noWrite: boolean }) => Promise<Manifest>;
  };
  return cli({ argv: [...argv, '--quiet'], cwd: ROOT, noWrite: true });
}

/** Writes docs/widgets/ from the manifest, removing the page of an element that is gone. */
function main(): void {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(ROOT, 'custom-elements.json'), 'utf8')) as Manifest;
  } catch {
    throw new Error('custom-elements.json is missing: run npm run manifest first (npm run docs does)');
  }
  const files = renderDocs(manifest);
  for (const name of writtenDocs()) if (!files.has(name)) rmSync(join(DOCS_DIR, name));
  for (const [name, content] of files) writeFileSync(join(DOCS_DIR, name), content);
  console.log(`docs/widgets: ${[...files.keys()].join(', ')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
