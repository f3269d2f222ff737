import { css, html, nothing, type PropertyValues } from 'lit';
import { unitsRequestSchema } from '../../contract/admin.js';
import type { Unit } from '../../contract/pledge.js';
import { state } from '../../core/decorators.js';
import { defineElement } from '../../core/define.js';
import { api } from '../api.js';
import { CampaignSection, fieldId } from '../campaign-section.js';
import { differs, problemsOf, slugify, uniqueId, type FieldError } from '../form.js';

interface UnitDraft {
  id: string;
  name: string;
  group: string;
  goal: string;
  retired: boolean;
  /** Not saved yet: its id may still change (and it may be dropped). */
  isNew: boolean;
}

const toUnit = (u: UnitDraft): Unit => ({
  id: u.id.trim(),
  name: u.name.trim(),
  goal: u.goal.trim() === '' ? Number.NaN : Number(u.goal),
  ...(u.group.trim() ? { group: u.group.trim() } : {}),
  ...(u.retired ? { retired: true } : {}),
});

const toDraft = (u: Unit): UnitDraft => ({
  id: u.id,
  name: u.name,
  group: u.group ?? '',
  goal: String(u.goal),
  retired: u.retired === true,
  isNew: false,
});

type UnitField = 'id' | 'name' | 'group' | 'goal';

/**
 * The campaign's units as a table: name, id (read-only once saved; a new unit's comes from its name), group,
 * goal, retire/restore. Saved all at once with the campaign's version.
 */
