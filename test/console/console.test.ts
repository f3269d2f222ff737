/**
 * The console in real Chromium against the real service (test/pledge-service-plugin.js, its API reached on the
 * test page's own origin through test/console-api-proxy.js, as when the service serves /admin/): accounts made
 * with `npm run admin -- add-user`, sign in, the 401 that returns to sign-in, the pages in both languages with
 * axe, a banner message edited and published (its audit row), a unit added, the message editor by keyboard only.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/console/console-app.js';
import type { LantoaConsole } from '../../src/console/console-app.js';

const PASSWORD = 'mật khẩu đủ dài 2026';
const made = new Set<string>();
const home = location.href;

async function account(name: string, role: 'admin' | 'editor' = 'admin') {
  if (made.has(name)) return;
  await executeServerCommand('pledge-service', { action: 'add-user', name, role, password: PASSWORD });
  made.add(name);
}

/** The page element on show in the console's <main>. */
const current = (app: LantoaConsole) => app.shadowRoot!.querySelector('main')!.firstElementChild as HTMLElement;
/** An element inside the page on show (or inside `within`, a shadow host). */
const inPage = <T extends Element = HTMLElement>(app: LantoaConsole, selector: string) =>
  current(app)?.shadowRoot?.querySelector<T>(selector) ?? null;

async function waitFor<T>(find: () => T | null | undefined, what: string, timeout = 5000): Promise<T> {
  await waitUntil(() => find(), `never found: ${what}`, { timeout });
  return find()!;
}

async function mount(path = '/admin/', lang?: 'vi' | 'en'): Promise<LantoaConsole> {
  history.replaceState(null, '', path);
  localStorage.setItem('lantoa:console:lang', JSON.stringify(lang ?? 'vi'));
  const app = await fixture<LantoaConsole>(html`<lantoa-console></lantoa-console>`);
  await waitFor(() => current(app)?.shadowRoot?.querySelector('h1'), 'a page heading');
  return app;
}

