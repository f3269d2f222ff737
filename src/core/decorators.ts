/**
 * Lit's `@property` and `@state`, the legacy-decorator half only. The widgets compile decorators with
 * `experimentalDecorators` (TOOLCHAIN.md: standard decorators fail in the Vite 8 bundle), so the standard half
 * of `lit/decorators.js` (accessor and setter metadata) never runs, yet every page downloaded it. Same
 * behaviour as Lit's legacy path for the fields we decorate: the class declares the reactive property.
 */
import type { PropertyDeclaration, ReactiveElement } from 'lit';

export const property =
  (options?: PropertyDeclaration) =>
  (proto: ReactiveElement, name: string): void =>
    (proto.constructor as typeof ReactiveElement).createProperty(name, options);

/** Internal reactive state: renders again when it changes, no attribute. */
export const state = (): ReturnType<typeof property> => property({ state: true, attribute: false });
