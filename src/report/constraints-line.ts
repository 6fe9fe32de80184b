import type { ConstraintSource, ResolvedConstraints } from '../planner/index.js';
import { usd } from './human.js';

const FROM: Record<ConstraintSource, string> = { flag: 'flag', 'model-file': 'model file', caller: 'caller', default: 'default' };

/** One line naming the constraints in effect and where each came from (flag, model file, default). */
export function constraintsLine(k: Pick<ResolvedConstraints, 'deadlineDays' | 'maxGpus' | 'budgetUsd' | 'pricing' | 'providers' | 'accelerators' | 'sources' | 'minPriceConfidence'>): string {
  const s = k.sources;
  const parts = [
    `deadline ${k.deadlineDays === null ? 'none' : `${k.deadlineDays} days`} (${FROM[s.deadlineDays]})`,
    `≤ ${String(k.maxGpus).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} GPUs (${FROM[s.maxGpus]})`,
    `budget ${k.budgetUsd === null ? 'none' : usd(k.budgetUsd)} (${FROM[s.budgetUsd]})`,
    `${k.pricing.join('/')} (${FROM[s.pricing]})`,
  ];
  if (k.providers) parts.push(`providers ${k.providers.join(', ')} (${FROM[s.providers]})`);
  if (k.accelerators.length) parts.push(`accelerators ${k.accelerators.join(', ')} (${FROM[s.accelerators]})`);
  if (k.minPriceConfidence) parts.push(`prices ${k.minPriceConfidence} or surer`);
  return `constraints: ${parts.join(' · ')}`;
}