function type(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

async function signIn(app: LantoaConsole, name: string, password = PASSWORD) {
  const form = await waitFor(() => inPage(app, 'lantoa-console-sign-in') ?? current(app), 'the sign-in page');
  expect(form.localName).to.equal('lantoa-console-sign-in');
  type(inPage<HTMLInputElement>(app, '#name')!, name);
  type(inPage<HTMLInputElement>(app, '#password')!, password);
  inPage<HTMLButtonElement>(app, 'button[type=submit]')!.click();
}

async function signedIn(name: string, path = '/admin/', lang?: 'vi' | 'en') {
  await account(name);
  const app = await mount(path, lang);
  await signIn(app, name);
  await waitFor(() => current(app)?.localName !== 'lantoa-console-sign-in' || null, 'a signed-in page');
  return app;
}

type LitLike = HTMLElement & { updateComplete: Promise<boolean> };

/** The section element inside the campaign page. */
const section = (app: LantoaConsole, tag: string) => inPage(app, tag);

afterEach(async () => {
  await fetch('/api/v1/admin/session', { method: 'DELETE' });
  history.replaceState(null, '', home);
  localStorage.removeItem('lantoa:console:lang');
});

describe('console: signing in', () => {
  it('refuses a wrong password with one generic message, then opens the campaigns page', async () => {
    await account('lan');
    const app = await mount();
    expect(app.shadowRoot!.querySelector('nav')).to.equal(null);
    await signIn(app, 'lan', 'not the password at all');
    const alert = await waitFor(() => inPage(app, '.error-summary'), 'the error');
    expect(alert.textContent).to.contain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(current(app).shadowRoot!.activeElement).to.equal(alert);

    await signIn(app, 'lan');
    await waitFor(() => (current(app).localName === 'lantoa-console-campaigns' ? true : null), 'the campaigns page');
    const h1 = await waitFor(() => inPage(app, 'h1'), 'h1');
    expect(h1.textContent).to.equal('Chiến dịch');
    await waitUntil(() => current(app).shadowRoot!.activeElement === h1, 'focus on the heading');
    expect(app.shadowRoot!.querySelector('nav a[aria-current="page"]')!.textContent).to.equal('Chiến dịch');
    expect(document.title).to.equal('Chiến dịch – Lantoa');
  });

  it('says how long to wait once sign-ins are throttled (429)', async function () {
    this.timeout(60_000); // every refused sign-in costs a memory-hard hash
    await account('throttled');
    const app = await mount('/admin/', 'en');
    for (let attempt = 0; attempt < 8; attempt++) {
      await signIn(app, 'throttled', `wrong password ${attempt}`);
      await waitFor(() => inPage(app, '.error-summary'), 'the error');
      await waitUntil(() => !inPage<HTMLButtonElement>(app, 'button[type=submit]')!.disabled);
      if (/Try again in \d+ s/.test(inPage(app, '.error-summary')!.textContent ?? '')) break;
    }
    expect(inPage(app, '.error-summary')!.textContent).to.match(/Too many attempts\. Try again in \d+ s\./);
  });

  it('returns to sign-in when a request answers 401, and back to the page after signing in', async () => {
    const app = await signedIn('lan');
    // The session ends elsewhere (signed out in another tab).
    expect((await fetch('/api/v1/admin/session', { method: 'DELETE' })).status).to.equal(204);
    app.shadowRoot!.querySelector<HTMLAnchorElement>('nav a[href="/admin/audit"]')!.click();
    await waitFor(() => (current(app).localName === 'lantoa-console-sign-in' ? true : null), 'the sign-in page');
    expect(inPage(app, '.status')!.textContent).to.contain('Phiên đăng nhập đã hết hạn');
    expect(location.pathname).to.equal('/admin/audit');
    await signIn(app, 'lan');
    await waitFor(() => (current(app).localName === 'lantoa-console-audit' ? true : null), 'the audit page');
  });
});

describe('console: audit log and accounts', () => {
  it('shows the audit log newest first, before and after as text', async () => {
    const app = await signedIn('lan', '/admin/audit');
    const entries = () => [...current(app).shadowRoot!.querySelectorAll('ol.entries > li')];
    await waitFor(() => entries().length || null, 'entries');
    // Newest first: this sign-in (by lan) heads the list.
    expect(entries()[0].querySelector('.what')!.textContent).to.contain('session.sign-in');
    expect(entries()[0].querySelector('.what')!.textContent).to.contain('lan');
    expect(entries()[0].querySelector('pre.before')).to.exist;
    expect(entries()[0].querySelector('pre.after')).to.exist;
  });

  it('lets an admin add an editor, who then sees no Accounts link', async () => {
    const app = await signedIn('lan', '/admin/accounts');
    await waitFor(() => inPage(app, 'tbody tr'), 'the accounts');
    type(inPage<HTMLInputElement>(app, '#new-name')!, 'mai');
    type(inPage<HTMLInputElement>(app, '#new-password')!, PASSWORD);
    inPage<HTMLButtonElement>(app, 'fieldset button[type=submit]')!.click();
    await waitFor(
      () => [...current(app).shadowRoot!.querySelectorAll('tbody th')].find((th) => th.textContent === 'mai'),
      'mai',
    );
    made.add('mai');
    await fetch('/api/v1/admin/session', { method: 'DELETE' });

    const editor = await mount('/admin/accounts');
    await signIn(editor, 'mai');
    await waitFor(() => editor.shadowRoot!.querySelector('nav'), 'the navigation');
    expect(editor.shadowRoot!.querySelector('nav a[href="/admin/accounts"]')).to.equal(null);
    expect(inPage(editor, 'p')!.textContent).to.equal('Chỉ quản trị viên quản lý tài khoản.');
  });
});

describe('console: my password', () => {
  it('refuses two different new passwords, then changes it: the new one signs in, the old one does not', async function () {
    this.timeout(60_000); // five memory-hard hashes, on a machine that may be busy
    await account('thu');
    const app = await signedIn('thu', '/admin/password', 'en');
    const fill = (current: string, next: string, again: string) => {
      type(inPage<HTMLInputElement>(app, '#current')!, current);
      type(inPage<HTMLInputElement>(app, '#next')!, next);
      type(inPage<HTMLInputElement>(app, '#again')!, again);
      inPage<HTMLButtonElement>(app, 'button[type=submit]')!.click();
    };
    fill(PASSWORD, 'một mật khẩu mới dài', 'một mật khẩu khác dài');
    await waitFor(() => inPage(app, '.error-summary'), 'the mismatch');
    expect(inPage(app, '.error-summary')!.textContent).to.equal('The two new passwords differ.');
    fill(PASSWORD, 'một mật khẩu mới dài', 'một mật khẩu mới dài');
    await waitFor(() => inPage(app, '.status'), 'done');
    expect(inPage(app, '.status')!.textContent).to.equal('Your password is changed.');
    await fetch('/api/v1/admin/session', { method: 'DELETE' });

    const again = await mount('/admin/', 'en');
    await signIn(again, 'thu');
    await waitFor(() => inPage(again, '.error-summary'), 'the old password refused');
    await signIn(again, 'thu', 'một mật khẩu mới dài');
    await waitFor(() => (current(again).localName === 'lantoa-console-campaigns' ? true : null), 'signed in');
  });
});

describe('console: accessibility of every page, in Vietnamese and English', () => {
  const pages = [
    '/admin/',
    '/admin/audit',
    '/admin/accounts',
    '/admin/password',
    '/admin/nowhere',
    '/admin/campaigns/future-campaign/messages',
    '/admin/campaigns/future-campaign/units',
    '/admin/campaigns/future-campaign/settings',
    '/admin/campaigns/future-campaign/sites',
    '/admin/campaigns/future-campaign/results',
  ];
  for (const lang of ['vi', 'en'] as const) {
    it(`sign-in page is axe clean (${lang})`, async () => {
      const app = await mount('/admin/', lang);
      expect(document.documentElement.lang).to.equal(lang);
      await expect(app).to.be.accessible();
    });
    for (const path of pages)
      it(`${path} is axe clean (${lang})`, async () => {
        const app = await signedIn('lan', path, lang);
        await waitUntil(() => !current(app).shadowRoot!.querySelector('[role=status]'), 'loaded', { timeout: 5000 });
        // A campaign page: wait for its section, loaded too.
        const inner = inPage(
          app,
          'lantoa-console-messages, lantoa-console-units, lantoa-console-settings, lantoa-console-sites, lantoa-console-results',
        );
        if (inner)
          await waitUntil(() => !inner.shadowRoot?.querySelector('[role=status]'), 'section loaded', { timeout: 5000 });
        await expect(app).to.be.accessible();
      });
  }
});

describe('console: campaign messages and units', () => {
  it('edits a banner message, previews it in both languages, publishes it, and the audit log has the change', async () => {
    const app = await signedIn('lan', '/admin/campaigns/future-campaign/messages');
    const editor = await waitFor(() => section(app, 'lantoa-console-messages'), 'the message editor');
    await waitFor(() => editor.shadowRoot!.querySelector('#add'), 'the add button');
    const before = editor.shadowRoot!.querySelectorAll('ol.messages > li').length;
    editor.shadowRoot!.querySelector<HTMLButtonElement>('#add')!.click();
    const i = before;
    const headline = await waitFor(
      () => editor.shadowRoot!.querySelector<HTMLInputElement>(`#f-messages-${i}-headline-vi`),
      'the new message',
    );
    expect(editor.shadowRoot!.activeElement).to.equal(headline);

    // Publishing with the English headline missing names the field and publishes nothing.
    type(headline, 'Ngày Chuyển đổi số <b>quốc gia</b>');
    editor.shadowRoot!.querySelector<HTMLButtonElement>('#publish')!.click();
    const summary = await waitFor(() => editor.shadowRoot!.querySelector('.error-summary'), 'the error summary');
    expect(summary.textContent).to.contain(`Thông điệp ${i + 1} – Tiêu đề (tiếng Anh): bắt buộc`);
    expect(editor.shadowRoot!.querySelector(`#f-messages-${i}-headline-en`)!.getAttribute('aria-invalid')).to.equal(
      'true',
    );

    type(
      editor.shadowRoot!.querySelector<HTMLInputElement>(`#f-messages-${i}-headline-en`)!,
      'National Digital Transformation Day',
    );
    type(
      editor.shadowRoot!.querySelector<HTMLInputElement>(`#f-messages-${i}-cta-href`)!,
      'https://example.gov.vn/cds',
    );
    type(editor.shadowRoot!.querySelector<HTMLInputElement>(`#f-messages-${i}-start`)!, '2026-10-01T08:00');
    // The live preview is the real banner, in each language, with the text as text (never HTML).
    const banners = editor.shadowRoot!.querySelectorAll('ol.messages > li')[i].querySelectorAll('lantoa-banner');
    expect([...banners].map((b) => b.getAttribute('lang'))).to.deep.equal(['vi', 'en']);
    await waitUntil(
      () => banners[0].shadowRoot?.textContent?.includes('Ngày Chuyển đổi số <b>quốc gia</b>'),
      'vi preview',
    );
    await waitUntil(
      () => banners[1].shadowRoot?.textContent?.includes('National Digital Transformation Day'),
      'en preview',
    );
    expect(banners[0].shadowRoot!.querySelector('b')).to.equal(null);

    editor.shadowRoot!.querySelector<HTMLButtonElement>('#publish')!.click();
    await waitFor(() => editor.shadowRoot!.querySelector('.status'), 'published');
    expect(editor.shadowRoot!.querySelector('.status')!.textContent).to.contain('Đã xuất bản');

    const feed = await (
      await fetch(
        `${await executeServerCommand('pledge-service', { action: 'api' })}/api/v1/campaigns/future-campaign/feed`,
      )
    ).json();
    const published = feed.messages[feed.messages.length - 1];
    expect(published.headline).to.deep.equal({
      vi: 'Ngày Chuyển đổi số <b>quốc gia</b>',
      en: 'National Digital Transformation Day',
    });
    expect(published.start).to.equal('2026-10-01T08:00:00+07:00');

    const audit = await (await fetch('/api/v1/admin/audit?limit=5')).json();
    const row = audit.entries.find(
      (e: { action: string; target: string }) => e.action === 'campaign.messages' && e.target === 'future-campaign',
    );
    expect(row, JSON.stringify(audit.entries)).to.exist;
    expect(row.user).to.equal('lan');
  });

  it('adds a unit with an id made from its Vietnamese name, and saves it', async () => {
    const app = await signedIn('lan', '/admin/campaigns/closed-campaign/units');
    const units = await waitFor(() => section(app, 'lantoa-console-units'), 'the units table');
    const rows = () => units.shadowRoot!.querySelectorAll('tbody tr').length;
    await waitUntil(() => rows() > 0);
    const before = rows();
    type(units.shadowRoot!.querySelector<HTMLInputElement>('#f-new-name')!, 'Đoàn khối Cơ quan – Doanh nghiệp tỉnh');
    type(units.shadowRoot!.querySelector<HTMLInputElement>('#f-new-group')!, 'Đoàn trực thuộc');
    type(units.shadowRoot!.querySelector<HTMLInputElement>('#f-new-goal')!, '120');
    units.shadowRoot!.querySelector<HTMLButtonElement>('#add-unit')!.click();
    await waitUntil(() => rows() === before + 1);
    expect(units.shadowRoot!.querySelector<HTMLInputElement>(`#f-units-${before}-id`)!.value).to.equal(
      'doan-khoi-co-quan-doanh-nghiep-tinh',
    );
    units.shadowRoot!.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await waitFor(() => units.shadowRoot!.querySelector('.status'), 'saved');
    // Saved: the id is read-only now, and the public config offers the unit.
    expect(units.shadowRoot!.querySelector(`#f-units-${before}-id`)).to.equal(null);
    const config = await (
      await fetch(`${await executeServerCommand('pledge-service', { action: 'api' })}/api/v1/campaigns/closed-campaign`)
    ).json();
    expect(config.units.map((u: { id: string }) => u.id)).to.include('doan-khoi-co-quan-doanh-nghiep-tinh');
  });

  it('lets a keyboard alone add, fill, reorder and remove a message', async () => {
    const app = await signedIn('lan', '/admin/campaigns/future-campaign/messages');
    const editor = await waitFor(() => section(app, 'lantoa-console-messages'), 'the message editor');
    const add = await waitFor(() => editor.shadowRoot!.querySelector<HTMLButtonElement>('#add'), 'the add button');
    const count = () => editor.shadowRoot!.querySelectorAll('ol.messages > li').length;
    const focused = () => editor.shadowRoot!.activeElement;
    const start = count();
    add.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => count() === start + 1);
    expect(focused()?.id).to.equal(`f-messages-${start}-headline-vi`);
    await sendKeys({ type: 'Bàn phím' });
    await sendKeys({ press: 'Tab' });
    expect(focused()?.id).to.equal(`f-messages-${start}-headline-en`);
    await sendKeys({ type: 'Keyboard' });
    // Tab on to the message's "Up" button, through every field of the message (a datetime-local input is a Tab stop
    // per part: day, month, year, hour, minute).
    for (let n = 0; n < 100 && focused()?.id !== `move-up-${start}`; n++) await sendKeys({ press: 'Tab' });
    expect(focused()?.id).to.equal(`move-up-${start}`);
    if (start > 0) {
      await sendKeys({ press: 'Enter' });
      await waitUntil(
        () =>
          editor.shadowRoot!.querySelector<HTMLInputElement>(`#f-messages-${start - 1}-headline-vi`)?.value ===
          'Bàn phím',
      );
      // Focus follows the message it moved.
      expect(focused()?.id).to.match(new RegExp(`^move-(up|down)-${start - 1}$`));
    }
    const at = start > 0 ? start - 1 : start;
    editor.shadowRoot!.querySelector<HTMLButtonElement>(`button[aria-label="Xóa thông điệp ${at + 1}"]`)!.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => count() === start);
    expect(focused()).to.exist;
    expect(focused()!.localName).to.be.oneOf(['input', 'button']);
  });
});

