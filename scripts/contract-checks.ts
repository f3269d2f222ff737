/**
 * Writes the contract's fast checks (src/contract/checks.ts) from its zod schemas, so the rules have one
 * definition: each schema goes through `z.toJSONSchema`, and every JSON Schema node becomes a call of the
 * zod-free keywords in src/contract/json-checks.ts. A refinement (which JSON Schema cannot say) must be a
 * function of src/contract/refinements.ts, called by name; any other refinement or keyword stops the generator
 * rather than being dropped, so a check can never be looser than its schema.
 *
 * Pure (no Node API): the generator script writes the text, the browser test reads FAST_CHECKS.
 */
import * as z from 'zod/mini';
import { campaignSchema, countsSchema, errorDetailSchema, pledgeRequestSchema } from '../src/contract/pledge.js';
import { quizResultRequestSchema, quizUnitFiguresSchema } from '../src/contract/quiz.js';
import * as refinements from '../src/contract/refinements.js';
import { bannerFeedSchema } from '../src/widgets/banner/banner.schema.js';
import { chartDataSchema } from '../src/widgets/progress-chart/progress-chart.schema.js';

/**
 * How a check answers: `value` returns the document itself (what the widget keeps), `fields` a new object of
 * the schema's own fields (what the service stores; extra fields dropped, as zod does), `guard` true or false.
 */
type Returns = 'value' | 'fields' | 'guard';

export interface FastCheck {
  schema: z.ZodMiniType;
  /** The type the check returns, exported by `from`. */
  type: string;
  from:
    | './pledge.js'
    | './quiz.js'
    | '../widgets/banner/banner.schema.js'
    | '../widgets/progress-chart/progress-chart.schema.js';
  returns: Returns;
  /** What it is for, the first line of its doc comment. */
  doc: string;
}

/**
 * The fast checks of src/contract/checks.ts: its exported name, schema and use. The generated file and the agreement
 * test follow this list. One module for these: the counter, the outbox and the service share it.
 */
const SHARED_CHECKS: Record<string, FastCheck> = {
  quickCampaign: {
    schema: campaignSchema,
    type: 'Campaign',
    from: './pledge.js',
    returns: 'value',
    doc: 'The campaign config (counter page)',
  },
  quickCounts: {
    schema: countsSchema,
    type: 'Counts',
    from: './pledge.js',
    returns: 'value',
    doc: 'The counts (counter page, every stream event)',
  },
  quickPledge: {
    schema: pledgeRequestSchema,
    type: 'PledgeRequest',
    from: './pledge.js',
    returns: 'fields',
    doc: 'A pledge request (service, every pledge)',
  },
  quickQuizResult: {
    schema: quizResultRequestSchema,
    type: 'QuizResultRequest',
    from: './quiz.js',
    returns: 'fields',
    doc: 'A quiz result (service, every result)',
  },
};

/**
 * What a widget reads in the service's answer to what it sent (an error's detail, a unit's quiz figures): their own
 * file, imported only by the lazy senders (src/core/outbox-delivery.ts, the quiz's results), so the pages that
 * load checks.ts up front (the counter's, its province view) do not carry them.
 */
const ANSWER_CHECKS: Record<string, FastCheck> = {
  isApiErrorDetail: {
    schema: errorDetailSchema,
    type: 'ApiErrorDetail',
    from: './pledge.js',
    returns: 'guard',
    doc: 'The `error` of an error body (outbox)',
  },
  isQuizUnitFigures: {
    schema: quizUnitFiguresSchema,
    type: 'QuizUnitFigures',
    from: './quiz.js',
    returns: 'guard',
    doc: "A unit's figures in the quiz stats, what the quiz card shows",
  },
};

/**
 * The banner's own file: a module imported by several widgets lands whole in one shared chunk, so the feed's check
 * in checks.ts would bring the outbox chunk (where checks.ts lands) to every banner page, and its check to every
 * counter page.
 */
