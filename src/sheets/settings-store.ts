/**
 * Per-document settings in document properties.
 *
 * The funnel config is stored as JSON under `funnel.config`, validated with parseConfig both when it
 * is saved and when it is read back (a person or an older version may have left something else
 * there). Apps Script caps a property value at 9 KB, so JSON longer than CHUNK_BYTES (UTF-8 bytes:
 * Cyrillic takes two per letter) is saved as `funnel.config.0 … funnel.config.N-1` plus
 * `funnel.config.parts` = N. All properties are read with one getProperties() call per execution.
 *
 * Reading never throws: a missing, broken or invalid config comes back as a result that names the
 * offending keys, and the caller shows it.
 */
import { parseConfig, type FunnelConfig } from '../core/config';
import { msg, render, type Message } from '../core/messages';
import type { GasProperties } from './gas';

export const CONFIG_KEY = 'funnel.config';
export const CONFIG_PARTS_KEY = 'funnel.config.parts';
export const configPartKey = (i: number): string => `${CONFIG_KEY}.${i}`;
export const LEADS_SHEET_KEY = 'funnel.leadsSheet';
export const LAST_REFRESH_KEY = 'funnel.lastRefresh';
/** The scheduled refresh of this document (schedule.ts): spec, who, since when, trigger id. */
export const SCHEDULE_KEY = 'funnel.schedule';
/** Consecutive failed scheduled runs; absent after a good one. */
export const SCHEDULE_FAILURES_KEY = 'funnel.scheduleFailures';

/** Below the 9 KB (9,216 bytes) per-value limit, with room to spare. */
export const CHUNK_BYTES = 8000;
const MAX_PARTS = 60;
const PART_KEY_RE = /^funnel\.config\.(\d+)$/;

export type LoadedConfig =
  | { kind: 'none' }
  | { kind: 'ok'; config: FunnelConfig }
  | Invalid;

/** Settings that cannot be used: `problems` are codes with parameters, `errors` the same rendered in English. */
type Invalid = { kind: 'invalid'; errors: string[]; problems: Message[] };