describe('console: campaign settings', () => {
  it('clears an optional text: emptied in both languages and saved, it is gone from the public config; audited as null', async () => {
    const api = await executeServerCommand('pledge-service', { action: 'api' });
    const config = async () => (await fetch(`${api}/api/v1/campaigns/future-campaign`, { cache: 'no-store' })).json();
    const app = await signedIn('lan', '/admin/campaigns/future-campaign/settings', 'en');
    const form = await waitFor(() => section(app, 'lantoa-console-settings'), 'the settings form');
    const field = (id: string) => form.shadowRoot!.querySelector<HTMLTextAreaElement>(`#${id}`)!;
    await waitFor(() => form.shadowRoot!.querySelector('#f-description-vi'), 'the description');
    const save = async () => {
      // Typing cleared the previous save's status line: let that render before waiting for the next one.
      await (form as LitLike).updateComplete;
      expect(form.shadowRoot!.querySelector('.status')).to.equal(null);
      form.shadowRoot!.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
      await waitFor(() => form.shadowRoot!.querySelector('.status'), 'saved');
    };

    type(field('f-description-vi'), 'Mô tả sẽ được xóa');
    type(field('f-description-en'), 'A description to clear');
    await save();
    expect((await config()).description).to.deep.equal({ vi: 'Mô tả sẽ được xóa', en: 'A description to clear' });

    type(field('f-description-vi'), '');
    type(field('f-description-en'), '  ');
    await save();
    expect(form.shadowRoot!.querySelector('.status')!.textContent).to.contain('Saved');
    expect(await config()).not.to.have.property('description');
    // The form shows the saved document: both fields empty.
    await waitUntil(() => field('f-description-en').value === '', 'the form follows the saved document');
    expect(field('f-description-vi').value).to.equal('');
    const audit = await (await fetch('/api/v1/admin/audit?limit=1')).json();
    expect(audit.entries[0].action).to.equal('campaign.settings');
    expect(audit.entries[0].before).to.deep.equal({
      description: { vi: 'Mô tả sẽ được xóa', en: 'A description to clear' },
    });
    expect(audit.entries[0].after).to.deep.equal({ description: null });
  });
});

