import { html, nothing } from 'lit';
import { PASSWORD_MIN_LENGTH } from '../../contract/admin.js';
import { state } from '../../core/decorators.js';
import { defineElement } from '../../core/define.js';
import { api } from '../api.js';
import { ConsolePage } from '../console-page.js';
import { explain } from '../form.js';

/** "Change my password", for every role: current password, the new one twice. */
export class LantoaConsolePassword extends ConsolePage {
  @state() private error = '';
  @state() private done = false;
  @state() private busy = false;

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const [current, next, again] = ['current', 'next', 'again'].map((key) => String(data.get(key) ?? ''));
    const s = this.s.password;
    this.done = false;
    this.error =
      next.length < PASSWORD_MIN_LENGTH
        ? `${s.next}: ${this.s.tooShort(PASSWORD_MIN_LENGTH)}`
        : next !== again
          ? s.mismatch
          : '';
    if (!this.error) {
      this.busy = true;
      try {
        await api.changePassword(current, next);
        this.done = true;
        form.reset();
      } catch (error) {
        this.error = explain(error, this.s);
      } finally {
        this.busy = false;
      }
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.error-summary, .status')?.focus();
  }

  override render() {
    const s = this.s.password;
    const describedBy = this.error ? 'password-error' : nothing;
    return html`
      <h1 tabindex="-1">${s.title}</h1>
      <p>${s.intro}</p>
      ${
        this.error
          ? html`<div class="error-summary" role="alert" tabindex="-1" id="password-error">${this.error}</div>`
          : nothing
      }
      ${this.done ? html`<p class="status" role="status" tabindex="-1">${s.done}</p>` : nothing}
      <form @submit=${this.submit} novalidate>
        <label for="current">${s.current}</label>
        <input id="current" name="current" type="password" autocomplete="current-password" aria-describedby=${describedBy} />
        <label for="next">${s.next}</label>
        <input id="next" name="next" type="password" autocomplete="new-password" aria-describedby=${describedBy} />
        <label for="again">${s.confirm}</label>
        <input id="again" name="again" type="password" autocomplete="new-password" aria-describedby=${describedBy} />
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${s.submit}</button></div>
      </form>
    `;
  }
}

defineElement('lantoa-console-password', LantoaConsolePassword);

declare global {
  interface HTMLElementTagNameMap {
    'lantoa-console-password': LantoaConsolePassword;
  }
}
