import { css, html, nothing, type PropertyValues } from 'lit';
import { messagesRequestSchema, type FeedMessageDoc } from '../../contract/admin.js';
import { state } from '../../core/decorators.js';
import { defineElement } from '../../core/define.js';
import '../../widgets/banner/banner.js';
import { api } from '../api.js';
import { CampaignSection } from '../campaign-section.js';
import type { ConsoleStrings } from '../console.strings.js';
import { differs, fromVietnamInput, problemsOf, toVietnamInput } from '../form.js';

/** A message as the form holds it: every field a string, times as datetime-local values in Vietnam time. */
interface Draft {
  id: string;
  headlineVi: string;
  headlineEn: string;
  messageVi: string;
  messageEn: string;
  href: string;
  ctaVi: string;
  ctaEn: string;
  countdownTo: string;
  countdownVi: string;
  countdownEn: string;
  start: string;
  end: string;
}
type TextKey = Exclude<keyof Draft, 'id'>;

const toDraft = (m: FeedMessageDoc): Draft => ({
  id: m.id,
  headlineVi: m.headline.vi,
  headlineEn: m.headline.en,
  messageVi: m.message?.vi ?? '',
  messageEn: m.message?.en ?? '',
  href: m.cta?.href ?? '',
  ctaVi: m.cta?.label?.vi ?? '',
  ctaEn: m.cta?.label?.en ?? '',
  countdownTo: toVietnamInput(m.countdownTo),
  countdownVi: m.countdownLabel?.vi ?? '',
  countdownEn: m.countdownLabel?.en ?? '',
  start: toVietnamInput(m.start),
  end: toVietnamInput(m.end),
});

/** Optional parts are left out when all their fields are empty; half-filled ones go to validation as they are. */
function toDoc(d: Draft): FeedMessageDoc {
  const pair = (vi: string, en: string) => (vi.trim() || en.trim() ? { vi: vi.trim(), en: en.trim() } : undefined);
  const message: FeedMessageDoc = { id: d.id, headline: { vi: d.headlineVi.trim(), en: d.headlineEn.trim() } };
  const text = pair(d.messageVi, d.messageEn);
  if (text) message.message = text;
  const label = pair(d.ctaVi, d.ctaEn);
  if (d.href.trim() || label) message.cta = { href: d.href.trim(), ...(label ? { label } : {}) };
  const countdownTo = fromVietnamInput(d.countdownTo);
  if (countdownTo) message.countdownTo = countdownTo;
  const countdownLabel = pair(d.countdownVi, d.countdownEn);
  if (countdownLabel) message.countdownLabel = countdownLabel;
  const start = fromVietnamInput(d.start);
  if (start) message.start = start;
  const end = fromVietnamInput(d.end);
  if (end) message.end = end;
  return message;
}

/** Where each field of a message sits in the request (messages.N.<path>), and its label. */
const FIELDS: { key: TextKey; path: string; label: (s: ConsoleStrings['messages']) => string; lang?: string }[] = [
  { key: 'headlineVi', path: 'headline.vi', label: (s) => s.headlineVi, lang: 'vi' },
  { key: 'headlineEn', path: 'headline.en', label: (s) => s.headlineEn, lang: 'en' },
  { key: 'messageVi', path: 'message.vi', label: (s) => s.messageVi, lang: 'vi' },
  { key: 'messageEn', path: 'message.en', label: (s) => s.messageEn, lang: 'en' },
  { key: 'href', path: 'cta.href', label: (s) => s.href },
  { key: 'ctaVi', path: 'cta.label.vi', label: (s) => s.ctaVi, lang: 'vi' },
  { key: 'ctaEn', path: 'cta.label.en', label: (s) => s.ctaEn, lang: 'en' },
  { key: 'countdownTo', path: 'countdownTo', label: (s) => s.countdownTo },
  { key: 'countdownVi', path: 'countdownLabel.vi', label: (s) => s.countdownVi, lang: 'vi' },
  { key: 'countdownEn', path: 'countdownLabel.en', label: (s) => s.countdownEn, lang: 'en' },
  { key: 'start', path: 'start', label: (s) => s.start },
  { key: 'end', path: 'end', label: (s) => s.end },
];
const TIME_FIELDS: readonly TextKey[] = ['countdownTo', 'start', 'end'];
const MAX_MESSAGES = 20;

