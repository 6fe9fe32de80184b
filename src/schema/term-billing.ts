/**
 * Whole-step billing of term pricing models: a Capacity Block is bought for 1-14 days in 1-day steps and then in
 * 7-day steps up to 182 days (AWS EC2 User Guide, "Find and purchase Capacity Blocks"), so a 15.2-day run pays for
 * 21 days. Steps are given as segments `{ upToDays, stepDays }` in ascending order; each segment continues from
 * the previous segment's end.
 */
export interface BillingStep {
  upToDays: number;
  stepDays: number;
}

const DAY = 86400;

/** Seconds billed for a run of `wallSeconds` under whole-step billing; the wall clock itself without steps or past the last segment. */
export function billedSeconds(wallSeconds: number, steps?: readonly BillingStep[]): number {
  if (!steps || steps.length === 0 || !(wallSeconds > 0)) return wallSeconds;
  const days = wallSeconds / DAY;
  let start = 0;
  for (const s of steps) {
    if (days <= s.upToDays) return Math.min(s.upToDays, start + Math.ceil((days - start) / s.stepDays) * s.stepDays) * DAY;
    start = s.upToDays;
  }
  return wallSeconds;
}
