import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evalForwardShare, predictMlperf, validateMlperf } from '../../src/estimator/index.js';
import { getAccelerator } from '../../src/catalog/index.js';
import { loadBuiltinCatalog, loadMlperfCases } from '../../src/io/index.js';

// MLPerf Training closed-division results (test/fixtures/validation/README.md, "MLPerf Training"):
// predicted time to train (steps × step time + the evaluations inside the timed region) vs measured.
const rows = loadMlperfCases(resolve(__dirname, '../fixtures/validation/mlperf.yaml'));
const catalog = loadBuiltinCatalog();
const accelerator = (id: string) => getAccelerator(catalog, id);
const summary = validateMlperf(rows, accelerator);
const mape = (b: string) => summary.byBenchmark.find((x) => x.benchmark === b)!.mape;

describe('MLPerf Training time to train', () => {
  it('covers several benchmarks, rounds and submitters, each row with its source and how it converged', () => {
    expect(new Set(rows.map((r) => r.case.benchmark))).toEqual(new Set(['resnet50', 'bert-large', 'llama2-70b-lora', 'stable-diffusion-v2', 'gpt3-175b', 'retinanet']));
    expect(new Set(rows.map((r) => r.case.round)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(rows.map((r) => r.case.submitter)).size).toBeGreaterThanOrEqual(7);
    expect(new Set(summary.byVendor.map((v) => v.vendor))).toEqual(new Set(['nvidia', 'amd', 'intel', 'google']));
    for (const r of rows) {
      expect(r.case.source).toMatch(/^https:\/\/github\.com\/mlcommons\/training_results_v\d\.\d\/tree\/main\/.+\/results\//);
      expect(r.case.source).toContain(r.case.system);
      expect(r.case.convergence).toMatch(/run_stop/);
    }
  });
  it('estimates every row (no layout is rejected)', () => {
    expect(summary.rows.filter((r) => r.predictedMinutes === null).map((r) => `${r.id}: ${r.problem}`)).toEqual([]);
  });
  // Issue 12's target is ≤ 20% MAPE over the MLPerf rows; measured 14.0% over 37 rows (ResNet-50 15.8, BERT 17.5,
  // LoRA 6.4, SD 24.7, GPT-3 8.7, RetinaNet 9.8; NVIDIA GPUs 9.1%, AMD 11.5%, Intel Gaudi 2 31.3%, Google TPU 46.1%). The CNN roofline
  // is derived from NVIDIA GPUs: Gaudi 2 (+59% on ResNet-50) and TPU v5p (+31…47% on SD) run convolutions nearer
  // their matrix peak; Trillium at 4 images per chip (−60%) and 64 H100 at 50 images per GPU (−31%) pay per-step
  // costs the model does not have.
  it('mean absolute percentage error over the MLPerf rows is at most 16%', () => {
    expect(summary.mape).toBeLessThanOrEqual(16);
  });
  it('the NVIDIA GPU rows of the five first benchmarks (18 of them) are within 9% on average', () => {
    const ids = new Set(rows.filter((r) => accelerator(r.case.accelerator).vendor === 'nvidia' && r.case.benchmark !== 'retinanet').map((r) => r.case.id));
    const own = summary.rows.filter((r) => ids.has(r.id));
    expect(own.length).toBeGreaterThanOrEqual(18);
    expect(own.reduce((a, r) => a + Math.abs(r.errorPercent!), 0) / own.length).toBeLessThanOrEqual(9);
  });
  // RetinaNet (per-kernel CNN model, schema/cnn/retinanet.ts): the 8-GPU H100/H200 rows of NVIDIA and Dell are within 6%;
  // 64 H100 at 4 images per GPU (−22%) pays per-step costs the model lacks, as ResNet-50 at 50 per GPU does.
  it('RetinaNet: the 8-GPU H100/H200 rows within 8% each, the benchmark within 12% on average', () => {
    const eight = summary.rows.filter((r) => r.benchmark === 'retinanet' && /-8xh[12]00$/.test(r.id));
    expect(eight.length).toBeGreaterThanOrEqual(4);
    expect(eight.filter((r) => Math.abs(r.errorPercent!) > 8).map((r) => `${r.id} ${r.errorPercent!.toFixed(1)}%`)).toEqual([]);
    expect(mape('retinanet')).toBeLessThanOrEqual(12);
  });
  it.each([['llama2-70b-lora', 8], ['gpt3-175b', 12], ['resnet50', 17], ['bert-large', 19], ['stable-diffusion-v2', 25]] as const)('%s is within %d%% on average', (b, limit) => {
    expect(mape(b)).toBeLessThanOrEqual(limit);
  });
  it('the NVIDIA 8-GPU ResNet-50 rows are within 5% each: the CNN roofline (conv-roofline.ts) against MLPerf', () => {
    const nvidia8 = summary.rows.filter((r) => r.benchmark === 'resnet50' && /-8xh[12]00$/.test(r.id));
    expect(nvidia8.length).toBeGreaterThanOrEqual(4);
    expect(nvidia8.filter((r) => Math.abs(r.errorPercent!) > 5).map((r) => `${r.id} ${r.errorPercent!.toFixed(1)}%`)).toEqual([]);
  });
  it('the LoRA layouts that ran fit in memory (FP8-only frozen base per the configs; frozen GEMM inputs not stored)', () => {
    const lora = summary.rows.filter((r) => r.benchmark === 'llama2-70b-lora' && !/b200/.test(r.id));
    expect(lora.length).toBe(5);
    expect(lora.filter((r) => !r.estimate!.memory.fits).map((r) => r.id)).toEqual([]);
  });
  it('no row is off by more than 65% (worst: Trillium at 4 images per chip, −60%)', () => {
    expect(summary.rows.filter((r) => Math.abs(r.errorPercent ?? 100) > 65).map((r) => r.id)).toEqual([]);
  });
  it('evaluation costs forward passes only: 1/3 of a training sample, 1/2 with frozen (LoRA) base weights', () => {
    const lora = rows.find((r) => r.case.benchmark === 'llama2-70b-lora')!;
    const bert = rows.find((r) => r.case.benchmark === 'bert-large')!;
    expect(evalForwardShare(lora)).toBe(1 / 2);
    expect(evalForwardShare(bert)).toBe(1 / 3);
    const withEval = predictMlperf(lora, accelerator(lora.case.accelerator));
    const noEval = predictMlperf({ ...lora, case: { ...lora.case, evaluation: { samples: 173, count: 0 } } }, accelerator(lora.case.accelerator));
    expect(noEval.evalMinutes).toBe(0);
    // 173 GovReport samples per evaluation against 3,168 trained, at half the per-sample cost.
    const ratio = withEval.evalMinutes! / withEval.trainMinutes!;
    expect(ratio).toBeGreaterThan(0.5 * (lora.case.evaluation.count * 173) / 3168 * 0.9);
    expect(ratio).toBeLessThan(0.5 * (lora.case.evaluation.count * 173) / 3168 * 1.1);
  });
  it('a CUDA-graph step (software.stepOverheadSeconds 0) drops the 90 ms host overhead per step', () => {
    const bert = rows.find((r) => r.case.id === 'mlperf-bert-v4.0-nvidia-8xh200')!;
    const graphs = predictMlperf(bert, accelerator('h200-sxm'));
    const { software: _, ...noSoftware } = bert.case;
    const eager = predictMlperf({ ...bert, case: noSoftware }, accelerator('h200-sxm'));
    const steps = graphs.estimate!.time.steps;
    expect((eager.trainMinutes! - graphs.trainMinutes!) * 60).toBeCloseTo(steps * 0.09, 0);
  });
});
