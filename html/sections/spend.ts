/**
 * Spend: the spend sheet, the report currency and exchange rates, channel aliases (spend name → leads
 * name) with the unmatched names offered as suggestions (computed by the engine on the server:
 * sidebarSpendChannels), and the margin that makes ROMI margin-based.
 */
import { call } from '../api';
import { append, h, on, select } from '../dom';
import { field } from '../fields';
import { aliasPath, numberOrText, ratePath, settingsToSave, spendOf, type AliasRow, type App, type Section } from '../model';

/** Asks the server for the unmatched channels under the sidebar's current settings, then re-renders. */
export function loadSpendChannels(app: App): Promise<void> {
  return call('sidebarSpendChannels', app.draft.leadsSheet, settingsToSave(app.draft)).then((c) => {
    // Nothing new: no re-render (it would rebuild every section under the person's hands for nothing).
    if (JSON.stringify(c) === JSON.stringify(app.spendChannels)) return;
    app.spendChannels = c;
    app.rerender();
  });
}

function textValue(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
}

function addAlias(app: App, row: AliasRow): void {
  app.draft.aliases.push(row);
  app.rerender(`alias:${app.draft.aliases.length - 1}:${row.from === '' ? 'from' : 'to'}`);
}

function suggestions(app: App): HTMLElement {
  const { t } = app;
  const box = h('div', { class: 'suggestions', 'data-suggestions': '' });
  const c = app.spendChannels;
  const check = h('button', { type: 'button', 'data-focus': 'checkChannels' }, t.checkChannels);
  on(check, 'click', () => {
    check.disabled = true;
    void loadSpendChannels(app).catch(() => (check.disabled = false));
  });
  if (c === null) {
    box.appendChild(check);
    return box;
  }
  if (c.sheet === null) {
    append(box, h('p', { class: 'gray' }, t.noSpendSheet), check);
    return box;
  }
  const typed = new Set(app.draft.aliases.map((a) => a.from.trim()));
  const items = h('ul', { class: 'unmatched' });
  c.unmatchedSpend.forEach((u, i) => {
    const li = h('li', { 'data-unmatched-spend': u.channel }, t.spendNoLeads(u.channel), u.suggestion ? ` ${t.suggested(u.suggestion)}` : '');
    if (!typed.has(u.channel)) {
      const use = h('button', { type: 'button', class: 'link-button', 'data-focus': `suggest:spend:${i}` }, t.useAlias);
      on(use, 'click', () => addAlias(app, { from: u.channel, to: u.suggestion }));
      append(li, ' ', use);
    }
    items.appendChild(li);
  });
  c.leadsWithoutSpend.forEach((u, i) => {
    const li = h('li', { class: u.organic ? 'gray' : null, 'data-leads-without-spend': u.channel }, t.leadsNoSpend(u.channel), u.organic ? ` ${t.organic}` : '', u.suggestion ? ` ${t.suggested(u.suggestion)}` : '');
    if (!u.organic && u.suggestion !== '' && !typed.has(u.suggestion)) {
      const use = h('button', { type: 'button', class: 'link-button', 'data-focus': `suggest:leads:${i}` }, t.useAlias);
      on(use, 'click', () => addAlias(app, { from: u.suggestion, to: u.channel }));
      append(li, ' ', use);
    }
    items.appendChild(li);
  });
  if (c.unmatchedSpend.length === 0) box.appendChild(h('p', { class: 'gray' }, t.allMatched(c.sheet)));
  if (items.childNodes.length > 0) box.appendChild(items);
  box.appendChild(check);
  return box;
}