const FEED_CHECKS: Record<string, FastCheck> = {
  quickFeed: {
    schema: bannerFeedSchema,
    type: 'BannerFeed',
    from: '../widgets/banner/banner.schema.js',
    returns: 'value',
    doc: "The banner's feed (a campaign's feed endpoint, a feed file, inline JSON)",
  },
};

/**
 * The chart's own file, imported lazily with its data (a pasted table, a JSON or CSV file): valid data needs no zod
 * (the schema's chunk and zod, 9.6 KB, load only to explain what is wrong).
 */
const CHART_CHECKS: Record<string, FastCheck> = {
  quickChart: {
    schema: chartDataSchema,
    type: 'ChartInput',
    from: '../widgets/progress-chart/progress-chart.schema.js',
    returns: 'value',
    doc: "The progress chart's data (a pasted table's rows, a JSON or CSV file, inline JSON, the `data` property)",
  },
};

/** The generated files, each with its checks. */
export const CHECK_FILES: Record<string, Record<string, FastCheck>> = {
  'src/contract/checks.ts': SHARED_CHECKS,
  'src/contract/feed-checks.ts': FEED_CHECKS,
  'src/contract/answer-checks.ts': ANSWER_CHECKS,
  'src/contract/chart-checks.ts': CHART_CHECKS,
};

/** Every fast check, whatever its file: what the agreement test holds to zod. */
export const FAST_CHECKS: Record<string, FastCheck> = {
  ...SHARED_CHECKS,
  ...FEED_CHECKS,
  ...ANSWER_CHECKS,
  ...CHART_CHECKS,
};

/** A guard's export: the name, the contract's type it proves, its doc. */
interface Guard {
  name: string;
  type: string;
  doc: string;
}

/** Where a node's refinements (names in src/contract/refinements.ts) are noted in the JSON Schema. */
const REFINE = 'x-refine';

export interface Node {
  type?: string | string[];
  properties?: Record<string, Node>;
  required?: string[];
  items?: Node;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  /** A union (z.union of types JSON Schema cannot list in one `type`: a string or an object). */
  anyOf?: Node[];
  /** A literal (z.literal: a discriminated union's `kind`). */
  const?: string;
  [REFINE]?: string[];
}

const KEYWORDS = new Set([
  'type',
  'properties',
  'required',
  'items',
  'minItems',
  'maxItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'anyOf',
  'const',
  REFINE,
]);
const refinementNames = new Map<unknown, string>(Object.entries(refinements).map(([name, fn]) => [fn, name]));

/** The schema as JSON Schema (input side: optional fields may be absent), its refinements noted by name. */
export function jsonSchemaOf(schema: z.ZodMiniType): Node {
  const { $schema, ...node } = z.toJSONSchema(schema, {
    io: 'input',
    override: ({ zodSchema, jsonSchema }) => {
      const custom = (zodSchema._zod.def.checks ?? []).filter((check) => check._zod.def.check === 'custom');
      if (custom.length === 0) return;
      jsonSchema[REFINE] = custom.map((check) => {
        const name = refinementNames.get((check._zod.def as { fn?: unknown }).fn);
        if (!name)
          throw new Error(
            'contract checks: a refinement that is not a function of src/contract/refinements.ts cannot be derived',
          );
        return name;
      });
    },
  });
  void $schema;
  return oneOfAsAnyOf(node) as Node;
}

/**
 * zod writes a discriminated union as `oneOf`: its alternatives exclude each other by their `const` discriminator, so
 * "exactly one holds" is "one holds", the `anyOf` the checks already write.
 */
function oneOfAsAnyOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(oneOfAsAnyOf);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [key === 'oneOf' ? 'anyOf' : key, oneOfAsAnyOf(inner)]),
  );
}

/**
 * The fields alternatives of a union of objects share: in two or more of them, alike in every one that has them (the
 * same schema, required in all or in none). Each alternative's check calls one check of its shared fields instead of
 * repeating them (the chart's title, source and note in all three kinds; unit and target in two).
 */
