/**
 * `custom-elements.json` is generated (`npm run manifest`, run before Storybook starts) and not committed.
 * When it is missing, as on a fresh clone before the first build, type-checking still has a type for it.
 */
declare module '*/custom-elements.json' {
  const manifest: { schemaVersion: string; modules: unknown[] };
  export default manifest;
}
