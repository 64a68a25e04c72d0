/**
 * SAL from feedback: with `feedback.salStage` set, acceptance by sales becomes a funnel step right
 * after the hand-off stage, so the cohort and conversion reports show it with its conversion
 * (hand-off → SAL is the quality-of-leads KPI).
 *
 * Which leads passed it: a lead handed over (it has a real or implied pass of the hand-off stage)
 * whose verdict on the Feedback tab is one of `acceptedVerdicts`. Any later stage implies it too, as
 * for every stage (DESIGN "Reached stage k").
 *
 * When: the Feedback tab records no time of the verdict, so the SAL time is the first contact attempt
 * date when one is typed and is not before the hand-off day (sales started working the lead), else the
 * hand-off time itself (accepted on hand-off). With neither known (a current-stage export), the pass is
 * at an unknown time, like any implied pass. The verdict is read as it stands at the refresh: a lead
 * whose verdict is changed from Accepted to, say, Lost leaves the step unless a later stage implies it.
 */
import type { FunnelConfig } from '../config';
import { UNKNOWN_TIME, type IngestResult } from '../types';
import { resolveHandoffStage } from './config';
import type { HumanTable } from './human';
import { acceptedSet } from './review';

/**
 * The run's leads and config with the SAL step inserted after the hand-off stage; unchanged when SAL
 * is off. `human`: the feedback input's people's columns, read once by the engine (human.ts).
 */
export function withSalStage(data: IngestResult, config: FunnelConfig, human: HumanTable | undefined): { data: IngestResult; config: FunnelConfig } {
  const fb = config.feedback;
  if (!fb?.salStage || !human) return { data, config };
  const stages = data.stageNames.slice(1);
  const handoff = resolveHandoffStage(fb, stages);
  if (handoff < 0) return { data, config };
  const accepted = acceptedSet(fb);
  const leads = data.leads;
  const sal = new Float64Array(leads.count).fill(NaN);
  const at = leads.stageTimes[handoff];
  for (let i = 0; i < leads.count; i++) {
    const h = human.byLead.get(leads.ids[i]);
    if (!h || h.verdict === null || !accepted.has(h.verdict)) continue;
    let handedAt = at[i];
    // Passed by a later stage only: the hand-off time is that of the first later stage with a time.
    for (let k = handoff + 1; !(handedAt === handedAt) && k < leads.stageTimes.length; k++) handedAt = leads.stageTimes[k][i];
    if (!(handedAt === handedAt)) continue; // NaN: never handed over
    const handoffDay = Number.isFinite(handedAt) ? handedAt - (((handedAt % 86_400_000) + 86_400_000) % 86_400_000) : NaN;
    sal[i] = h.firstAttempt !== null && Number.isFinite(handoffDay) && h.firstAttempt >= handoffDay ? Math.max(h.firstAttempt, handedAt) : Number.isFinite(handedAt) ? handedAt : UNKNOWN_TIME;
  }
  const stageTimes = [...leads.stageTimes.slice(0, handoff + 1), sal, ...leads.stageTimes.slice(handoff + 1)];
  const stageNames = [...data.stageNames.slice(0, handoff + 2), fb.salStage, ...data.stageNames.slice(handoff + 2)];
  const cfgStages = [...config.stages.slice(0, handoff + 1), { name: fb.salStage }, ...config.stages.slice(handoff + 1)];
  return { data: { ...data, leads: { ...leads, stageTimes }, stageNames }, config: { ...config, stages: cfgStages } };
}
