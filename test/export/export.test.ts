import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseToml } from './toml-lite.js';
import { exportInputFromPlan, exportRun, megatronArgs, nemoOverride, deepspeedConfig, torchtitanJob, type ExportInput } from '../../src/export/index.js';
import { layoutString } from '../../src/export/common.js';
import { planDocumentSchema } from '../../src/schema/index.js';

const ROOT = join(import.meta.dirname, '..', '..');
const names = (f: string) => new Set(readFileSync(join(ROOT, 'test/fixtures/export', f), 'utf8').split('\n').filter(Boolean));
const MEGATRON = names('megatron-options.txt');
const NEMO = names('nemo-options.txt');
const DEEPSPEED = names('deepspeed-options.txt');
const MDS = names('megatron-deepspeed-options.txt');
const TORCHTITAN = names('torchtitan-options.txt');
const TORCHRUN = names('torchrun-options.txt');

const GOLDEN = join(ROOT, 'test/cli/__golden__');
const PLANS = readdirSync(GOLDEN).filter((f) => /^plan-.*\.json$/.test(f)).sort();
const planInput = (file: string, rank = 1): ExportInput => {
  const r = exportInputFromPlan(planDocumentSchema.parse(JSON.parse(readFileSync(join(GOLDEN, file), 'utf8'))), rank, null);
  if (!r.ok) throw new Error(r.reason);
  return r.input;
};
const base = planInput('plan-llama3-70b.json');
const withLayout = (patch: Partial<ExportInput['layout']>, model: Partial<ExportInput['model']> = {}): ExportInput => ({ ...base, layout: { ...base.layout, ...patch }, model: { ...base.model, ...model } });

