import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/estimator/index.js';
import { evaluateStaged, emptyStagedResult, layerTerms, stageTerms, stagedContext } from '../../src/estimator/staged.js';
import type { AcceleratorSpec, Layout, ModelConfig, Recompute, TrainingConfig } from '../../src/schema/index.js';
import { readFileSync } from 'node:fs';
import { aDenseModel, aMoeModel, aTraining, deepseekV3, llama3_70b } from '../fixtures/planner/models.js';

const accs = (JSON.parse(readFileSync(new URL('../fixtures/planner/catalog.json', import.meta.url), 'utf8')) as { accelerators: AcceleratorSpec[] }).accelerators;
const divisors = (n: number) => Array.from({ length: n }, (_, i) => i + 1).filter((d) => n % d === 0);

function check(model: ModelConfig, training: TrainingConfig, acc: AcceleratorSpec, l: Layout, network?: { scaleOutBitsPerSecondPerGpu?: number; scaleUpDomainSize?: number }) {
  const r = estimate({ model, training, accelerator: acc, layout: l, ...(network ? { network } : {}) });
  if (!r.ok) return false;
  const c = stagedContext({ model, training, accelerator: acc, precision: l.precision, ...(network ? { network } : {}) });
  const dp = l.gpus / (l.tp * l.pp * l.cp);
  const ga = training.globalBatchSize / (dp * l.microBatch);
  const out = evaluateStaged(c, layerTerms(c, l.tp, l.cp, l.microBatch, l.ep, l.recompute), stageTerms(c, l.tp, l.pp, l.vpp, l.ep, dp, l.cp), ga, l.zero, emptyStagedResult());
  expect(out.stepSeconds).toBe(r.estimate.time.stepSeconds);
  expect(out.totalSeconds).toBe(r.estimate.time.totalSeconds);
  expect(out.perGpuBytes).toBe(r.estimate.memory.perGpuBytes);
  expect(out.fits).toBe(r.estimate.memory.fits);
  return true;
}

const layoutArb = (model: ModelConfig, training: TrainingConfig) =>
  fc
    .record({
      tp: fc.constantFrom(...divisors(model.attentionHeads).filter((t) => t <= 8 && (model.kvHeads % t === 0 || t % model.kvHeads === 0))),
      pp: fc.integer({ min: 1, max: model.layers }),
      vpp: fc.integer({ min: 1, max: 4 }),
      cp: fc.constantFrom(1, 2, 4),
      dp: fc.constantFrom(...divisors(training.globalBatchSize)),
      mbIdx: fc.nat(),
      epIdx: fc.nat(),
      zero: fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const),
      recompute: fc.constantFrom<Recompute>('none', 'selective', 'full'),
      precision: fc.constantFrom('bf16' as const, 'fp8' as const, 'fp16' as const),
      acc: fc.constantFrom(...accs),
      domain: fc.constantFrom(undefined, 4, 72),
    })
    .map((x) => {
      const mbs = divisors(training.globalBatchSize / x.dp);
      const eps = model.moe ? divisors(model.moe.experts).filter((e) => (x.dp * x.cp) % e === 0) : [1];
      const vpp = x.pp === 1 ? 1 : Math.min(x.vpp, Math.floor(model.layers / x.pp));
      const layout: Layout = {
        gpus: x.tp * x.pp * x.cp * x.dp,
        tp: x.tp,
        pp: x.pp,
        cp: x.cp,
        ep: eps[x.epIdx % eps.length]!,
        vpp,
        microBatch: mbs[x.mbIdx % mbs.length]!,
        zero: x.zero,
        recompute: x.recompute,
        sequenceParallel: x.tp > 1,
        precision: x.precision,
      };
      return { layout, acc: x.acc, domain: x.domain };
    });

describe('staged estimator equals estimate() bit for bit', () => {
  const cases: Array<[string, ModelConfig, TrainingConfig]> = [
    ['tiny dense', aDenseModel(), aTraining()],
    ['tiny moe', aMoeModel(), aTraining({ globalBatchSize: 32 })],
    ['gelu dense, sgd', aDenseModel({ ffn: 'gelu', kvHeads: 16 }), aTraining({ optimizer: 'sgd' })],
    ['llama3-70b', llama3_70b, aTraining({ sequenceLength: 8192, globalBatchSize: 512 })],
    ['deepseek-v3', deepseekV3, aTraining({ sequenceLength: 4096, globalBatchSize: 1536 })],
  ];
  it.each(cases)('%s', (_name, model, training) => {
    fc.assert(
      fc.property(layoutArb(model, training), ({ layout, acc, domain }) => {
        check(model, training, acc, layout, domain ? { scaleUpDomainSize: domain, scaleOutBitsPerSecondPerGpu: 2e11 } : undefined);
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
