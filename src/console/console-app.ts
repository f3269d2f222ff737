import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { SessionUser } from '../contract/admin.js';
import { state } from '../core/decorators.js';
import { defineElement } from '../core/define.js';
import { toLocale, type Locale } from '../core/i18n.js';
import { readStored, writeStored } from '../core/storage.js';
import { api, ApiError, onSignedOut } from './api.js';
import { ConsolePage } from './console-page.js';
import { explain } from './form.js';
import { LeaveGuard, leaveDialogStyles } from './leave-guard.js';
import { parseRoute, type Route } from './routes.js';
import './pages/sign-in.js';
import './pages/campaigns-list.js';
import './pages/campaign-page.js';
import './pages/audit-log.js';
import './pages/accounts.js';
import './pages/password.js';

const LANGUAGE_KEY = 'lantoa:console:lang';

/**
 * The campaign console (`/admin/…`): header with the language switch and the navigation, one page at a time
 * in `<main>`, routed by path (the service answers every /admin/* path with the same document). Signed out, any
 * path shows the sign-in page and comes back to that path after signing in. Leaving a page with unsaved edits
 * (its navigation, Back or Forward, signing out) asks first in a dialog; closing or reloading the tab, the
 * browser's own question.
 *
 * @tag lantoa-console
 * @summary The campaign office's console: campaigns, messages, units, results, audit log, accounts.
 */
export class LantoaConsole extends ConsolePage {
  static override styles = [
    ...ConsolePage.styles,
    leaveDialogStyles,
    css`
      :host {
        min-height: 100vh;
        background: #f5f7fa;
      }
      .skip {
        position: absolute;
        left: 0.5rem;
        top: -10rem;
        z-index: 10;
        padding: 0.75rem 1rem;
        background: var(--_accent);
        color: var(--_on-accent);
        font-weight: 700;
      }
      .skip:focus {
        top: 0.5rem;
      }
      header .skip {
        border-color: var(--_on-accent);
        background: var(--_accent);
        color: var(--_on-accent);
      }
      header {
        background: var(--_primary);
        color: var(--_on-primary);
      }
      header a,
      header .who {
        color: var(--_on-primary);
      }
      .top,
      nav ul,
      main {
        max-width: 72rem;
        margin: 0 auto;
        padding: 0 1rem;
        box-sizing: border-box;
      }
      .top {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        justify-content: space-between;
        gap: 0.5rem;
        padding-top: 0.5rem;
        padding-bottom: 0.5rem;
      }
      .brand {
        font-weight: 700;
        font-size: 1.1rem;
        text-decoration: none;
      }
      .tools {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
      }
      header button {
        background: transparent;
        border-color: var(--_on-primary);
        color: var(--_on-primary);
        padding: 0.25rem 0.75rem;
      }
      nav {
        background: #083a7a;
      }
      nav ul {
        display: flex;
        flex-wrap: wrap;
        gap: 0 0.25rem;
        list-style: none;
      }
      nav a {
        display: inline-flex;
        align-items: center;
        min-height: 44px;
        padding: 0 0.75rem;
        text-decoration: none;
        font-weight: 600;
        border-bottom: 4px solid transparent;
      }
      nav a[aria-current='page'] {
        border-bottom-color: var(--_accent);
      }
      main {
        padding-top: 1.25rem;
        padding-bottom: 3rem;
      }
      main:focus {
        outline: none;
      }
      .who {
        font-size: 0.9rem;
      }
    `,
  ];

  @state() private user: SessionUser | null | undefined = undefined;

  constructor() {
    super();
    // On the element itself, for its whole life: nothing outside it to tear down.
    this.addEventListener('console-navigate', (event) => this.go((event as CustomEvent<string>).detail));
    this.addEventListener('click', this.onClick);
  }

  @state() private route: Route = parseRoute(location.pathname);
  /** The session ended under the editor (a 401): the sign-in page says so. */
  @state() private expired = false;
  @state() private bootError = '';
  private moveFocus = false;
  private stopListening?: () => void;
  private guard = new LeaveGuard(this, {
    unsaved: () => this.hasUnsavedChanges(),
    arrive: () => {
      this.route = parseRoute(location.pathname);
      this.moveFocus = true;
    },
  });

  override connectedCallback(): void {
    super.connectedCallback();
    this.locale = toLocale(readStored<string>(LANGUAGE_KEY) ?? document.documentElement.lang);
    this.stopListening = onSignedOut(() => {
      if (this.user) this.expired = true;
      this.user = null;
    });
    void this.loadSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopListening?.();
  }

  private async loadSession() {
    try {
      this.user = (await api.session()).user;
    } catch (error) {
      this.user = null;
      // A 401 is the ordinary signed-out case; anything else is worth saying (service down).
      if (!(error instanceof ApiError && error.status === 401)) this.bootError = explain(error, this.s);
    }
  }

  /** The page on show holds unsaved edits. */
  override hasUnsavedChanges(): boolean {
    const page = this.renderRoot?.querySelector('main')?.firstElementChild;
    return page instanceof ConsolePage && page.hasUnsavedChanges();
  }