/** Dotted keys of a nested object ("zero_optimization.stage"). */
const keys = (o: Record<string, unknown>, pre = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' && !Array.isArray(v) ? keys(v as Record<string, unknown>, `${pre}${k}.`) : [`${pre}${k}`]));

describe('export: every option name is one the framework release defines', () => {
  it.each(PLANS)('%s (every ranked plan)', (file) => {
    const doc = JSON.parse(readFileSync(join(GOLDEN, file), 'utf8'));
    for (const p of doc.plans) {
      const x = planInput(file, p.rank);
      const mg = megatronArgs(x);
      if (!('reason' in mg)) {
        expect(mg.args.map(([f]) => f).filter((f) => !MEGATRON.has(f))).toEqual([]);
        // Megatron derives dp = world / (tp·pp·cp) and accumulation = global / (micro·dp): both must be the plan's
        const a = new Map(mg.args);
        const world = x.instances * x.gpusPerInstance;
        const dp = world / (Number(a.get('--tensor-model-parallel-size')) * Number(a.get('--pipeline-model-parallel-size')) * Number(a.get('--context-parallel-size')));
        expect(dp).toBe(x.layout.dp);
        expect(Number(a.get('--global-batch-size')) / (Number(a.get('--micro-batch-size')) * dp)).toBe(x.layout.gradientAccumulation);
      }
      const nm = nemoOverride(x);
      if (!('reason' in nm)) {
        const k = keys(nm.doc);
        expect(k.filter((key) => !NEMO.has(key) && !(key === 'mixed_precision' && NEMO.has(`mixed_precision=${nm.doc.mixed_precision}`)))).toEqual([]);
      }
      const ds = deepspeedConfig(x);
      if (!('reason' in ds)) {
        expect(keys(ds.config).flatMap((k) => k.split('.')).filter((k) => !DEEPSPEED.has(k))).toEqual([]);
        expect((ds.megatron ?? []).map(([f]) => f).filter((f) => !MDS.has(f))).toEqual([]);
      }
      const tt = torchtitanJob(x);
      if (!('reason' in tt)) {
        const k = Object.entries(tt.toml).flatMap(([s, kv]) => Object.keys(kv).map((key) => `${s}.${key}`));
        expect(k.filter((key) => !TORCHTITAN.has(key))).toEqual([]);
        const q = tt.toml.parallelism as Record<string, number>;
        expect(q.data_parallel_replicate_degree! * q.data_parallel_shard_degree! * q.tensor_parallel_degree! * q.pipeline_parallel_degree! * q.context_parallel_degree!).toBe(x.instances * x.gpusPerInstance);
      }
    }
  });

  it.each(['megatron', 'nemo', 'deepspeed', 'torchtitan'] as const)('%s: the launcher uses torchrun\'s own flags', (fw) => {
    const r = exportRun(planInput('plan-llama3-70b.json'), fw);
    if (!r.ok) throw new Error(r.reason);
    const line = r.text.split('\n').map((l) => l.replace(/^#\s+/, '')).join('\n');
    const launch = /torchrun ([\s\S]*?)(?:pretrain_gpt\.py|02_pretrain|-m torchtitan)/.exec(line)?.[1] ?? '';
    const flags = launch.match(/--[a-z-]+/g) ?? [];
    expect(flags.length).toBeGreaterThanOrEqual(5);
    expect(flags.filter((f) => !TORCHRUN.has(f))).toEqual([]);
  });

  it('the fixtures are real option lists, not a handful of names', () => {
    expect(MEGATRON.size).toBeGreaterThan(500);
    expect(MEGATRON.has('--tensor-model-parallel-size')).toBe(true);
    expect(MEGATRON.has('--not-a-megatron-flag')).toBe(false);
    expect(NEMO.has('model.tensor_model_parallel_size')).toBe(true);
    expect(TORCHTITAN.has('parallelism.data_parallel_shard_degree')).toBe(true);
    expect(DEEPSPEED.has('train_micro_batch_size_per_gpu')).toBe(true);
  });
});

describe('export: values the plan fixed', () => {
  it('megatron: degrees, batch, ZeRO and recompute map onto their flags', () => {
    const x = withLayout({ tp: 4, pp: 4, vpp: 5, cp: 2, zero: 1, recompute: 'full', microBatch: 2 });
    const r = megatronArgs(x);
    if ('reason' in r) throw new Error(r.reason);
    const a = new Map(r.args);
    expect(a.get('--tensor-model-parallel-size')).toBe(4);
    expect(a.get('--pipeline-model-parallel-size')).toBe(4);
    expect(a.get('--num-virtual-stages-per-pipeline-rank')).toBe(5);
    expect(a.get('--context-parallel-size')).toBe(2);
    expect(a.get('--micro-batch-size')).toBe(2);
    expect(a.has('--use-distributed-optimizer')).toBe(true);
    expect(a.has('--use-megatron-fsdp')).toBe(false);
    expect(a.get('--recompute-granularity')).toBe('full');
    expect(a.get('--num-query-groups')).toBe(8);
  });

  it('megatron: ZeRO-3 is Megatron-FSDP sharding parameters; fp8 is hybrid over bf16', () => {
    const r = megatronArgs(withLayout({ zero: 3, precision: 'fp8' }));
    if ('reason' in r) throw new Error(r.reason);
    const a = new Map(r.args);
    expect(a.get('--data-parallel-sharding-strategy')).toBe('optim_grads_params');
    expect(a.get('--fp8-format')).toBe('hybrid');
    expect(a.has('--bf16')).toBe(true);
  });

  it('uneven stages: the last stage holds the rest (vpp 1), a layout string with vpp', () => {
    const r = megatronArgs(withLayout({ pp: 6, vpp: 1 }));
    if ('reason' in r) throw new Error(r.reason);
    expect(new Map(r.args).get('--decoder-last-pipeline-num-layers')).toBe(80 - 14 * 5);
    expect(layoutString([2, 2, 2, 0])).toBe('Et*2|(t*2|)*2L');
    expect(layoutString([3, 3, 3, 1])).toBe('Et*3|(t*3|)*2tL');
  });

  it('a layout string expands to the layers the plan has (Megatron parse_str_to_list rules)', () => {
    const expand = (s: string) => {
      let t = s.replace(/\(([^)]+)\)\*(\d+)/g, (_m, x: string, n: string) => x.repeat(Number(n)));
      t = t.replace(/(.)\*(\d+)/g, (_m, x: string, n: string) => x.repeat(Number(n)));
      return t.split('|');
    };
    // 126 layers on 16 interleaved stages do not divide: Megatron needs the explicit layout (the golden's own plan may be even).
    const p405 = planInput('plan-llama3-405b.json');
    const x: ExportInput = { ...p405, layout: { ...p405.layout, tp: 8, pp: 16, vpp: 2, cp: 1, dp: p405.layout.gpus / 128 } };
    expect(x.model.layers % x.layout.pp).not.toBe(0);
    const r = megatronArgs(x);
    if ('reason' in r) throw new Error(r.reason);
    const layout = String(new Map(r.args).get('--pipeline-model-parallel-layout')).replace(/"/g, '');
    const stages = expand(layout);
    expect(stages.length).toBe(x.layout.pp * x.layout.vpp);
    expect(stages.join('').split('').filter((c) => c === 't').length).toBe(x.model.layers);
    // the busiest pipeline rank holds ⌈L/pp⌉ layers, as the estimator assumed
    const perRank = Array.from({ length: x.layout.pp }, (_, r0) => stages.filter((_s, i) => i % x.layout.pp === r0).join('').split('t').length - 1);
    expect(Math.max(...perRank)).toBe(Math.ceil(x.model.layers / x.layout.pp));
  });

  it('deepspeed: train_batch_size = micro × accumulation × dp', () => {
    const r = deepspeedConfig(base);
    if ('reason' in r) throw new Error(r.reason);
    const c = r.config as { train_batch_size: number; train_micro_batch_size_per_gpu: number; gradient_accumulation_steps: number };
    expect(c.train_batch_size).toBe(c.train_micro_batch_size_per_gpu * c.gradient_accumulation_steps * base.layout.dp);
  });

  it('torchtitan: FSDP shard degree for ZeRO ≥ 1, replicate for ZeRO-0; degrees multiply to the GPUs', () => {
    for (const zero of [0, 1, 2, 3] as const) {
      const r = torchtitanJob(withLayout({ zero }));
      if ('reason' in r) throw new Error(r.reason);
      const p = r.toml.parallelism as Record<string, number>;
      expect(p.data_parallel_replicate_degree! * p.data_parallel_shard_degree! * p.tensor_parallel_degree! * p.pipeline_parallel_degree! * p.context_parallel_degree!).toBe(base.layout.gpus);
      expect(p.data_parallel_shard_degree).toBe(zero === 0 ? 1 : base.layout.dp);
    }
    const text = exportRun(base, 'torchtitan');
    if (!text.ok) throw new Error(text.reason);
    expect(parseToml(text.text).parallelism!.tensor_parallel_degree).toBe(base.layout.tp);
  });
});

describe('export: plans a framework cannot express are refused with the reason', () => {
  it.each([
    ['deepspeed', withLayout({ pp: 4, zero: 2 }), /ZeRO stages 0 and 1 only/],
    ['deepspeed', withLayout({ cp: 2 }), /context parallelism/],
    ['deepspeed', withLayout({ precision: 'fp8' }), /FP8/],
    ['torchtitan', withLayout({ precision: 'fp16' }), /fp16/],
    ['nemo', withLayout({ precision: 'fp32' }), /fp32/],
  ] as const)('%s: %s', (fw, x, why) => {
    const r = exportRun(x, fw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(why);
  });

  it.each(['megatron', 'nemo', 'deepspeed', 'torchtitan'] as const)('%s: a ViT plan document (input.model.kind vit) is refused, not written as pretrain_gpt.py', (fw) => {
    const vit = planInput('plan-vit-l16-imagenet.json');
    expect(vit.model.kind).toBe('vit');
    const r = exportRun(vit, fw);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(/kind vit/);
    // The same plan read as a decoder would export: the echoed kind is what refuses it.
    expect(exportRun({ ...vit, model: { ...vit.model, kind: undefined } }, fw).ok).toBe(true);
  });

  it('torchtitan: experts cannot borrow from replicated (ZeRO-0) data parallelism', () => {
    const moe = { experts: 8, activeExperts: 2, sharedExperts: 0, expertFfnHiddenSize: 1024, denseLayers: 0, imbalance: 1 };
    const r = exportRun(withLayout({ zero: 0, ep: 8 }, { moe }), 'torchtitan');
    expect(r.ok).toBe(false);
    expect(exportRun(withLayout({ zero: 1, ep: 8 }, { moe }), 'torchtitan').ok).toBe(true);
  });
});
