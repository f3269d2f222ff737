/** The visitor's settings that change how widgets draw: less motion, and light or dark. */
export const media = (query: string) => globalThis.matchMedia?.(query);

export const REDUCED_MOTION = '(prefers-reduced-motion: reduce)';
export const DARK_SCHEME = '(prefers-color-scheme: dark)';

/** The visitor asked for less motion: no rotation, no chart animation (CSS handles the rest). Asked each time. */
export const prefersReducedMotion = (): boolean => media(REDUCED_MOTION)?.matches ?? false;