describe('console: unsaved changes', () => {
  const dialog = (app: LantoaConsole) => app.shadowRoot!.querySelector('dialog')!;
  const settingsOf = async (app: LantoaConsole) => {
    const form = await waitFor(() => section(app, 'lantoa-console-settings'), 'the settings form');
    const title = await waitFor(() => form.shadowRoot!.querySelector<HTMLInputElement>('#f-title-en'), 'the title');
    return { form, title };
  };
  const link = (app: LantoaConsole, href: string) =>
    app.shadowRoot!.querySelector<HTMLAnchorElement>(`nav a[href="${href}"]`)!;
  /** What a tab's closing asks the page: true when the page wants the browser to ask first. */
  const unloadAsks = () => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  };

  it('asks before another console page, in the editor language; Escape stays with the edits, Leave (by keyboard) goes', async () => {
    const path = '/admin/campaigns/closed-campaign/settings';
    const app = await signedIn('lan', path);
    const { form, title } = await settingsOf(app);
    const saved = title.value;
    expect(unloadAsks()).to.equal(false);

    type(title, 'Chưa lưu');
    link(app, '/admin/audit').click();
    await waitUntil(() => dialog(app).open, 'the dialog');
    expect(dialog(app).textContent).to.contain('Rời trang khi chưa lưu?');
    expect(dialog(app).textContent).to.contain('Những thay đổi bạn chưa lưu hoặc chưa xuất bản trên trang này sẽ mất.');
    // The safe answer has the focus; the dialog is named by its heading for screen readers.
    expect(app.shadowRoot!.activeElement!.textContent!.trim()).to.equal('Ở lại trang này');
    expect(dialog(app).getAttribute('aria-labelledby')).to.equal('leave-title');
    expect(unloadAsks()).to.equal(true);
    await expect(app).to.be.accessible();

    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !dialog(app).open, 'the dialog closed');
    expect(location.pathname).to.equal(path);
    expect(current(app).localName).to.equal('lantoa-console-campaign');
    expect(form.shadowRoot!.querySelector<HTMLInputElement>('#f-title-en')!.value).to.equal('Chưa lưu');

    link(app, '/admin/audit').click();
    await waitUntil(() => dialog(app).open, 'the dialog again');
    await sendKeys({ press: 'Tab' });
    expect(app.shadowRoot!.activeElement!.textContent!.trim()).to.equal('Rời trang, bỏ thay đổi');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => (current(app).localName === 'lantoa-console-audit' ? true : null), 'the audit page');
    expect(location.pathname).to.equal('/admin/audit');
    expect(unloadAsks()).to.equal(false);
    // Nothing was saved.
    const doc = await (await fetch('/api/v1/admin/campaigns/closed-campaign')).json();
    expect(doc.title.en).to.equal(saved);
  });

  it('asks nothing when nothing changed, nor once the changes are saved', async () => {
    const app = await signedIn('lan', '/admin/campaigns/closed-campaign/settings', 'en');
    const { title } = await settingsOf(app);
    // Typed and typed back: the same as saved.
    const saved = title.value;
    type(title, `${saved} x`);
    type(title, saved);
    expect(unloadAsks()).to.equal(false);
    link(app, '/admin/audit').click();
    await waitFor(() => (current(app).localName === 'lantoa-console-audit' ? true : null), 'the audit page');
    expect(dialog(app).open).to.equal(false);

    history.back();
    const again = await settingsOf(app);
    type(again.title, `${saved} (2026)`);
    expect(unloadAsks()).to.equal(true);
    again.form.shadowRoot!.querySelector<HTMLButtonElement>('form button[type=submit]')!.click();
    await waitFor(() => again.form.shadowRoot!.querySelector('.status'), 'saved');
    expect(unloadAsks()).to.equal(false);
    link(app, '/admin/').click();
    await waitFor(() => (current(app).localName === 'lantoa-console-campaigns' ? true : null), 'the campaigns');
    expect(dialog(app).open).to.equal(false);
  });

  it("asks before the browser's Back: Stay keeps the page and its address, Leave goes back (English)", async () => {
    const app = await signedIn('lan', '/admin/', 'en');
    const list = 'a[href="/admin/campaigns/closed-campaign/messages"]';
    (await waitFor(() => inPage<HTMLAnchorElement>(app, list), 'the campaign in the list')).click();
    const sections = 'nav.sections a[href$="/units"]';
    (await waitFor(() => inPage<HTMLAnchorElement>(app, sections), 'the sections')).click();
    const editor = await waitFor(() => section(app, 'lantoa-console-units'), 'the units');
    const name = await waitFor(() => editor.shadowRoot!.querySelector<HTMLInputElement>('#f-new-name'), 'new unit');
    // A name typed for a new unit, not added yet, counts as an edit.
    type(name, 'Xã chưa thêm');
    const here = location.pathname;

    history.back();
    await waitUntil(() => dialog(app).open, 'the dialog');
    expect(dialog(app).textContent).to.contain('Leave without saving?');
    await waitUntil(() => location.pathname === here, 'the address put back');
    [...dialog(app).querySelectorAll('button')].find((b) => b.textContent!.trim() === 'Stay on this page')!.click();
    await waitUntil(() => !dialog(app).open, 'closed');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(location.pathname).to.equal(here);
    expect(editor.shadowRoot!.querySelector<HTMLInputElement>('#f-new-name')!.value).to.equal('Xã chưa thêm');

    history.back();
    await waitUntil(() => dialog(app).open, 'the dialog again');
    await waitUntil(() => location.pathname === here, 'the address put back again');
    [...dialog(app).querySelectorAll('button')]
      .find((b) => b.textContent!.trim() === 'Leave and discard changes')!
      .click();
    await waitUntil(() => location.pathname === '/admin/campaigns/closed-campaign/messages', 'gone back');
    await waitFor(() => section(app, 'lantoa-console-messages'), 'the messages section');
    expect(dialog(app).open).to.equal(false);
  });
});

