/**
 * The sections of the sidebar, in order. A new group of settings is one module exporting a Section
 * (it reads and writes its own key of `app.draft.config`, e.g. `sla`, and names its fields' `data-path`
 * by that key so the engine's problems land next to them) plus one line here.
 */
import type { Section } from '../model';
import { dataSection } from './data';
import { feedbackSection } from './feedback';
import { funnelSection } from './funnel';
import { refreshSection } from './refresh';
import { reportSection } from './report';
import { scheduleSection } from './schedule';
import { slaSection } from './sla';
import { spendSection } from './spend';

export const SECTIONS: readonly Section[] = [
  dataSection,
  funnelSection,
  slaSection,
  spendSection,
  feedbackSection,
  reportSection,
  refreshSection,
  scheduleSection,
];
