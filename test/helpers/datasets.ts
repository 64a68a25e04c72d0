/** Locates the shared public datasets (beside the repo: ../shared/datasets) and reads CSVs from them. */
import fs from 'fs';
import path from 'path';
import Papa from 'papaparse';

export const DATASETS = path.resolve(__dirname, '../../../shared/datasets');

export function datasetFile(...parts: string[]): string {
  const file = path.join(DATASETS, ...parts);
  if (!fs.existsSync(file)) {
    throw new Error(`Dataset file missing: ${file}. The shared datasets folder must sit beside the repository (../shared/datasets).`);
  }
  return file;
}

/** Parses a CSV into string rows (header row first) with papaparse, independently of the CLI's reader. */
export function readCsvRows(...parts: string[]): string[][] {
  const text = fs.readFileSync(datasetFile(...parts), 'utf8');
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: true });
  if (parsed.errors.length > 0) throw new Error(`CSV errors in ${parts.join('/')}: ${parsed.errors[0].message}`);
  return parsed.data;
}
