import { css } from 'lit';

export const quizCardStyles = css`
  :host {
    display: block;
    --_right: var(--lantoa-quiz-right-color, var(--_success));
    --_wrong: var(--lantoa-quiz-wrong-color, var(--_danger));
  }
  .card {
    padding: 1rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
  p {
    margin: 0 0 0.5rem;
  }
  .title {
    margin-block-end: 0.75rem;
    font-size: 1.125rem;
    font-weight: 700;
    line-height: 1.3;
  }
  .loading {
    color: var(--_text-muted);
  }
  /* New on each check and at the end: they slide in (not under reduced motion). */
  .feedback,
  .step.done {
    animation: enter 0.25s ease-out;
  }
  @keyframes enter {
    from {
      opacity: 0;
      transform: translateY(0.5rem);
    }
  }
  /* An SVG bar: its width is an attribute, so no inline style (strict CSPs refuse those). */
  .bar {
    display: block;
    width: 100%;
    height: 0.375rem;
    margin-block-end: 0.75rem;
    border-radius: 999px;
    background: var(--_surface-alt);
  }
  .bar .done {
    fill: var(--_primary);
  }
  fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }
  legend {
    padding: 0;
    margin-block-end: 0.25rem;
  }
  /* The question and the result take the focus from script (tabindex -1) only to be read out next: they
     are not controls, so no focus ring. */
  [tabindex='-1']:focus {
    outline: none;
    box-shadow: none;
  }
  .progress {
    display: block;
    color: var(--_text-muted);
    font-size: 0.875rem;
    font-weight: 700;
  }
  .question {
    display: block;
    font-weight: 700;
    font-size: 1.0625rem;
  }
  .how {
    color: var(--_text-muted);
    font-size: 0.875rem;
  }
  .choice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.25rem 0.625rem;
    min-height: 2.75rem;
    margin-block-end: 0.375rem;
    padding: 0.375rem 0.625rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    cursor: pointer;
  }
  .choice:hover {
    background: var(--_surface-alt);
  }
  /* :where keeps this below .right / .wrong, which must win once the answer is checked. */
  .choice:where(:has(input:checked)) {
    border-color: var(--_primary);
    box-shadow: inset 0 0 0 1px var(--_primary);
  }
  fieldset[disabled] .choice {
    cursor: default;
  }
  fieldset[disabled] .choice:hover {
    background: none;
  }
  .choice.right {
    border: 2px solid var(--_right);
    box-shadow: none;
  }
  .choice.wrong {
    border: 2px solid var(--_wrong);
    box-shadow: none;
  }
  input {
    width: 1.25rem;
    height: 1.25rem;
    margin: 0;
    flex: none;
    accent-color: var(--_primary);
  }
  .choice-text {
    flex: 1 1 10rem;
  }
  .tag {
    font-size: 0.875rem;
    font-weight: 700;
  }
  .right .tag {
    color: var(--_right);
  }
  .wrong .tag {
    color: var(--_wrong);
  }
  button {
    min-height: 2.75rem;
    margin-block: 0.5rem;
    padding: 0.5rem 1.25rem;
    border: 2px solid var(--_primary);
    border-radius: var(--_radius);
    background: var(--_primary);
    color: var(--_on-primary);
    font: inherit;
    font-weight: 700;
    cursor: pointer;
  }
  .hint {
    margin-block-start: 0.5rem;
    color: var(--_danger);
    font-weight: 700;
  }
  .feedback,
  .result {
    margin-block-start: 0.75rem;
    padding: 0.75rem 1rem;
    border-inline-start: 0.3rem solid var(--_right);
    border-radius: var(--_radius);
    background: var(--_success-surface);
  }
  .feedback.wrong,
  .result.failed {
    border-inline-start-color: var(--_wrong);
    background: var(--_danger-surface);
  }
  .feedback p:last-child,
  .result p:last-child,
  .review li p:last-child {
    margin-block-end: 0;
  }
  .verdict {
    font-weight: 700;
  }
  .source {
    font-size: 0.875rem;
  }
  a {
    color: var(--_link);
  }
  .result-title {
    font-size: 1.25rem;
    font-weight: 700;
  }
  .score {
    font-size: 1.0625rem;
  }
  .participation {
    margin-block-start: 0.75rem;
    font-weight: 700;
  }
  details {
    margin-block-start: 0.5rem;
  }
  summary {
    min-height: 2.75rem;
    padding-block: 0.5rem;
    color: var(--_link);
    font-weight: 700;
    cursor: pointer;
  }
  .review {
    margin: 0.5rem 0 0;
    padding: 0;
    list-style: none;
  }
  .review li {
    margin-block-end: 0.75rem;
    padding: 0.5rem 0 0.5rem 0.75rem;
    border-inline-start: 0.25rem solid var(--_right);
  }
  .review li.wrong {
    border-inline-start-color: var(--_wrong);
  }
  .review-question {
    font-weight: 700;
  }
  .mark {
    margin-inline-end: 0.25rem;
  }
  .review li.right .mark {
    color: var(--_right);
  }
  .review li.wrong .mark {
    color: var(--_wrong);
  }
  .explanation {
    color: var(--_text-muted);
  }
  @media (prefers-reduced-motion: reduce) {
    .feedback,
    .step.done {
      animation: none;
    }
  }
`;