describe('console: data that does not load', () => {
  it('says so with a retry button that loads it again (the audit log while the service is down)', async function () {
    this.timeout(40_000); // the service restarts
    const app = await signedIn('lan', '/admin/');
    await executeServerCommand('pledge-service', { action: 'stop' });
    try {
      app.shadowRoot!.querySelector<HTMLAnchorElement>('nav a[href="/admin/audit"]')!.click();
      const alert = await waitFor(() => inPage(app, '.error-summary'), 'the refusal');
      expect(inPage(app, '[role=status]')).to.equal(null, 'not "loading" any more');
      expect(alert.querySelector('p')!.textContent!.length).to.be.greaterThan(10);
      expect(alert.querySelector('button')!.textContent).to.equal('Thử lại');
    } finally {
      await executeServerCommand('pledge-service', { action: 'start' });
    }
    inPage(app, '.error-summary button')!.click();
    await waitFor(() => current(app).shadowRoot!.querySelector('ol.entries > li'), 'the entries');
    expect(inPage(app, '.error-summary')).to.equal(null);
  });

  it('an unknown campaign: its page says so, with a retry button', async () => {
    const app = await signedIn('lan', '/admin/campaigns/khong-co/messages', 'en');
    const alert = await waitFor(() => inPage(app, '.error-summary'), 'the refusal');
    expect(alert.querySelector('p')!.textContent).to.equal('There is no such campaign.');
    expect(alert.querySelector('button')!.textContent).to.equal('Try again');
    await expect(app).to.be.accessible();
  });
});
