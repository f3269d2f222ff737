import { css } from 'lit';

export const quizCardStyles = css`
  :host {
    display: block;
  }
  /* Right and wrong share their rules through --_state (colour) and --_state-surface (background). */
  .right {
    --_state: var(--lantoa-quiz-right-color, var(--_success));
    --_state-surface: var(--_success-surface);
  }
  .wrong {
    --_state: var(--lantoa-quiz-wrong-color, var(--_danger));
    --_state-surface: var(--_danger-surface);
  }
  p {
    margin: 0 0 0.5em;
  }
  .title {
    margin-block-end: 0.75em;
  }
  .loading,
  .progress,
  .how,
  .explanation {
    color: var(--_text-muted);
  }
  /* New on each check and at the end: they slide in (not under reduced motion). */
  @media (prefers-reduced-motion: no-preference) {
    .feedback,
    .done {
      animation: enter 0.25s ease-out;
    }
  }
  @keyframes enter {
    from {
      opacity: 0;
      transform: translateY(0.5em);
    }
  }
  legend {
    margin-block-end: 0.25em;
  }
  /* The question and the result take the focus from script (tabindex -1) only to be read out next: they
     are not controls, so no focus ring. */
  [tabindex='-1']:focus {
    outline: none;
    box-shadow: none;
  }
  .progress,
  .question {
    display: block;
    font-weight: 700;
  }
  .progress,
  .how,
  .tag,
  .source {
    font-size: 0.875em;
  }
  .choice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25em 0.625em;
    min-height: var(--_tap);
    margin-block-end: 0.375em;
    padding: 0.375em 0.625em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  /* :where keeps this below .right / .wrong, which must win once the answer is checked. */
  .choice:where(:has(input:checked)) {
    border-color: var(--_primary);
    box-shadow: inset 0 0 0 1px var(--_primary);
  }
  .choice.right,
  .choice.wrong {
    border: 2px solid var(--_state);
    box-shadow: none;
  }
  input {
    width: 1.25em;
    height: 1.25em;
    margin: 0;
    flex: none;
    accent-color: var(--_primary);
  }
  .choice-text {
    flex: 1 1 10em;
  }
  .tag,
  .mark {
    color: var(--_state);
    font-weight: 700;
  }
  button {
    margin-block: 0.5em;
  }
  .hint {
    color: var(--_danger);
    font-weight: 700;
  }
  .feedback,
  .result {
    margin-block-start: 0.75em;
    padding: 0.75em 1em;
    border-inline-start: 0.3em solid var(--_state);
    border-radius: var(--_radius);
    background: var(--_state-surface);
  }
  /* The last paragraph of a box (feedback, result, review item) ends flush with it. */
  p:last-child {
    margin-block-end: 0;
  }
  .verdict,
  .participation,
  .review-question,
  summary {
    font-weight: 700;
  }
  a,
  summary {
    color: var(--_link);
  }
  .result-title {
    font-size: 1.25em;
    font-weight: 700;
  }
  summary {
    min-height: var(--_tap);
    padding-block: 0.5em;
    cursor: pointer;
  }
  .review {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  li {
    margin-block-end: 0.75em;
    padding-inline-start: 0.75em;
    border-inline-start: 0.25em solid var(--_state);
  }
`;