function invalid(problems: Message[]): Invalid {
  return { kind: 'invalid', errors: problems.map((p) => render(p, 'en')), problems };
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Splits text into pieces of at most `maxBytes` UTF-8 bytes without cutting a character in two. */
export function splitUtf8(text: string, maxBytes: number): string[] {
  const parts: string[] = [];
  let current = '';
  let bytes = 0;
  for (const ch of text) {
    const n = utf8Length(ch.codePointAt(0) ?? 0);
    if (bytes + n > maxBytes && current !== '') {
      parts.push(current);
      current = '';
      bytes = 0;
    }
    current += ch;
    bytes += n;
  }
  if (current !== '' || parts.length === 0) parts.push(current);
  return parts;
}

export function utf8ByteLength(text: string): number {
  let n = 0;
  for (const ch of text) n += utf8Length(ch.codePointAt(0) ?? 0);
  return n;
}

/** The keys copied to the settings mirror (settings-mirror.ts): the settings and the leads sheet's name. */
export function isMirroredKey(key: string): boolean {
  return key === CONFIG_KEY || key === CONFIG_PARTS_KEY || key === LEADS_SHEET_KEY || PART_KEY_RE.test(key);
}

export class SettingsStore {
  private snapshot: Record<string, string> | null = null;

  /**
   * `mirror`: where saved settings are copied as well (the spreadsheet's developer metadata), for
   * scheduled runs that get no document properties; null when `props` is that mirror itself.
   */
  constructor(
    private readonly props: GasProperties,
    private readonly mirror: GasProperties | null = null,
  ) {}

  private all(): Record<string, string> {
    if (this.snapshot === null) this.snapshot = { ...this.props.getProperties() };
    return this.snapshot;
  }

  private put(values: Record<string, string>): void {
    this.props.setProperties(values);
    Object.assign(this.all(), values);
    const mirrored = Object.fromEntries(Object.entries(values).filter(([k]) => isMirroredKey(k)));
    if (Object.keys(mirrored).length > 0) this.toMirror((m) => m.setProperties(mirrored));
  }

  private remove(key: string): void {
    if (!(key in this.all())) return;
    this.props.deleteProperty(key);
    delete this.all()[key];
    if (isMirroredKey(key)) this.toMirror((m) => m.deleteProperty(key));
  }

  /** The mirror is a fallback: failing to update it (e.g. its size limit) never fails the save; the log says so. */
  private toMirror(write: (m: GasProperties) => void): void {
    if (!this.mirror) return;
    try {
      write(this.mirror);
    } catch (e) {
      console.error(e);
    }
  }

  readConfigText(): { kind: 'none' } | { kind: 'text'; text: string } | Invalid {
    const all = this.all();
    const partsRaw = all[CONFIG_PARTS_KEY];
    if (partsRaw !== undefined) {
      const n = Number(partsRaw);
      if (!Number.isInteger(n) || n < 1 || n > MAX_PARTS) {
        return invalid([msg('settings.badParts', { path: CONFIG_PARTS_KEY, max: MAX_PARTS, found: partsRaw })]);
      }
      const missing: Message[] = [];
      let text = '';
      for (let i = 0; i < n; i++) {
        const part = all[configPartKey(i)];
        if (part === undefined) missing.push(msg('settings.partMissing', { path: configPartKey(i), parts: n }));
        else text += part;
      }
      return missing.length > 0 ? invalid(missing) : { kind: 'text', text };
    }
    const single = all[CONFIG_KEY];
    return single === undefined ? { kind: 'none' } : { kind: 'text', text: single };
  }

  readConfig(): LoadedConfig {
    const raw = this.readConfigText();
    if (raw.kind !== 'text') return raw;
    let json: unknown;
    try {
      json = JSON.parse(raw.text);
    } catch (e) {
      return invalid([msg('settings.notJson', { path: CONFIG_KEY, reason: e instanceof Error ? e.message : String(e) })]);
    }
    const parsed = parseConfig(json);
    return parsed.ok ? { kind: 'ok', config: parsed.config } : invalid(parsed.problems);
  }

  /**
   * Validates and saves; on invalid input nothing is written and the errors name the keys. Settings
   * equal to the stored ones (after defaults are filled in) write nothing: `changed` is false.
   */
  saveConfig(input: unknown): { ok: true; config: FunnelConfig; changed: boolean } | { ok: false; errors: string[]; problems: Message[] } {
    const parsed = parseConfig(input);
    if (!parsed.ok) return parsed;
    const json = JSON.stringify(parsed.config);
    const current = this.readConfigText();
    if (current.kind === 'text' && current.text === json) return { ok: true, config: parsed.config, changed: false };
    const staleParts = Object.keys(this.all()).filter((k) => PART_KEY_RE.test(k));
    if (utf8ByteLength(json) <= CHUNK_BYTES) {
      this.put({ [CONFIG_KEY]: json });
      this.remove(CONFIG_PARTS_KEY);
      for (const k of staleParts) this.remove(k);
    } else {
      const parts = splitUtf8(json, CHUNK_BYTES);
      if (parts.length > MAX_PARTS) {
        const problem = msg('settings.tooLarge', { path: 'config', parts: parts.length, bytes: CHUNK_BYTES });
        return { ok: false, errors: [render(problem, 'en')], problems: [problem] };
      }
      const values: Record<string, string> = { [CONFIG_PARTS_KEY]: String(parts.length) };
      parts.forEach((p, i) => (values[configPartKey(i)] = p));
      this.put(values);
      this.remove(CONFIG_KEY);
      for (const k of staleParts) if (Number(PART_KEY_RE.exec(k)?.[1]) >= parts.length) this.remove(k);
    }
    return { ok: true, config: parsed.config, changed: true };
  }

  leadsSheet(): string | null {
    const v = this.all()[LEADS_SHEET_KEY];
    return v === undefined || v.trim() === '' ? null : v;
  }

  /** Saves the leads sheet's name; returns false (and writes nothing) when it is already the one saved. */
  saveLeadsSheet(name: string): boolean {
    if (this.all()[LEADS_SHEET_KEY] === name) return false;
    this.put({ [LEADS_SHEET_KEY]: name });
    return true;
  }

  /** A stored JSON value (schedule record), or null when absent or unreadable. */
  readJson(key: string): unknown {
    const v = this.all()[key];
    if (v === undefined) return null;
    try {
      return JSON.parse(v);
    } catch {
      return null;
    }
  }

  writeJson(key: string, value: unknown): void {
    this.put({ [key]: JSON.stringify(value) });
  }

  delete(key: string): void {
    this.remove(key);
  }

  saveLastRefresh(record: object): void {
    this.put({ [LAST_REFRESH_KEY]: JSON.stringify(record) });
  }

  lastRefresh(): unknown {
    const v = this.all()[LAST_REFRESH_KEY];
    if (v === undefined) return null;
    try {
      return JSON.parse(v);
    } catch {
      return null;
    }
  }
}
