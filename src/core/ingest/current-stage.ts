/**
 * The current-stage shape (amoCRM and Bitrix24 exports): one column names the stage a lead is at now,
 * and its position in the configured stage order tells which stages were passed.
 */
import { STAGE_TARGET_LEAD, STAGE_TARGET_LOST } from '../config';
import type { FunnelConfig } from '../config';
import { normalizeStageValue } from '../headers';
import type { CellValue } from '../types';

/** Codes of a current-stage value besides a stage index (≥ 0). */
export const AT_LEAD = -1;
export const AT_LOST = -2;
export const AT_UNKNOWN = -3;

/** Distinct raw stage values remembered per run (more would mean the column is not a stage column). */
const STAGE_CACHE_LIMIT = 10_000;

/** Cell of the current-stage column → the index of the configured stage it names, AT_LEAD, AT_LOST or AT_UNKNOWN. */
export function currentStageCoder(config: FunnelConfig): (v: CellValue) => number {
  const stageTargets = new Map<string, number>();
  const cs = config.currentStage;
  if (cs) {
    const byName = new Map(config.stages.map((s, i) => [s.name.trim().toLowerCase(), i] as const));
    for (const [raw, target] of Object.entries(cs.values)) {
      const t = target.trim().toLowerCase();
      const code = t === STAGE_TARGET_LEAD ? AT_LEAD : t === STAGE_TARGET_LOST ? AT_LOST : byName.get(t);
      if (code !== undefined) stageTargets.set(normalizeStageValue(raw), code);
    }
  }
  const stageCache = new Map<string, number>();
  return (v) => {
    if (typeof v === 'string') {
      const cached = stageCache.get(v);
      if (cached !== undefined) return cached;
      const code = stageTargets.get(normalizeStageValue(v)) ?? AT_UNKNOWN;
      if (stageCache.size < STAGE_CACHE_LIMIT) stageCache.set(v, code);
      return code;
    }
    return stageTargets.get(normalizeStageValue(v)) ?? AT_UNKNOWN;
  };
}
