/**
 * `npm run sidebar`: the sidebar on http://127.0.0.1:8765/ against an in-memory spreadsheet holding the
 * sample leads (the add-on's "Set up example sheets" data, dated around today). PORT=… to change the port.
 */
import path from 'path';
import { dayInTimeZone } from '../../src/core/engine';
import { buildExampleSheet } from '../../src/sheets/example-sheets';
import { buildSpendSheet } from '../../src/sheets/spend-sheet';
import { createFakeServices } from '../fakes/services';
import { startPreview } from './preview-server';

const zone = 'Europe/Moscow';
const world = createFakeServices({ timeZone: zone, name: 'Preview' });
const example = buildExampleSheet(dayInTimeZone(new Date(), zone), zone);
const sheet = world.app.spreadsheet.addSheet('Leads');
sheet.maxRows = Math.max(sheet.maxRows, example.values.length);
sheet.getRange(1, 1, example.values.length, example.values[0].length).setValues(example.values);
// The example Spend sheet too, so the Spend section has channels to match.
const spend = buildSpendSheet(dayInTimeZone(new Date(), zone), zone);
const spendSheet = world.app.spreadsheet.addSheet('Spend');
spendSheet.maxRows = Math.max(spendSheet.maxRows, spend.values.length);
spendSheet.getRange(1, 1, spend.values.length, spend.values[0].length).setValues(spend.values);

void startPreview({ world, port: Number(process.env.PORT ?? 8765), htmlFile: path.resolve('dist/sidebar.html') }).then((p) => {
  console.log(`Sidebar preview: ${p.url} (in-memory spreadsheet with ${example.values.length - 1} sample leads; Ctrl+C to stop)`);
});
