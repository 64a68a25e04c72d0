/** The developer-metadata marker that tells the sheets this add-on made from a person's own. */
import type { GasSheet, GasSpreadsheetApp } from './gas';
import type { SheetKind } from './workbook';

export const OWNER_KEY = 'funnel.tab';

/**
 * The `funnel.tab` marker value of a sheet, or null when a person made it. Only a project-visible
 * marker counts: a document-visible one could have been added by any other script on the document.
 */
export function ownerKind(sheet: GasSheet, app: Pick<GasSpreadsheetApp, 'DeveloperMetadataVisibility'>): SheetKind | null {
  const v = ownerMarker(sheet, app);
  return v === 'report' || v === 'example-leads' || v === 'example-spend' ? v : null;
}

/** The raw project-visible `funnel.tab` value (a SheetKind, or `keyed` on a tab people type in), or null. */
export function ownerMarker(sheet: GasSheet, app: Pick<GasSpreadsheetApp, 'DeveloperMetadataVisibility'>): string | null {
  for (const m of sheet.getDeveloperMetadata()) {
    if (m.getKey() === OWNER_KEY && m.getVisibility() === app.DeveloperMetadataVisibility.PROJECT) {
      const v = m.getValue();
      if (v !== null) return v;
    }
  }
  return null;
}