  /** Links inside the console (any shadow root) route here instead of reloading the document. */
  private onClick = (event: MouseEvent) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const link = event.composedPath().find((node): node is HTMLAnchorElement => node instanceof HTMLAnchorElement);
    if (!link || link.origin !== location.origin || link.hasAttribute('download')) return;
    if (!/^\/admin(\/|$)/.test(link.pathname) || link.pathname.startsWith('/admin/assets/')) return;
    event.preventDefault();
    this.go(link.pathname);
  };

  private go(path: string) {
    const arrive = () => {
      if (path !== location.pathname) this.guard.push(path);
      this.route = parseRoute(path);
      this.moveFocus = true;
    };
    // The page's own address again (its link in the navigation) keeps the page and its edits.
    if (path === location.pathname) arrive();
    else this.guard.leaving(arrive);
  }

  private setLocale(locale: Locale) {
    this.locale = locale;
    writeStored(LANGUAGE_KEY, locale);
  }

  private async signOut() {
    try {
      await api.signOut();
    } catch {
      /* signed out either way: the cookie is the server's to end, and a 401 means it already has */
    }
    this.user = null;
    this.expired = false;
    this.moveFocus = true;
  }

  protected override updated(changed: PropertyValues<this>): void {
    document.documentElement.lang = this.locale;
    document.title = `${this.pageTitle()} – Lantoa`;
    if (changed.has('user' as keyof LantoaConsole) && changed.get('user' as keyof LantoaConsole) !== undefined)
      this.moveFocus = true;
    if (this.moveFocus) {
      this.moveFocus = false;
      const page = this.renderRoot.querySelector('main')?.firstElementChild;
      if (page instanceof ConsolePage) void page.focusHeading();
    }
  }

  private pageTitle(): string {
    const s = this.s;
    if (!this.user) return s.signIn.title;
    const route = this.route;
    switch (route.page) {
      case 'campaigns':
        return s.campaigns.title;
      case 'campaign':
        return `${s.campaign[route.section]} – ${route.campaign}`;
      case 'audit':
        return s.audit.title;
      case 'accounts':
        return s.accounts.title;
      case 'password':
        return s.password.title;
      default:
        return s.notFound;
    }
  }

  private renderPage(): TemplateResult {
    const { locale, user, route } = this;
    if (user === undefined) return html`<p role="status">${this.s.loading}</p>`;
    if (user === null)
      return html`<lantoa-console-sign-in
        .locale=${locale}
        .expired=${this.expired}
        .problem=${this.bootError}
        @console-signed-in=${(event: CustomEvent<SessionUser>) => {
          this.user = event.detail;
          this.expired = false;
          this.bootError = '';
        }}
      ></lantoa-console-sign-in>`;
    switch (route.page) {
      case 'campaigns':
        return html`<lantoa-console-campaigns .locale=${locale}></lantoa-console-campaigns>`;
      case 'campaign':
        return html`<lantoa-console-campaign
          .locale=${locale}
          .campaign=${route.campaign}
          .section=${route.section}
        ></lantoa-console-campaign>`;
      case 'audit':
        return html`<lantoa-console-audit .locale=${locale}></lantoa-console-audit>`;
      case 'accounts':
        return html`<lantoa-console-accounts .locale=${locale} .user=${user}></lantoa-console-accounts>`;
      case 'password':
        return html`<lantoa-console-password .locale=${locale}></lantoa-console-password>`;
      default:
        return html`<lantoa-console-not-found .locale=${locale}></lantoa-console-not-found>`;
    }
  }

  private navLink(href: string, label: string, current: boolean) {
    return html`<li><a href=${href} aria-current=${current ? 'page' : nothing}>${label}</a></li>`;
  }

  override render() {
    const s = this.s;
    const { user, route } = this;
    const other: Locale = this.locale === 'vi' ? 'en' : 'vi';
    return html`
      <header>
        <button type="button" class="skip" @click=${this.skipToMain}>${s.skip}</button>
        <div class="top">
          <a class="brand" href="/admin/">${s.product}</a>
          <div class="tools">
            ${user ? html`<span class="who">${s.signedInAs(user.name, s.roles[user.role])}</span>` : nothing}
            <button
              type="button"
              lang=${other}
              aria-label=${s.switchLanguageName}
              @click=${() => this.setLocale(other)}
            >
              ${s.switchLanguage}
            </button>
            ${
              user
                ? html`<button type="button" @click=${() => this.guard.leaving(() => void this.signOut())}>
                  ${s.signOut}
                </button>`
                : nothing
            }
          </div>
        </div>
        ${
          user
            ? html`<nav aria-label=${s.nav}>
              <ul>
                ${this.navLink('/admin/', s.navCampaigns, route.page === 'campaigns' || route.page === 'campaign')}
                ${this.navLink('/admin/audit', s.navAudit, route.page === 'audit')}
                ${
                  user.role === 'admin'
                    ? this.navLink('/admin/accounts', s.navAccounts, route.page === 'accounts')
                    : nothing
                }
                ${this.navLink('/admin/password', s.navPassword, route.page === 'password')}
              </ul>
            </nav>`
            : nothing
        }
      </header>
      <main id="main" tabindex="-1">${this.renderPage()}</main>
      ${this.guard.render(this.s.leave)}
    `;
  }

  /**
   * The skip link is a button: its target is in this shadow root, where a `#main` fragment cannot reach (and
   * axe cannot follow it); it moves focus to <main> itself.
   */
  private skipToMain() {
    this.renderRoot.querySelector<HTMLElement>('main')?.focus();
  }
}

/** Any /admin/ path the console does not know. */
export class LantoaConsoleNotFound extends ConsolePage {
  override render() {
    return html`<h1 tabindex="-1">${this.s.notFound}</h1>
      <p>${this.s.notFoundText}</p>`;
  }
}

defineElement('lantoa-console', LantoaConsole);
defineElement('lantoa-console-not-found', LantoaConsoleNotFound);

declare global {
  interface HTMLElementTagNameMap {
    'lantoa-console': LantoaConsole;
    'lantoa-console-not-found': LantoaConsoleNotFound;
  }
}
