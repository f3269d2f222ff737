import { html, nothing } from 'lit';
import {
  newUserRequestSchema,
  PASSWORD_MIN_LENGTH,
  ROLES,
  type Role,
  type SessionUser,
  type User,
} from '../../contract/admin.js';
import { property, state } from '../../core/decorators.js';
import { defineElement } from '../../core/define.js';
import { api } from '../api.js';
import { ConsolePage, tableRegion } from '../console-page.js';
import { explain, formatVietnamTime, problemsOf } from '../form.js';

/** Accounts (admins only): list, add, change role, reset a password, remove (pressed twice). */
export class LantoaConsoleAccounts extends ConsolePage {
  @property({ attribute: false }) user?: SessionUser;
  @state() private users?: User[];
  @state() private error = '';
  @state() private status = '';
  /** The account whose password is being reset, and the one waiting for its removal to be confirmed. */
  @state() private resetting = '';
  @state() private removing = '';

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.user?.role === 'admin') void this.load();
  }

  private async load() {
    try {
      this.users = (await api.users()).users;
    } catch (error) {
      this.error = explain(error, this.s);
    }
  }

  /** Runs one change, then reloads the list and says how it went. */
  private async run(change: () => Promise<unknown>) {
    this.error = '';
    this.status = '';
    try {
      await change();
      this.status = this.s.accounts.done;
      await this.load();
      return true;
    } catch (error) {
      this.error = explain(error, this.s);
      return false;
    } finally {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.error-summary, .status')?.focus();
    }
  }

  private async add(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const request = {
      name: String(data.get('name') ?? '').trim(),
      role: data.get('role') as Role,
      password: String(data.get('password') ?? ''),
    };
    const s = this.s.accounts;
    const labels: Record<string, string> = { name: s.name, role: s.role, password: s.password };
    const problems = problemsOf(newUserRequestSchema, request, this.s, (p) => labels[p] ?? p);
    if (problems.length > 0) {
      this.error = problems.map((p) => p.text).join(' · ');
      this.status = '';
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
      return;
    }
    if (await this.run(() => api.addUser(request.name, request.role, request.password))) form.reset();
  }

  private async reset(event: SubmitEvent, name: string) {
    event.preventDefault();
    const password = String(new FormData(event.target as HTMLFormElement).get('password') ?? '');
    if (password.length < PASSWORD_MIN_LENGTH) {
      this.error = `${this.s.accounts.resetFor(name)}: ${this.s.tooShort(PASSWORD_MIN_LENGTH)}`;
      return;
    }
    if (await this.run(() => api.changeUser(name, { password }))) this.resetting = '';
  }

  private async removeAccount(name: string) {
    if (this.removing !== name) {
      this.removing = name;
      return;
    }
    this.removing = '';
    await this.run(() => api.removeUser(name));
  }

  private renderRow(u: User) {
    const s = this.s.accounts;
    return html`<tr>
      <th scope="row">${u.name}</th>
      <td data-label=${s.role}>
        <select
          aria-label=${s.roleOf(u.name)}
          @change=${(e: Event) => this.run(() => api.changeUser(u.name, { role: (e.target as HTMLSelectElement).value as Role }))}
        >
          ${ROLES.map((role) => html`<option value=${role} ?selected=${u.role === role}>${this.s.roles[role]}</option>`)}
        </select>
      </td>
      <td data-label=${s.created}>${formatVietnamTime(this.locale, u.createdAt)}</td>
      <td data-label=${s.actions}>
        <div class="actions">
          <button
            type="button"
            class="secondary"
            aria-expanded=${this.resetting === u.name ? 'true' : 'false'}
            @click=${() => (this.resetting = this.resetting === u.name ? '' : u.name)}
          >
            ${s.reset}
          </button>
          <button type="button" class="danger" aria-label=${this.removing === u.name ? s.confirmRemove(u.name) : s.remove(u.name)} @click=${() => this.removeAccount(u.name)}>
            ${this.removing === u.name ? s.confirmRemove(u.name) : s.removeShort}
          </button>
        </div>
        ${
          this.resetting === u.name
            ? html`<form @submit=${(e: SubmitEvent) => this.reset(e, u.name)} novalidate>
              <label for="reset-${u.name}">${s.resetFor(u.name)}</label>
              <input id="reset-${u.name}" name="password" type="password" autocomplete="new-password" />
              <div class="actions"><button type="submit">${this.s.save}</button></div>
            </form>`
            : nothing
        }
      </td>
    </tr>`;
  }

  override render() {
    const s = this.s.accounts;
    if (this.user?.role !== 'admin')
      return html`<h1 tabindex="-1">${s.title}</h1>
        <p>${s.adminOnly}</p>`;
    return html`
      <h1 tabindex="-1">${s.title}</h1>
      ${this.error ? html`<div class="error-summary" role="alert" tabindex="-1">${this.error}</div>` : nothing}
      ${this.status ? html`<p class="status" role="status" tabindex="-1">${this.status}</p>` : nothing}
      ${
        this.users
          ? tableRegion(
              s.table,
              [s.name, s.role, s.created, s.actions],
              this.users.map((u) => this.renderRow(u)),
              { caption: true, stack: true },
            )
          : this.error
            ? nothing
            : html`<p role="status">${this.s.loading}</p>`
      }
      <form @submit=${this.add} novalidate>
        <fieldset>
          <legend>${s.add}</legend>
          <div class="grid">
            <div>
              <label for="new-name">${s.name}</label>
              <input id="new-name" name="name" autocomplete="off" autocapitalize="none" spellcheck="false" />
            </div>
            <div>
              <label for="new-role">${s.role}</label>
              <select id="new-role" name="role">
                ${ROLES.map((role) => html`<option value=${role} ?selected=${role === 'editor'}>${this.s.roles[role]}</option>`)}
              </select>
            </div>
            <div>
              <label for="new-password">${s.password}</label>
              <input id="new-password" name="password" type="password" autocomplete="new-password" />
            </div>
          </div>
          <div class="actions"><button type="submit">${s.add}</button></div>
        </fieldset>
      </form>
    `;
  }
}

defineElement('lantoa-console-accounts', LantoaConsoleAccounts);

declare global {
  interface HTMLElementTagNameMap {
    'lantoa-console-accounts': LantoaConsoleAccounts;
  }
}
