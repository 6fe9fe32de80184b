import { estimate } from '../../src/estimator/index.js';
import { buildSearchPlan, enumerateLayouts, resolveConstraints, type PlanInput } from '../../src/planner/index.js';
import type { Layout, Recompute } from '../../src/schema/index.js';

const RC: Recompute[] = ['none', 'selective', 'full'];

export interface BruteCandidate {
  accelerator: string;
  provider: string;
  instance: string;
  pricing: string;
  gpus: number;
  layout: Layout;
  key: number[];
  usd: number;
  totalSeconds: number;
  stepSeconds: number;
}

/**
 * The reference: every layout of the space through estimate(), every offer and pricing model,
 * verdicts in the planner's order (oom, past-deadline, past-term-limit, over-budget). No bounds, no caches.
 */
export function bruteForce(input: PlanInput) {
  const k = resolveConstraints(input);
  const sp = buildSearchPlan(input, k);
  const counts = { evaluated: 0, feasible: 0, oom: 0, pastDeadline: 0, pastTermLimit: 0, overBudget: 0 };
  const feasible: BruteCandidate[] = [];
  for (const g of sp.groups) {
    g.precisions.forEach((precision, pi) => {
      const spec = {
        model: input.model,
        training: input.training,
        domainSize: g.network.scaleUpDomainSize,
        precision,
        minGpus: k.minGpus,
        maxGpus: k.maxGpus,
        gpuCountAllowed: (n: number) => g.points.some((p) => n % p.acceleratorCount === 0 && (p.maxGpus === undefined || n <= p.maxGpus)),
        minTokensPerCpRank: k.minTokensPerCpRank,
        pins: k.pins ?? {},
      };
      for (const layout of enumerateLayouts(spec)) {
        for (const point of g.points) {
          if (layout.gpus % point.acceleratorCount !== 0 || (point.maxGpus !== undefined && layout.gpus > point.maxGpus)) continue;
          counts.evaluated++;
          const r = estimate({
            model: input.model,
            training: input.training,
            accelerator: g.accelerator,
            layout,
            network: g.network,
            price: { usdPerGpuHour: point.usdPerGpuHour, provider: point.offer.provider, instance: point.offer.instance, pricing: point.pricing, gpusPerInstance: point.acceleratorCount, ...(point.billingSteps ? { billingSteps: point.billingSteps } : {}) },
            ...(input.assumptions ? { assumptions: input.assumptions } : {}),
          });
          if (!r.ok) throw new Error(`enumerated an invalid layout: ${r.problem.message}`);
          const e = r.estimate;
          if (!e.memory.fits) {
            counts.oom++;
            continue;
          }
          if (k.deadlineDays !== null && e.time.totalDays > k.deadlineDays) {
            counts.pastDeadline++;
            continue;
          }
          if (point.maxDays !== undefined && e.time.totalDays > point.maxDays) {
            counts.pastTermLimit++;
            continue;
          }
          if (k.budgetUsd !== null && e.cost.usd! > k.budgetUsd) {
            counts.overBudget++;
            continue;
          }
          counts.feasible++;
          const dp = layout.gpus / (layout.tp * layout.pp * layout.cp);
          feasible.push({
            accelerator: g.accelerator.id,
            provider: point.offer.provider,
            instance: point.offer.instance,
            pricing: point.pricing,
            gpus: layout.gpus,
            layout,
            key: [pi, layout.tp, layout.cp, dp, layout.ep, layout.pp, layout.vpp, layout.microBatch, RC.indexOf(layout.recompute), layout.zero],
            usd: e.cost.usd!,
            totalSeconds: e.time.totalSeconds,
            stepSeconds: e.time.stepSeconds,
          });
        }
      }
    });
  }
  const s = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const keyCmp = (a: number[], b: number[]) => {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return 0;
  };
  const primary = (c: BruteCandidate) => (k.objective === 'cost' ? [c.usd, c.totalSeconds] : [c.totalSeconds, c.usd]);
  feasible.sort((a, b) => {
    const [a1, a2] = primary(a);
    const [b1, b2] = primary(b);
    return a1! - b1! || a2! - b2! || s(a.accelerator, b.accelerator) || s(a.provider, b.provider) || s(a.instance, b.instance) || s(a.pricing, b.pricing) || a.gpus - b.gpus || keyCmp(a.key, b.key);
  });
  return { counts, best: feasible[0] ?? null, feasible };
}
