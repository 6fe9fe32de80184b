/**
 * Error bands from the calibration residuals (test/fixtures/validation): for each class of run
 * (training stack × accelerator generation × scale) the band is the range of measured ÷ predicted step
 * time over the calibration runs of that class, never narrower than ±BAND_FLOOR. Classes with fewer than
 * MIN_CASES runs fall back to the coarser class (stack × generation, then stack, then all runs).
 * Generations with no calibration run (AMD, TPU, Gaudi, Trainium, …) take the stack's band widened by
 * UNCALIBRATED_WIDEN; families with no public measurement at all (profile.measured false) by UNMEASURED_WIDEN.
 * The stored table (error-band-table.ts) is recomputed by test/reference/error-bands.test.ts.
 */
export type StackClass = 'megatron' | 'pytorch-native';
export type ScaleClass = 'small' | 'large';

/** Published measurements of one run repeat to a few percent (run-to-run noise, logging granularity): the narrowest band claimed. */
export const BAND_FLOOR = 0.05;
/** Fewest calibration runs a class needs to have a band of its own. */
export const MIN_CASES = 3;
/** Kernel fractions measured by microbenchmarks or MLPerf, but no end-to-end calibration run on that generation. */
export const UNCALIBRATED_WIDEN = 0.1;
/** No public measurement of the family: class-default efficiencies (efficiency-defaults.ts). */
export const UNMEASURED_WIDEN = 0.25;
/** Runs above this many GPUs are "large" (multi-node pipelines, cross-node data parallelism). */
export const SMALL_SCALE_MAX_GPUS = 64;

/** Megatron-class stacks (Megatron-LM, NeMo, Megatron-Bridge, MaxText) vs PyTorch-native FSDP stacks (FSDP, TorchTitan, llm-foundry, DeepSpeed). */
export function stackClass(framework: string | undefined): StackClass {
  return framework === 'fsdp' || framework === 'torchtitan' || framework === 'deepspeed' ? 'pytorch-native' : 'megatron';
}

/** The stack of a calibration run: its `framework` when the case names one, else from its source (test/fixtures/validation/README.md). */
export function calibrationStack(c: { id: string; framework?: string; training?: { framework?: string } }): StackClass {
  const framework = c.framework ?? c.training?.framework;
  if (framework !== undefined) return stackClass(framework);
  return c.id.startsWith('mosaic-') || c.id.startsWith('torchtitan-') ? 'pytorch-native' : 'megatron';
}

export function scaleClass(gpus: number): ScaleClass {
  return gpus <= SMALL_SCALE_MAX_GPUS ? 'small' : 'large';
}

export interface BandRow {
  /** `all`, `<stack>`, `<stack>/<generation>` or `<stack>/<generation>/<scale>`. */
  key: string;
  cases: number;
  /** Measured ÷ predicted, lowest and highest over the class, widened to at least ±BAND_FLOOR. */
  lowRatio: number;
  highRatio: number;
}

export interface ResidualInput {
  stack: StackClass;
  generation: string;
  gpus: number;
  measuredSeconds: number;
  predictedSeconds: number;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Every class's band from the calibration residuals; sorted by key so the table is reproducible. */
export function computeBandTable(rows: readonly ResidualInput[]): BandRow[] {
  const groups = new Map<string, number[]>();
  const add = (key: string, ratio: number) => {
    const g = groups.get(key);
    if (g) g.push(ratio);
    else groups.set(key, [ratio]);
  };
  for (const r of rows) {
    const ratio = r.measuredSeconds / r.predictedSeconds;
    add('all', ratio);
    add(r.stack, ratio);
    add(`${r.stack}/${r.generation}`, ratio);
    add(`${r.stack}/${r.generation}/${scaleClass(r.gpus)}`, ratio);
  }
  return [...groups.entries()]
    .map(([key, ratios]) => ({
      key,
      cases: ratios.length,
      lowRatio: round3(Math.min(1 - BAND_FLOOR, ...ratios)),
      highRatio: round3(Math.max(1 + BAND_FLOOR, ...ratios)),
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

export interface BandQuery {
  stack: StackClass;
  generation: string;
  gpus: number;
  measured: boolean;
}

export interface Band {
  lowRatio: number;
  highRatio: number;
  /** The calibration class the band comes from and how it was widened. */
  basis: string;
  cases: number;
}

/** The band for one estimate: its own class if it has MIN_CASES runs, else the next coarser one, widened when uncalibrated or unmeasured. */
export function bandFor(table: readonly BandRow[], q: BandQuery): Band {
  const byKey = new Map(table.map((r) => [r.key, r]));
  const keys = [`${q.stack}/${q.generation}/${scaleClass(q.gpus)}`, `${q.stack}/${q.generation}`, q.stack, 'all'];
  const calibrated = byKey.has(`${q.stack}/${q.generation}`) || [...byKey.keys()].some((k) => k.split('/')[1] === q.generation);
  const row = keys.map((k) => byKey.get(k)).find((r) => r !== undefined && r.cases >= MIN_CASES) ?? byKey.get('all');
  const base = row ?? { key: 'none', cases: 0, lowRatio: 1 - BAND_FLOOR, highRatio: 1 + BAND_FLOOR };
  const widen = !q.measured ? UNMEASURED_WIDEN : calibrated ? 0 : UNCALIBRATED_WIDEN;
  const why = !q.measured ? `, widened ±${widen * 100}% (unmeasured accelerator)` : widen ? `, widened ±${widen * 100}% (no calibration run on ${q.generation})` : '';
  return {
    lowRatio: round3(base.lowRatio - widen),
    highRatio: round3(base.highRatio + widen),
    basis: `calibration class ${base.key} (${base.cases} runs)${why}`,
    cases: base.cases,
  };
}
