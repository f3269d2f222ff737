import type { Explain } from './i18n.js';

/**
 * Why a widget shows a message instead of its content: a bad attribute, data it cannot use, a service that
 * refuses or cannot be reached. A widget reports it from `LantoaElement.problem()`; the base element renders it
 * (lantoa-element.ts, with the words of problem-view.ts). Its own module: both of those read it.
 */
export interface Problem {
  explain: Explain;
  /** What the "Try again" button does, offered only where trying again can help (the network failed). */
  retry?: () => void;
}