/**
 * The banner's messages: edit in order (vi/en headline, message, link, countdown, schedule in Vietnam time),
 * add, remove, reorder with buttons, each previewed live by the real <lantoa-banner> in both languages; Publish
 * sends them all with the campaign's version.
 */
export class LantoaConsoleMessages extends CampaignSection {
  static override styles = [
    ...CampaignSection.styles,
    css`
      /* Each message's legend carries its number: no list markers taking a phone's width. */
      ol.messages {
        margin: 0;
        padding: 0;
        list-style: none;
      }
      .preview {
        margin-bottom: 0.75rem;
      }
    `,
  ];
  @state() private drafts: Draft[] = [];

  protected override willUpdate(changed: PropertyValues<this>): void {
    // A new document (loaded, published, reloaded after a conflict) replaces the draft.
    if (changed.has('doc') && this.doc) this.drafts = this.doc.messages.map(toDraft);
  }

  override hasUnsavedChanges(): boolean {
    return Boolean(this.doc) && differs(this.drafts, this.doc.messages.map(toDraft));
  }

  protected override fieldLabel(path: string): string {
    const match = /^messages\.(\d+)\.?(.*)$/.exec(path);
    if (!match) return this.s.campaign.messages;
    const item = this.s.messages.item(Number(match[1]) + 1);
    const field = FIELDS.find((f) => f.path === match[2]);
    return field ? `${item} – ${field.label(this.s.messages)}` : item;
  }

  private edit(index: number, key: TextKey, value: string) {
    this.drafts = this.drafts.map((d, i) => (i === index ? { ...d, [key]: value } : d));
    this.status = '';
  }

  private async move(index: number, by: -1 | 1) {
    const to = index + by;
    const drafts = [...this.drafts];
    [drafts[index], drafts[to]] = [drafts[to], drafts[index]];
    this.drafts = drafts;
    // Keep the keyboard where it was: on the same button of the message that moved (or the other one at an end).
    await this.updateComplete;
    const same = by < 0 ? 'up' : 'down';
    const other = by < 0 ? 'down' : 'up';
    const button =
      this.renderRoot.querySelector<HTMLButtonElement>(`#move-${same}-${to}:not(:disabled)`) ??
      this.renderRoot.querySelector<HTMLButtonElement>(`#move-${other}-${to}`);
    button?.focus();
  }

  private async removeMessage(index: number) {
    this.drafts = this.drafts.filter((_, i) => i !== index);
    await this.updateComplete;
    const next = Math.min(index, this.drafts.length - 1);
    this.renderRoot.querySelector<HTMLElement>(next >= 0 ? `#f-messages-${next}-headline-vi` : '#add')?.focus();
  }

  private async add() {
    const taken = new Set(this.drafts.map((d) => d.id));
    let id = `m-${Date.now().toString(36)}`;
    while (taken.has(id)) id = `${id}-x`;
    const empty = Object.fromEntries(FIELDS.map((f) => [f.key, ''])) as Record<TextKey, string>;
    this.drafts = [...this.drafts, { id, ...empty }];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#f-messages-${this.drafts.length - 1}-headline-vi`)?.focus();
  }

  private async publish(event: Event) {
    event.preventDefault();
    const messages = this.drafts.map(toDoc);
    const problems = problemsOf(messagesRequestSchema, { version: this.doc.version, messages }, this.s, (p) =>
      this.fieldLabel(p),
    );
    messages.forEach((m, i) => {
      if (m.start && m.end && Date.parse(m.end) <= Date.parse(m.start))
        problems.push({
          path: `messages.${i}.end`,
          text: `${this.fieldLabel(`messages.${i}.end`)}: ${this.s.invalid}`,
        });
    });
    if (problems.length > 0) return this.showErrors(problems);
    await this.save(() => api.saveMessages(this.doc.id, this.doc.version, messages), this.s.messages.published);
  }

