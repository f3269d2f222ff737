import { html, nothing } from 'lit';
import { property, state } from '../../core/decorators.js';
import { defineElement } from '../../core/define.js';
import { api } from '../api.js';
import { ConsolePage } from '../console-page.js';
import { explain } from '../form.js';

/**
 * Sign in with name and password. One generic message whatever was wrong (the service says no more);
 * a throttled attempt says how long to wait.
 *
 * @fires console-signed-in - Signed in; `detail` is the session's user.
 */
export class LantoaConsoleSignIn extends ConsolePage {
  /** The previous session ended under the editor: say why they are here. */
  @property({ type: Boolean }) expired = false;
  /** The session could not even be asked about (service unreachable). */
  @property() problem = '';
  @state() private error = '';
  @state() private busy = false;

  private async submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    this.busy = true;
    this.error = '';
    try {
      const session = await api.signIn(String(data.get('name') ?? '').trim(), String(data.get('password') ?? ''));
      this.dispatchEvent(new CustomEvent('console-signed-in', { detail: session.user, bubbles: true, composed: true }));
    } catch (error) {
      this.error = explain(error, this.s);
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
    } finally {
      this.busy = false;
    }
  }

  /** A required input and its label; both point at the error message while there is one. */
  private field(name: 'name' | 'password', autocomplete: string, type = 'text') {
    return html`
      <label for=${name}>${this.s.signIn[name]}</label>
      <input
        id=${name}
        name=${name}
        type=${type}
        autocomplete=${autocomplete}
        autocapitalize="none"
        spellcheck="false"
        required
        aria-describedby=${this.error ? 'sign-in-error' : nothing}
      />
    `;
  }

  override render() {
    const s = this.s.signIn;
    return html`
      <h1 tabindex="-1">${s.title}</h1>
      <p>${s.intro}</p>
      ${this.expired ? html`<p class="status" role="status">${s.expired}</p>` : nothing}
      ${this.problem && !this.error ? html`<p class="error-summary" role="alert">${this.problem}</p>` : nothing}
      ${
        this.error
          ? html`<div class="error-summary" role="alert" tabindex="-1" id="sign-in-error">${this.error}</div>`
          : nothing
      }
      <form @submit=${this.submit} novalidate>
        ${this.field('name', 'username')} ${this.field('password', 'current-password', 'password')}
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${s.submit}</button></div>
      </form>
    `;
  }
}

defineElement('lantoa-console-sign-in', LantoaConsoleSignIn);

declare global {
  interface HTMLElementTagNameMap {
    'lantoa-console-sign-in': LantoaConsoleSignIn;
  }
}