function fieldsShared(alternatives: readonly Node[]): Set<string> {
  if (alternatives.length < 2 || !alternatives.every((node) => node.type === 'object')) return new Set();
  const shapes = new Map<string, string[]>();
  for (const node of alternatives)
    for (const [key, field] of Object.entries(node.properties ?? {}))
      shapes.set(key, [...(shapes.get(key) ?? []), JSON.stringify([field, !!node.required?.includes(key)])]);
  // The discriminator differs by its value, so it is never among them; it stays first in each check.
  return new Set(
    [...shapes]
      .filter(([key, alike]) => key !== 'kind' && alike.length >= 2 && alike.every((shape) => shape === alike[0]))
      .map(([key]) => key),
  );
}

const isIdentifier = (key: string) => /^[A-Za-z_$][\w$]*$/.test(key);
const member = (value: string, key: string) =>
  isIdentifier(key) ? `${value}.${key}` : `${value}[${JSON.stringify(key)}]`;
const bound = (value: number | undefined, missing: string) => (value === undefined ? missing : String(value));
/** The minimum and maximum comparisons of a number, leaving out those no tighter than `implied`. */
const bounds = (node: Node, value: string, implied: number) => [
  ...(node.minimum !== undefined && node.minimum > -implied ? [`${value} >= ${node.minimum}`] : []),
  ...(node.maximum !== undefined && node.maximum < implied ? [`${value} <= ${node.maximum}`] : []),
];

