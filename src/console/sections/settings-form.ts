import { html, type PropertyValues } from 'lit';
import {
  campaignSettingsRequestSchema,
  type CampaignDoc,
  type CampaignSettingsRequest,
  type EmbedPolicy,
} from '../../contract/admin.js';
import { state } from '../../core/decorators.js';
import { defineElement } from '../../core/define.js';
import { api } from '../api.js';
import { CampaignSection } from '../campaign-section.js';
import type { ConsoleStrings } from '../console.strings.js';
import { differs, problemsOf } from '../form.js';

interface SettingsDraft {
  titleVi: string;
  titleEn: string;
  descriptionVi: string;
  descriptionEn: string;
  noteVi: string;
  noteEn: string;
  goal: string;
  goalsAreIllustrative: boolean;
  startDate: string;
  endDate: string;
  embed: EmbedPolicy;
  allowedOrigins: string;
}
type TextKey = Exclude<keyof SettingsDraft, 'goalsAreIllustrative' | 'embed'>;

/** Each text field: its draft key, its path in the request, its label, the language typed there. */
const TEXTS: { key: TextKey; path: string; label: (s: ConsoleStrings['settings']) => string; lang?: string }[] = [
  { key: 'titleVi', path: 'title.vi', label: (s) => s.titleVi, lang: 'vi' },
  { key: 'titleEn', path: 'title.en', label: (s) => s.titleEn, lang: 'en' },
  { key: 'descriptionVi', path: 'description.vi', label: (s) => s.descriptionVi, lang: 'vi' },
  { key: 'descriptionEn', path: 'description.en', label: (s) => s.descriptionEn, lang: 'en' },
  { key: 'noteVi', path: 'note.vi', label: (s) => s.noteVi, lang: 'vi' },
  { key: 'noteEn', path: 'note.en', label: (s) => s.noteEn, lang: 'en' },
];

const toDraft = (d: CampaignDoc): SettingsDraft => ({
  titleVi: d.title.vi,
  titleEn: d.title.en,
  descriptionVi: d.description?.vi ?? '',
  descriptionEn: d.description?.en ?? '',
  noteVi: d.note?.vi ?? '',
  noteEn: d.note?.en ?? '',
  goal: String(d.goal),
  goalsAreIllustrative: d.goalsAreIllustrative,
  startDate: d.startDate,
  endDate: d.endDate,
  embed: d.embed,
  allowedOrigins: d.allowedOrigins.join('\n'),
});

/** The campaign's own settings: titles, description, note, goal, illustrative flag, dates, embedding policy. */
export class LantoaConsoleSettings extends CampaignSection {
  @state() private draft!: SettingsDraft;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('doc') && this.doc) this.draft = toDraft(this.doc);
  }

  override hasUnsavedChanges(): boolean {
    return Boolean(this.doc && this.draft) && differs(this.draft, toDraft(this.doc));
  }

  protected override fieldLabel(path: string): string {
    const s = this.s.settings;
    const text = TEXTS.find((t) => t.path === path);
    if (text) return text.label(s);
    if (path.startsWith('allowedOrigins')) return s.origins;
    const labels: Record<string, string> = { goal: s.goal, startDate: s.startDate, endDate: s.endDate, embed: s.embed };
    return labels[path] ?? path;
  }

  private set(change: Partial<SettingsDraft>) {
    this.draft = { ...this.draft, ...change };
    this.status = '';
  }

  private request(): CampaignSettingsRequest {
    const d = this.draft;
    // Both languages emptied: null removes the text (left out, it would stay as it is).
    const pair = (vi: string, en: string) => (vi.trim() || en.trim() ? { vi: vi.trim(), en: en.trim() } : null);
    return {
      version: this.doc.version,
      title: { vi: d.titleVi.trim(), en: d.titleEn.trim() },
      description: pair(d.descriptionVi, d.descriptionEn),
      note: pair(d.noteVi, d.noteEn),
      goal: d.goal.trim() === '' ? Number.NaN : Number(d.goal),
      goalsAreIllustrative: d.goalsAreIllustrative,
      startDate: d.startDate,
      endDate: d.endDate,
      embed: d.embed,
      allowedOrigins: d.allowedOrigins
        .split(/\s+/)
        .map((line) => line.trim().replace(/\/+$/, ''))
        .filter(Boolean),
    };
  }

  private async submit(event: Event) {
    event.preventDefault();
    const request = this.request();
    const problems = problemsOf(campaignSettingsRequestSchema, request, this.s, (p) => this.fieldLabel(p)).map((p) =>
      // Every origin is typed in the one textarea: point the error there.
      p.path.startsWith('allowedOrigins.') ? { ...p, path: 'allowedOrigins' } : p,
    );
    if (request.startDate && request.endDate && request.endDate < request.startDate)
      problems.push({ path: 'endDate', text: `${this.s.settings.endDate}: ${this.s.invalid}` });
    if (problems.length > 0) return this.showErrors(problems);
    await this.save(() => api.saveSettings(this.doc.id, request), this.s.saved);
  }

  override render() {
    const s = this.s.settings;
    const d = this.draft;
    if (!d) return html``;
    const text = (key: TextKey, path: string, label: string, extra: { lang?: string; type?: string } = {}) =>
      this.field({
        path,
        label,
        value: d[key],
        ...extra,
        multiline: key.startsWith('description') || key.startsWith('note') || key === 'allowedOrigins',
        onInput: (value) => this.set({ [key]: value }),
      });
    return html`
      <h2>${this.s.campaign.settings}</h2>
      ${this.renderFeedback()}
      <form @submit=${this.submit} novalidate>
        <fieldset>
          <legend>${s.texts}</legend>
          <div class="grid">${TEXTS.map((t) => text(t.key, t.path, t.label(s), { lang: t.lang }))}</div>
        </fieldset>
        <fieldset>
          <legend>${s.figures}</legend>
          ${text('goal', 'goal', s.goal, { type: 'number' })}
          <label class="check">
            <input
              type="checkbox"
              .checked=${d.goalsAreIllustrative}
              @change=${(e: Event) => this.set({ goalsAreIllustrative: (e.target as HTMLInputElement).checked })}
            />
            ${s.illustrative}
          </label>
          <div class="grid">
            ${text('startDate', 'startDate', s.startDate, { type: 'date' })}
            ${text('endDate', 'endDate', s.endDate, { type: 'date' })}
          </div>
        </fieldset>
        <fieldset>
          <legend>${s.embedding}</legend>
          <div role="radiogroup" aria-label=${s.embed}>
            ${(['open', 'listed'] as const).map(
              (policy) =>
                html`<label class="check">
                  <input
                    type="radio"
                    name="embed"
                    value=${policy}
                    .checked=${d.embed === policy}
                    @change=${() => this.set({ embed: policy })}
                  />
                  ${policy === 'open' ? s.embedOpen : s.embedListed}
                </label>`,
            )}
          </div>
          ${text('allowedOrigins', 'allowedOrigins', s.origins)}
        </fieldset>
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${this.s.save}</button></div>
      </form>
    `;
  }
}

defineElement('lantoa-console-settings', LantoaConsoleSettings);

declare global {
  interface HTMLElementTagNameMap {
    'lantoa-console-settings': LantoaConsoleSettings;
  }
}
