/**
 * The saved settings mirrored into the spreadsheet's own developer metadata, for runs that have no
 * document properties.
 *
 * Why: a time-driven trigger of an editor add-on runs with no open document, and Google documents
 * document properties as unavailable where there is no document
 * (https://developers.google.com/apps-script/reference/properties/properties-service#getDocumentProperties():
 * "returns null" then). The run opens the spreadsheet by id; developer metadata on that spreadsheet
 * travels with it and is readable there
 * (https://developers.google.com/apps-script/reference/spreadsheet/developer-metadata). Every save of the
 * settings (funnel.config, its parts, funnel.leadsSheet) is copied here by SettingsStore; a run whose
 * document properties are null reads its settings (and keeps its last-run record) here instead.
 *
 * Each property is one spreadsheet-level metadata entry, key `funnel.prop.<property key>`, PROJECT
 * visibility: only this script sees it, and entries another script made (DOCUMENT visibility, same
 * key) are ignored. The whole store is read with one getDeveloperMetadata() call per execution.
 */
import type { AppServices, GasDeveloperMetadata, GasProperties, GasSpreadsheet, GasSpreadsheetApp } from './gas';
import { SettingsStore } from './settings-store';

export const MIRROR_PREFIX = 'funnel.prop.';

export class MetadataProperties implements GasProperties {
  private entries: Map<string, GasDeveloperMetadata> | null = null;

  constructor(
    private readonly ss: GasSpreadsheet,
    private readonly app: Pick<GasSpreadsheetApp, 'DeveloperMetadataVisibility'>,
  ) {}

  private all(): Map<string, GasDeveloperMetadata> {
    if (this.entries === null) {
      const found = new Map<string, GasDeveloperMetadata>();
      for (const m of this.ss.getDeveloperMetadata()) {
        const key = m.getKey();
        if (!key.startsWith(MIRROR_PREFIX) || m.getVisibility() !== this.app.DeveloperMetadataVisibility.PROJECT) continue;
        const name = key.slice(MIRROR_PREFIX.length);
        if (found.has(name)) m.remove(); // a duplicate left by two saves at once: the first one stays
        else found.set(name, m);
      }
      this.entries = found;
    }
    return this.entries;
  }

  getProperties(): { [key: string]: string } {
    const out: { [key: string]: string } = {};
    for (const [name, m] of this.all()) out[name] = m.getValue() ?? '';
    return out;
  }

  setProperties(properties: { [key: string]: string }): GasProperties {
    const entries = this.all();
    for (const [name, value] of Object.entries(properties)) {
      const existing = entries.get(name);
      if (existing) {
        if (existing.getValue() !== value) existing.setValue(value);
      } else {
        this.ss.addDeveloperMetadata(MIRROR_PREFIX + name, value, this.app.DeveloperMetadataVisibility.PROJECT);
        this.entries = null; // the new entry is found on the next read
      }
    }
    return this;
  }

  deleteProperty(key: string): GasProperties {
    const m = this.all().get(key);
    if (m) {
      m.remove();
      this.all().delete(key);
    }
    return this;
  }
}

/**
 * The settings of `ss`: document properties with the mirror kept in step, or, when the run has no
 * document properties (an add-on's time-driven run), the mirror alone.
 */
export function settingsOf(svc: Pick<AppServices, 'PropertiesService' | 'SpreadsheetApp'>, ss: GasSpreadsheet): SettingsStore {
  const mirror = new MetadataProperties(ss, svc.SpreadsheetApp);
  const props = svc.PropertiesService.getDocumentProperties();
  return props ? new SettingsStore(props, mirror) : new SettingsStore(mirror);
}
