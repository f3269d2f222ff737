import { css } from 'lit';

export const bannerStyles = css`
  :host {
    display: block;
    container-type: inline-size;
    --_background: var(--lantoa-banner-background, var(--_primary));
    --_color: var(--lantoa-banner-color, var(--_on-primary));
    --_cta-background: var(--lantoa-banner-cta-background, var(--_accent));
    --_cta-color: var(--lantoa-banner-cta-color, var(--_on-accent));
    --_max-width: var(--lantoa-banner-max-width, 72em);
  }
  :host([variant='hero']) {
    --_background: var(--lantoa-banner-background, var(--_surface-alt));
    --_color: var(--lantoa-banner-color, var(--_text));
    --_cta-background: var(--lantoa-banner-cta-background, var(--_primary));
    --_cta-color: var(--lantoa-banner-cta-color, var(--_on-primary));
  }
  :host([variant='ribbon']) {
    --_background: var(--lantoa-banner-background, var(--_surface-alt));
    --_color: var(--lantoa-banner-color, var(--_text));
  }

  .banner {
    /* A page that reserves room for the banner (min-height on lantoa-banner, to avoid layout shift)
       gets the banner background over all of it. */
    min-height: inherit;
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    /* Top, not centred: the own headline shown while the feed loads stays where the feed's message (taller, with its
       pause and next buttons) then starts, so nothing inside the bar moves when it comes. */
    align-items: start;
    gap: 0.5em;
    margin: 0;
    padding: 0.625em 0.5em 0.625em 1em;
    background: var(--_background);
    color: var(--_color);
  }
  .content {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
    width: 100%;
    max-width: var(--_max-width);
    margin-inline: auto;
  }
  .slides {
    display: grid;
    /* Each message at the top of the cell its tallest sibling sizes: the one on show starts where the own headline
       stood while the feed loaded. */
    align-items: start;
    flex: 1 1 18em;
    min-width: 0;
  }
  .slide {
    grid-area: 1 / 1;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5em 1em;
  }
  /* Messages waiting their turn keep their room but are neither seen, read out nor focusable. */
  .behind {
    visibility: hidden;
  }
  .text {
    flex: 1 1 14em;
    min-width: 0;
  }
  p {
    margin: 0;
  }
  /* Text written inside the element belongs to the page, whose theme may shrink or recolour it.
     Inside the banner it takes the banner typography (!important: only that wins from inside). */
  ::slotted(*) {
    font: inherit !important;
    color: inherit !important;
    letter-spacing: inherit !important;
    text-transform: inherit !important;
    text-indent: 0 !important;
    margin: 0 !important;
    padding: 0 !important;
  }
  .headline {
    font-weight: 700;
  }
  .countdown {
    display: inline-block;
    margin-block-end: 0.25em;
    padding: 0 0.5em;
    border-radius: 999px;
    background: var(--_cta-background);
    color: var(--_cta-color);
    font-size: 0.875em;
    font-weight: 700;
  }
  .cta {
    display: inline-flex;
    align-items: center;
    min-height: var(--_tap);
    padding: 0.375em 1em;
    border-radius: var(--_radius);
    background: var(--_cta-background);
    color: var(--_cta-color);
    font-weight: 700;
    text-decoration: none;
  }
  .cta:hover {
    text-decoration: underline;
  }
  button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    min-width: var(--_tap);
    min-height: var(--_tap);
    margin: 0;
    padding: 0 0.5em;
    border: 1px solid transparent;
    border-radius: var(--_radius);
    background: transparent;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }
  button:hover {
    border-color: currentColor;
  }
  .controls {
    display: inline-flex;
    align-items: center;
    gap: 0.25em;
  }
  /* Only the position text is small: the buttons keep the base size, so their icons and targets do. */
  .controls span {
    font-size: 0.875em;
  }
  .dismiss {
    align-self: start;
  }
  svg {
    width: 1.25em;
    height: 1.25em;
    fill: currentColor;
  }

  /* bar: the countdown runs in the headline line; on a phone the bar keeps to countdown, headline and
     call to action (the message shows from 36em of width up, and always in the hero and the ribbon). */
  :host(:not([variant='hero'])) .countdown {
    display: inline-block;
    margin: 0 0.5em 0 0;
  }
  :host([variant='bar']) .headline {
    display: inline;
  }
  :host([variant='bar']) .message {
    display: none;
  }
  @container (min-width: 36em) {
    :host([variant='bar']) .message {
      display: block;
    }
  }

  /* hero: a card for the top of a home page */
  :host([variant='hero']) .banner {
    padding: 1.25em 0.75em 1.5em 1.25em;
    border-inline-start: 0.375em solid var(--_primary);
    border-radius: var(--_radius);
  }
  :host([variant='hero']) .content,
  :host([variant='hero']) .slide {
    flex-direction: column;
    align-items: flex-start;
    gap: 1em;
  }
  :host([variant='hero']) .slides,
  :host([variant='hero']) .text {
    flex: none;
    width: 100%;
  }
  /* The gap under the headline is half the base size: em here is the headline, so divide by its size. */
  :host([variant='hero']) .headline {
    font-size: 1.375em;
    line-height: 1.3;
    margin-block-end: calc(0.5em / 1.375);
  }
  @container (min-width: 40em) {
    :host([variant='hero']) .banner {
      padding: 2em 1.5em 2em 2em;
    }
    :host([variant='hero']) .headline {
      font-size: 1.75em;
      margin-block-end: calc(0.5em / 1.75);
    }
    :host([variant='hero']) .message {
      font-size: 1.125em;
    }
  }

  /* ribbon: one slim line for a footer or under a menu */
  :host([variant='ribbon']) .banner {
    padding: 0.25em 0.5em 0.25em 1em;
    border-block: 1px solid var(--_border);
    font-size: 0.875em;
  }
  :host([variant='ribbon']) .headline,
  :host([variant='ribbon']) .message {
    display: inline;
  }
  :host([variant='ribbon']) .message::before {
    content: ' · ';
  }
  :host([variant='ribbon']) .cta {
    min-height: var(--_tap);
    padding: 0 0.25em;
    background: transparent;
    color: var(--_link);
    text-decoration: underline;
  }
  /* The ribbon is already set small: its badge and position text keep that size (em would compound). */
  :host([variant='ribbon']) .countdown,
  :host([variant='ribbon']) .controls span {
    font-size: 1em;
  }
  :host([variant='ribbon']) .countdown {
    background: var(--_primary);
    color: var(--_on-primary);
  }
  :host([variant='ribbon']) .dismiss {
    align-self: center;
  }

  @media print {
    .controls,
    .dismiss {
      display: none;
    }
  }
`;