export const spendSection: Section = {
  id: 'spend',
  title: (t) => t.sections.spend,
  render(app) {
    const { t, draft } = app;
    const body = h('div', { class: 'block' });
    const spend = draft.config.spend;
    const cfg = typeof spend === 'object' && spend !== null && !Array.isArray(spend) ? spend : {};

    const sheetValue = textValue(cfg.sheet);
    const sheetOptions: [string, string][] = [['', t.spendSheetAuto], ...app.state.sheets.filter((s) => s !== draft.leadsSheet).map((s): [string, string] => [s, s])];
    if (sheetValue !== '' && !app.state.sheets.includes(sheetValue)) sheetOptions.push([sheetValue, sheetValue]);
    const sheet = select({}, sheetOptions, sheetValue);
    on(sheet, 'change', () => {
      if (sheet.value) spendOf(draft).sheet = sheet.value;
      else delete spendOf(draft).sheet;
    });
    body.appendChild(field(app, 'spend.sheet', t.spendSheet, sheet));

    const currency = h('input', { type: 'text', value: textValue(cfg.currency), placeholder: 'RUB', autocomplete: 'off', class: 'short' });
    on(currency, 'input', () => {
      if (currency.value.trim() !== '') spendOf(draft).currency = currency.value.trim().toUpperCase();
      else delete spendOf(draft).currency;
    });
    body.appendChild(field(app, 'spend.currency', t.currency, currency, t.currencyHint));

    // Rates: one row per currency, "1 USD = 92.5" in report currency.
    const rates = h('fieldset', { class: 'rows rates' }, h('legend', {}, t.rates));
    draft.rates.forEach((r, i) => {
      const code = h('input', { type: 'text', value: r.code, placeholder: 'USD', autocomplete: 'off', class: 'code', 'aria-label': t.rateCode(i + 1), 'data-focus': `rate:${i}:code` });
      const rate = h('input', { type: 'text', value: r.rate, inputmode: 'decimal', autocomplete: 'off', 'aria-label': t.rateValue(r.code || String(i + 1)), 'data-focus': `rate:${i}:rate` });
      const del = h('button', { type: 'button', class: 'icon', 'aria-label': t.remove(r.code || t.rateCode(i + 1)), title: t.remove(r.code || t.rateCode(i + 1)), 'data-focus': `rate:${i}:remove` }, '✕');
      on(code, 'input', () => (r.code = code.value.trim().toUpperCase()));
      on(rate, 'input', () => (r.rate = rate.value));
      on(del, 'click', () => {
        draft.rates.splice(i, 1);
        app.rerender(draft.rates.length ? `rate:${Math.min(i, draft.rates.length - 1)}:code` : 'addRate');
      });
      const group = field(app, ratePath(draft, i), t.rateLine, rate);
      // One visible label over the rows (seen at 300 px: repeated on every row it read as clutter); each row keeps it for screen readers.
      if (i > 0) group.querySelector('label')?.classList.add('sr-only');
      const line = h('div', { class: 'row-line' });
      rate.replaceWith(line);
      append(line, code, h('span', { class: 'gray eq' }, '='), rate, del);
      rates.appendChild(group);
    });
    const addRate = h('button', { type: 'button', 'data-focus': 'addRate' }, t.addRate);
    on(addRate, 'click', () => {
      draft.rates.push({ code: '', rate: '' });
      app.rerender(`rate:${draft.rates.length - 1}:code`);
    });
    append(rates, h('div', { class: 'gray hint' }, t.ratesHint), addRate);
    body.appendChild(rates);

    // Aliases: the spend sheet's name → the leads' channel it means.
    const aliases = h('fieldset', { class: 'rows aliases' }, h('legend', {}, t.aliases));
    const listId = 'lead-channels';
    const datalist = h('datalist', { id: listId });
    for (const ch of app.spendChannels?.leadChannels ?? []) datalist.appendChild(h('option', { value: ch }));
    aliases.appendChild(datalist);
    draft.aliases.forEach((a, i) => {
      const from = h('input', { type: 'text', value: a.from, autocomplete: 'off', placeholder: t.aliasFrom, 'aria-label': t.aliasFromN(i + 1), 'data-focus': `alias:${i}:from` });
      const to = h('input', { type: 'text', value: a.to, autocomplete: 'off', placeholder: t.aliasTo, list: listId, 'aria-label': t.aliasToN(a.from || String(i + 1)), 'data-focus': `alias:${i}:to` });
      const del = h('button', { type: 'button', class: 'icon', 'aria-label': t.remove(a.from || t.aliasFromN(i + 1)), title: t.remove(a.from || t.aliasFromN(i + 1)), 'data-focus': `alias:${i}:remove` }, '✕');
      on(from, 'input', () => (a.from = from.value));
      on(to, 'input', () => (a.to = to.value));
      on(del, 'click', () => {
        draft.aliases.splice(i, 1);
        app.rerender(draft.aliases.length ? `alias:${Math.min(i, draft.aliases.length - 1)}:from` : 'addAlias');
      });
      const group = field(app, aliasPath(draft, i), t.aliasLine, to);
      if (i > 0) group.querySelector('label')?.classList.add('sr-only');
      const line = h('div', { class: 'row-line alias-line' });
      to.replaceWith(line);
      append(line, from, h('span', { class: 'gray eq' }, '→'), to, del);
      aliases.appendChild(group);
    });
    const addAliasButton = h('button', { type: 'button', 'data-focus': 'addAlias' }, t.addAlias);
    on(addAliasButton, 'click', () => addAlias(app, { from: '', to: '' }));
    append(aliases, h('div', { class: 'gray hint' }, t.aliasesHint), addAliasButton, suggestions(app));
    body.appendChild(aliases);

    const margin = h('input', { type: 'text', value: textValue(cfg.marginPercent), inputmode: 'decimal', autocomplete: 'off', class: 'short' });
    on(margin, 'input', () => {
      if (margin.value.trim() !== '') spendOf(draft).marginPercent = numberOrText(margin.value);
      else delete spendOf(draft).marginPercent;
    });
    body.appendChild(field(app, 'spend.marginPercent', t.margin, margin, t.marginHint));
    return body;
  },
};