/** The text of a generated file (by default src/contract/checks.ts). */
export function generateChecks(checks: Record<string, FastCheck> = SHARED_CHECKS): string {
  const patterns = new Map<string, string>(); // source → constant name
  const functions = new Map<string, string>(); // body → constant name
  const guards = new Map<string, Guard>();
  const used = { keywords: new Set<string>(), refinements: new Set<string>() };

  /** The name of `key` in `names`, given the next free `prefix`N when it has none yet. */
  const nameOf = (names: Map<string, string>, key: string, prefix: string) => {
    const name = names.get(key) ?? `${prefix}${names.size + 1}`;
    names.set(key, name);
    return name;
  };
  const pattern = (source: string) => nameOf(patterns, source, 'PATTERN_');
  /** A named check of one value, shared by every node with the same code (a slug, a localized text). */
  /** `as`: the exported name of the outermost check of a guard, which is then that check itself. */
  /** `of`: the parameter's type (an object's shared fields take the object, already known to be one). */
  const named = (guard: string, terms: string[], as?: Guard, of = 'unknown') => {
    const line = `(v: ${of}): ${guard} => ${terms.join(' && ')};`;
    // Long chains one term a line, as Prettier prints them.
    const code =
      line.length <= 110 ? line : `(v: ${of}): ${guard} =>\n${terms.map((term) => `  ${term}`).join(' &&\n')};`;
    if (as && !functions.has(code)) {
      functions.set(code, as.name);
      guards.set(as.name, as);
    }
    return nameOf(functions, code, 'check');
  };
  const use = (keyword: string, code: string) => (used.keywords.add(keyword), code);

  /** The keys of the fields the alternatives being written share (see fieldsShared); none outside a union. */
  let sharedFields = new Set<string>();
  /** The checks of shared fields written so far, by their keys: a larger set calls the largest one inside it. */
  const sharedChecks: { keys: string[]; name: string }[] = [];

  /** One check of an object's shared fields (`fields`, in its order): calls the largest one already written inside. */
  function sharedCheck(node: Node, fields: [string, Node][]): string {
    const keys = fields.map(([key]) => key);
    const inner = sharedChecks
      .filter((known) => known.keys.length < keys.length && known.keys.every((key) => keys.includes(key)))
      .sort((a, b) => b.keys.length - a.keys.length)[0];
    const rest = fields
      .filter(([key]) => !inner?.keys.includes(key))
      .map(([key, field]) => fieldCheck(node, key, field));
    const name = named('boolean', [...(inner ? [`${inner.name}(v)`] : []), ...rest], undefined, 'Fields');
    sharedChecks.push({ keys, name });
    return `${name}(v)`;
  }

  /** One field's check: its own, or absent when optional. */
  function fieldCheck(node: Node, key: string, field: Node): string {
    const check = expression(field, member('v', key));
    return node.required?.includes(key) ? check : `(${member('v', key)} === undefined || ${check})`;
  }

  /** An expression that is true when `value` (an identifier or member access) satisfies `node`. */
  function expression(node: Node, value: string, as?: Guard): string {
    for (const key of Object.keys(node))
      if (!KEYWORDS.has(key)) throw new Error(`contract checks: JSON Schema keyword "${key}" is not supported`);
    // One alternative must hold, each with all of its own keywords; nothing else may sit beside them.
    if (node.anyOf) {
      if (Object.keys(node).length > 1) throw new Error('contract checks: keywords beside "anyOf" are not supported');
      const outer = sharedFields;
      sharedFields = fieldsShared(node.anyOf);
      // A named check, so a union used in several places (a localized text) is written once.
      const alternatives = node.anyOf.map((alternative) => expression(alternative, 'v'));
      sharedFields = outer;
      return `${named('boolean', [`(${alternatives.join(' || ')})`])}(${value})`;
    }
    const types = Array.isArray(node.type) ? node.type : node.type ? [node.type] : [];
    if (types.length === 0)
      throw new Error('contract checks: a schema without a type (z.any, z.unknown, a union) is not supported');
    const refined = node[REFINE] ?? [];
    refined.forEach((name) => used.refinements.add(name));
    const alternatives = types.map((type) =>
      typed(node, type, refined.length ? 'v' : value, refined.length ? undefined : as),
    );
    const body = alternatives.length > 1 ? `(${alternatives.join(' || ')})` : alternatives[0];
    if (!refined.length) return body;
    // A refinement runs once the base checks hold: inside a named check, whose parameter they narrow.
    const object = types.includes('object');
    return `${named(object ? 'v is Fields' : 'boolean', [body, ...refined.map((name) => `${name}(v${object ? ' as never' : ''})`)], as)}(${value})`;
  }

  function typed(node: Node, type: string, value: string, as?: Guard): string {
    switch (type) {
      case 'null':
        return `${value} === null`;
      case 'boolean':
        return `typeof ${value} === 'boolean'`;
      // Inline, so the service's hot path makes no call per field; `as number` only tells TypeScript.
      case 'string':
        // A literal is itself the whole check (its type and any length follow from it).
        if (node.const !== undefined) return `${value} === '${node.const.replace(/['\\]/g, '\\$&')}'`;
        return [
          `typeof ${value} === 'string'`,
          ...(node.minLength ? [`${value}.length >= ${node.minLength}`] : []),
          ...(node.maxLength !== undefined ? [`${value}.length <= ${node.maxLength}`] : []),
          ...(node.pattern !== undefined ? [`${pattern(node.pattern)}.test(${value})`] : []),
        ].join(' && ');
      case 'integer':
        // A safe integer, as zod's z.int(): its own bounds (±MAX_SAFE_INTEGER) need not be said again.
        return [
          `Number.isSafeInteger(${value})`,
          ...bounds(node, `(${value} as number)`, Number.MAX_SAFE_INTEGER),
        ].join(' && ');
      case 'number':
        // Finite, as zod's z.number(); two finite bounds already refuse NaN and the infinities.
        return Number.isFinite(node.minimum) && Number.isFinite(node.maximum)
          ? [`typeof ${value} === 'number'`, ...bounds(node, value, Infinity)].join(' && ')
          : [`Number.isFinite(${value})`, ...bounds(node, `(${value} as number)`, Infinity)].join(' && ');
      case 'array': {
        if (!node.items) throw new Error('contract checks: an array without items is not supported');
        const check = expression(node.items, 'v');
        // An object's or a refined value's check is already a named function: pass it, not a wrapper of it.
        const item = /^check\d+\(v\)$/.test(check) ? check.slice(0, -3) : named('boolean', [check]);
        return use(
          'list',
          `list(${value}, ${bound(node.minItems, '0')}, ${bound(node.maxItems, 'Infinity')}, ${item})`,
        );
      }
      case 'object': {
        const fields = Object.entries(node.properties ?? {});
        // Fields alternatives of the enclosing union share (the chart's title, source, note): one check. Only this
        // object's own fields: the objects inside it (an indicator) are no alternative of that union.
        const sharedKeys = sharedFields;
        sharedFields = new Set();
        const common = fields.filter(([key]) => sharedKeys.has(key));
        const own = fields.filter(([key]) => !sharedKeys.has(key)).map(([key, field]) => fieldCheck(node, key, field));
        const shared = common.length > 0 ? [sharedCheck(node, common)] : [];
        sharedFields = sharedKeys;
        return `${named('v is Fields', [use('obj', 'obj(v)'), ...own.slice(0, 1), ...shared, ...own.slice(1)], as)}(${value})`;
      }
      default:
        throw new Error(`contract checks: JSON Schema type "${type}" is not supported`);
    }
  }

  const types = new Map<string, Set<string>>();
  const exports = Object.entries(checks).map(([name, { schema, type, from, returns, doc }]) => {
    const node = jsonSchemaOf(schema);
    const test = expression(node, 'data', returns === 'guard' ? { name, type, doc } : undefined);
    types.set(from, (types.get(from) ?? new Set()).add(type));
    // The named check itself, exported under the guard's name: no wrapper to download.
    if (test === `${name}(data)`) return '';
    if (returns === 'guard')
      return `/** ${doc}. */\nexport const ${name} = (data: unknown): data is ${type} => ${test};`;
    let result = `data as ${type}`;
    if (returns === 'fields') {
      const fields = Object.entries(node.properties ?? {});
      if (node.type !== 'object' || fields.some(([, field]) => field.type === 'object' || field.type === 'array')) {
        throw new Error(`contract checks: ${name} returns fields, which only a flat object has`);
      }
      result = `{ ${fields.map(([key]) => `${isIdentifier(key) ? key : JSON.stringify(key)}: ${member('data', key)}`).join(', ')} } as ${type}`;
    }
    return [
      `/** ${doc}, when its zod schema accepts it: ${returns === 'value' ? 'the document itself' : 'its fields only'}; undefined: ask zod. */`,
      `export function ${name}(data: unknown): ${type} | undefined {`,
      `  return ${test} ? ${result} : undefined;`,
      `}`,
    ].join('\n');
  });

  // Emitted in the order they were named, which puts every check after those it calls. `Fields` is the type of the
  // checks that are not exported guards (a file of guards only has none).
  const fieldsUsed = [...functions].some(([code, name]) => !guards.has(name) && /v(: | is )Fields/.test(code));
  return [
    '/**',
    " * The contract's fast checks, generated from their zod schemas by scripts/contract-checks.ts (CHECK_FILES):",
    ' * DO NOT EDIT; `npm run contract:checks` rewrites this file, and test/scripts/contract-checks.test.ts fails when',
    ' * it is stale. Each accepts exactly what its schema accepts (test/contract/checks.test.ts), without zod: pages stay',
    ' * small and the service checks each request body in a fraction of a zod parse. zod stays the validator: it runs',
    ' * when a check says no, and names what is wrong.',
    ' */',
    `import { ${[...used.keywords]
      .sort()
      .map((k) => (k === 'obj' && fieldsUsed ? 'obj, type Fields' : k))
      .join(', ')} } from './json-checks.js';`,
    ...[...types].map(([from, names]) => `import type { ${[...names].join(', ')} } from '${from}';`),
    ...(used.refinements.size
      ? [`import { ${[...used.refinements].sort().join(', ')} } from './refinements.js';`]
      : []),
    '',
    ...[...patterns].map(([source, name]) => `const ${name} = /${source}/;`),
    '',
    ...[...functions].map(([code, name]) => {
      const guard = guards.get(name);
      return guard
        ? `\n/** ${guard.doc}. */\nexport const ${name} = ${code.replace('v is Fields', `v is ${guard.type}`)}`
        : `const ${name} = ${code}`;
    }),
    '',
    exports.filter(Boolean).join('\n\n'),
    '',
  ].join('\n');
}