export class LantoaConsoleUnits extends CampaignSection {
  static override styles = [
    ...CampaignSection.styles,
    css`
      tr.retired {
        background: var(--_surface-alt);
      }
      td .status-cell {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.5rem;
      }
    `,
  ];
  @state() private units: UnitDraft[] = [];
  @state() private newName = '';
  @state() private newGroup = '';
  @state() private newGoal = '0';
  @state() private addErrors: FieldError[] = [];

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('doc') && this.doc) this.units = this.doc.units.map(toDraft);
  }

  /** Edited units, or a name typed for a new unit that was not added yet. */
  override hasUnsavedChanges(): boolean {
    return Boolean(this.doc) && (differs(this.units, this.doc.units.map(toDraft)) || this.newName.trim() !== '');
  }

  protected override fieldLabel(path: string): string {
    const s = this.s.units;
    const match = /^units\.(\d+)\.(\w+)$/.exec(path);
    if (!match) return s.table;
    const unit = this.units[Number(match[1])];
    const column = { id: s.id, name: s.name, group: s.group, goal: s.goal }[match[2]] ?? match[2];
    return `${unit?.name || `#${Number(match[1]) + 1}`} – ${column}`;
  }

  private edit(index: number, change: Partial<UnitDraft>) {
    this.units = this.units.map((u, i) => (i === index ? { ...u, ...change } : u));
    this.status = '';
  }

  private async addUnit(event: Event) {
    event.preventDefault();
    const s = this.s.units;
    const name = this.newName.trim();
    const goal = this.newGoal.trim() === '' ? Number.NaN : Number(this.newGoal);
    const errors: FieldError[] = [];
    if (!name) errors.push({ path: 'new.name', text: `${s.newName}: ${this.s.required}` });
    if (!Number.isInteger(goal) || goal < 0) errors.push({ path: 'new.goal', text: `${s.newGoal}: ${this.s.invalid}` });
    this.addErrors = errors;
    if (errors.length > 0) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(`#${fieldId(errors[0].path)}`)?.focus();
      return;
    }
    const id = uniqueId(slugify(name), new Set(this.units.map((u) => u.id)));
    this.units = [
      ...this.units,
      { id, name, group: this.newGroup.trim(), goal: String(goal), retired: false, isNew: true },
    ];
    this.newName = '';
    this.newGoal = '0';
    this.status = '';
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#${fieldId(`units.${this.units.length - 1}.name`)}`)?.focus();
  }

  private async submit(event: Event) {
    event.preventDefault();
    const units = this.units.map(toUnit);
    const problems = problemsOf(unitsRequestSchema, { version: this.doc.version, units }, this.s, (p) =>
      this.fieldLabel(p),
    );
    const seen = new Set<string>();
    units.forEach((u, i) => {
      if (seen.has(u.id))
        problems.push({
          path: `units.${i}.id`,
          text: `${this.fieldLabel(`units.${i}.id`)}: ${this.s.units.duplicate}`,
        });
      seen.add(u.id);
    });
    if (problems.length > 0) return this.showErrors(problems);
    await this.save(() => api.saveUnits(this.doc.id, this.doc.version, units), this.s.units.savedUnits);
  }

  /** A cell's input, labelled for screen readers by unit and column (the table's headers are visual). */
  private cell(u: UnitDraft, i: number, key: UnitField) {
    const path = `units.${i}.${key}`;
    const id = fieldId(path);
    const error = this.errors.find((e) => e.path === path);
    return html`<input
        id=${id}
        type=${key === 'goal' ? 'number' : 'text'}
        min=${key === 'goal' ? '0' : nothing}
        inputmode=${key === 'goal' ? 'numeric' : nothing}
        aria-label=${this.fieldLabel(path)}
        aria-invalid=${error ? 'true' : nothing}
        aria-describedby=${error ? `${id}-error` : nothing}
        .value=${u[key]}
        @input=${(e: Event) => this.edit(i, { [key]: (e.target as HTMLInputElement).value })}
      />${error ? html`<span class="field-error" id="${id}-error">${error.text}</span>` : nothing}`;
  }

  override render() {
    const s = this.s.units;
    const addError = (path: string) => this.addErrors.find((e) => e.path === path);
    return html`
      <h2>${this.s.campaign.units}</h2>
      <p>${s.intro}</p>
      ${this.renderFeedback()}
      <form @submit=${this.submit} novalidate>
        <div class="table-wrap" role="region" tabindex="0" aria-label=${s.table}>
          <table class="units stack">
            <caption>
              ${s.table}
              <span class="muted">(${s.count(this.units.length)})</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">${s.name}</th>
                <th scope="col">${s.id}</th>
                <th scope="col">${s.group}</th>
                <th scope="col">${s.goal}</th>
                <th scope="col">${s.status}</th>
              </tr>
            </thead>
            <tbody>
              ${this.units.map(
                (u, i) => html`<tr class=${u.retired ? 'retired' : ''}>
                  <td data-label=${s.name}>${this.cell(u, i, 'name')}</td>
                  <td data-label=${s.id}>${u.isNew ? this.cell(u, i, 'id') : html`<code>${u.id}</code>`}</td>
                  <td data-label=${s.group}>${this.cell(u, i, 'group')}</td>
                  <td data-label=${s.goal}>${this.cell(u, i, 'goal')}</td>
                  <td data-label=${s.status}><div class="status-cell">
                    ${
                      u.isNew
                        ? html`<button
                          type="button"
                          class="danger"
                          aria-label=${s.removeNew(u.name || u.id)}
                          @click=${() => (this.units = this.units.filter((_, j) => j !== i))}
                        >
                          ${s.removeShort}
                        </button>`
                        : html`<span>${u.retired ? s.retiredState : s.active}</span>
                          <button
                            type="button"
                            class="secondary"
                            aria-label=${u.retired ? s.restore(u.name) : s.retire(u.name)}
                            @click=${() => this.edit(i, { retired: !u.retired })}
                          >
                            ${u.retired ? s.restoreShort : s.retireShort}
                          </button>`
                    }
                  </div></td>
                </tr>`,
              )}
            </tbody>
          </table>
        </div>
        <div class="actions"><button type="submit" ?disabled=${this.busy}>${s.saveAll}</button></div>
      </form>
      <form @submit=${this.addUnit} novalidate class="add-unit">
        <fieldset>
          <legend>${s.add}</legend>
          <div class="grid">
            ${[
              { path: 'new.name', label: s.newName, value: this.newName, set: (v: string) => (this.newName = v) },
              { path: 'new.group', label: s.newGroup, value: this.newGroup, set: (v: string) => (this.newGroup = v) },
              { path: 'new.goal', label: s.newGoal, value: this.newGoal, set: (v: string) => (this.newGoal = v) },
            ].map((f) => {
              const id = fieldId(f.path);
              const error = addError(f.path);
              return html`<div>
                <label for=${id}>${f.label}</label>
                ${error ? html`<span class="field-error" id="${id}-error">${error.text}</span>` : nothing}
                <input
                  id=${id}
                  type=${f.path === 'new.goal' ? 'number' : 'text'}
                  min=${f.path === 'new.goal' ? '0' : nothing}
                  .value=${f.value}
                  aria-invalid=${error ? 'true' : nothing}
                  aria-describedby=${error ? `${id}-error` : nothing}
                  @input=${(e: Event) => f.set((e.target as HTMLInputElement).value)}
                />
              </div>`;
            })}
          </div>
          ${
            this.newName.trim()
              ? html`<p class="muted">${s.id}: <code>${uniqueId(slugify(this.newName), new Set(this.units.map((u) => u.id)))}</code></p>`
              : nothing
          }
          <div class="actions"><button type="submit" class="secondary" id="add-unit">${s.addButton}</button></div>
        </fieldset>
      </form>
    `;
  }
}

defineElement('lantoa-console-units', LantoaConsoleUnits);

declare global {
  interface HTMLElementTagNameMap {
    'lantoa-console-units': LantoaConsoleUnits;
  }
}
