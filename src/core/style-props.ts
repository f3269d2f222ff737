import { nothing } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/** Inline style values by CSS property name (`width`, `--_value`). */
export type StyleProps = Record<string, string>;

/**
 * Sets inline style properties through the CSSOM (`element.style.setProperty`), from the first render on:
 * `<span ${styleProps({ width: '40%' })}></span>`. Lit's `styleMap` writes a `style` attribute on the first
 * render, which a page's Content-Security-Policy without `style-src 'unsafe-inline'` refuses and reports;
 * CSSOM writes are not subject to it.
 */
class StylePropsDirective extends Directive {
  private previous: string[] = [];

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT)
      throw new Error('styleProps() belongs in an element position: <span ${styleProps(…)}>');
  }

  // Lit takes the directive's argument types from render(); the work is in update(), which has the element.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  render(_props: StyleProps): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [props]: [StyleProps]): typeof nothing {
    const { style } = part.element as HTMLElement;
    for (const name of this.previous) if (!(name in props)) style.removeProperty(name);
    for (const [name, value] of Object.entries(props)) style.setProperty(name, value);
    this.previous = Object.keys(props);
    return nothing;
  }
}

export const styleProps = directive(StylePropsDirective);