  /** The message as the banner would show it now: the schedule left out, so a future message previews too. */
  private preview(d: Draft, lang: 'vi' | 'en') {
    const shown = toDoc(d);
    delete shown.start;
    delete shown.end;
    if (!shown.headline.vi) shown.headline = { vi: '…', en: shown.headline.en || '…' };
    if (!shown.headline.en) shown.headline = { ...shown.headline, en: shown.headline.vi };
    return html`<div class="preview" lang=${lang}>
      <p class="label">${lang === 'vi' ? this.s.messages.previewVi : this.s.messages.previewEn}</p>
      <lantoa-banner lang=${lang} banner-id="preview" .messages=${{ messages: [shown] }}></lantoa-banner>
    </div>`;
  }

  private renderMessage(d: Draft, i: number) {
    const s = this.s.messages;
    const n = i + 1;
    const fieldsOf = (keys: TextKey[]) =>
      FIELDS.filter((f) => keys.includes(f.key)).map((f) =>
        this.field({
          path: `messages.${i}.${f.path}`,
          label: f.label(s),
          value: d[f.key],
          lang: f.lang,
          type: TIME_FIELDS.includes(f.key) ? 'datetime-local' : f.key === 'href' ? 'url' : 'text',
          multiline: f.key === 'messageVi' || f.key === 'messageEn',
          onInput: (value) => this.edit(i, f.key, value),
        }),
      );
    return html`<li>
      <fieldset>
        <legend>${s.item(n)} <span class="muted">(${d.id})</span></legend>
        <div class="grid">${fieldsOf(['headlineVi', 'headlineEn'])}</div>
        <div class="grid">${fieldsOf(['messageVi', 'messageEn'])}</div>
        <div class="grid">${fieldsOf(['href', 'ctaVi', 'ctaEn'])}</div>
        <div class="grid">${fieldsOf(['countdownTo', 'countdownVi', 'countdownEn'])}</div>
        <div class="grid">${fieldsOf(['start', 'end'])}</div>
        <h3>${s.preview}</h3>
        ${this.preview(d, 'vi')} ${this.preview(d, 'en')}
        <div class="actions">
          <button
            type="button"
            class="secondary"
            id="move-up-${i}"
            aria-label=${s.moveUp(n)}
            ?disabled=${i === 0}
            @click=${() => this.move(i, -1)}
          >
            ↑ ${s.up}
          </button>
          <button
            type="button"
            class="secondary"
            id="move-down-${i}"
            aria-label=${s.moveDown(n)}
            ?disabled=${i === this.drafts.length - 1}
            @click=${() => this.move(i, 1)}
          >
            ↓ ${s.down}
          </button>
          <button type="button" class="danger" aria-label=${s.remove(n)} @click=${() => this.removeMessage(i)}>
            ${s.delete}
          </button>
        </div>
      </fieldset>
    </li>`;
  }

  override render() {
    const s = this.s.messages;
    return html`
      <h2>${this.s.campaign.messages}</h2>
      <p>${s.intro}</p>
      ${this.renderFeedback()}
      <form @submit=${this.publish} novalidate>
        ${
          this.drafts.length === 0
            ? html`<p>${s.none}</p>`
            : html`<ol class="messages">
              ${this.drafts.map((d, i) => this.renderMessage(d, i))}
            </ol>`
        }
        <div class="actions">
          <button
            type="button"
            class="secondary"
            id="add"
            ?disabled=${this.drafts.length >= MAX_MESSAGES}
            @click=${this.add}
          >
            + ${s.add}
          </button>
          <button type="submit" id="publish" ?disabled=${this.busy}>${s.publish}</button>
          ${this.hasUnsavedChanges() ? html`<span class="muted">${s.unsaved}</span>` : nothing}
        </div>
      </form>
    `;
  }
}

defineElement('lantoa-console-messages', LantoaConsoleMessages);

declare global {
  interface HTMLElementTagNameMap {
    'lantoa-console-messages': LantoaConsoleMessages;
  }
}
