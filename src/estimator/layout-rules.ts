import type { Layout, ModelConfig, ResolvedLayout, TrainingConfig } from '../schema/index.js';
import { recomputeProblem } from './recompute-rules.js';

/** Why a layout cannot run, as a value (never an exception). */
export interface LayoutProblem {
  reason:
    | 'gpus-not-divisible'
    | 'heads-not-divisible-by-tp'
    | 'kv-heads-not-divisible-by-tp'
    | 'layers-not-divisible-by-pp'
    | 'layers-not-divisible-by-vpp'
    | 'vpp-needs-pp'
    | 'sequence-not-divisible-by-cp'
    | 'batch-not-divisible'
    | 'ep-needs-moe'
    | 'experts-not-divisible-by-ep'
    | 'ep-not-dividing-dp-cp'
    | 'hidden-not-divisible-by-tp'
    /** tp/pp/cp/ep/vpp > 1 on a per-sample kind (cnn, generic): data parallelism (+ ZeRO) only. */
    | 'kind-data-parallel-only'
    /** fp8 on a part without FP8 tensor units (efficiency.ts precisionSupport). */
    | 'precision-unsupported'
    | 'recompute-not-offered'
    | 'recompute-blocks-invalid';
  message: string;
  /** Nearest valid values for the offending degree, when there is one. */
  suggestion?: string;
}

export type LayoutCheck = { ok: true; layout: ResolvedLayout } | { ok: false; problem: LayoutProblem };

function divisors(n: number): number[] {
  const out: number[] = [];
  for (let i = 1; i * i <= n; i++) {
    if (n % i === 0) {
      out.push(i);
      if (i * i !== n) out.push(n / i);
    }
  }
  return out.sort((a, b) => a - b);
}

/** The valid values nearest to `x` among the divisors of `n` (one below, one above). */
export function nearestDivisors(n: number, x: number): number[] {
  const d = divisors(n);
  const below = d.filter((v) => v < x).pop();
  const above = d.find((v) => v > x);
  return [below, above].filter((v): v is number => v !== undefined);
}

function fail(reason: LayoutProblem['reason'], message: string, near?: number[], flag?: string): LayoutCheck {
  const suggestion = near && near.length && flag ? `nearest valid ${flag}: ${near.join(' or ')}` : undefined;
  return { ok: false, problem: suggestion ? { reason, message, suggestion } : { reason, message } };
}

/**
 * The degrees a per-sample kind cannot use, whatever the GPU count: cnn/generic/lstm run data parallel (+ ZeRO)
 * only; an encoder-decoder adds tensor parallelism. Shared by checkLayout and by `plan`/`check` pins.
 */
export function kindLayoutProblem(m: ModelConfig, d: { tp?: number; pp?: number; cp?: number; ep?: number; vpp?: number }): LayoutProblem | null {
  const tp = d.tp ?? 1, pp = d.pp ?? 1, cp = d.cp ?? 1, ep = d.ep ?? 1, vpp = d.vpp ?? 1;
  let r: LayoutCheck | null = null;
  if (m.encoderDecoder && pp * cp * ep * vpp > 1) {
    // Megatron's T5 splits its pipeline at one encoder/decoder boundary (--pipeline-model-parallel-split-rank), with
    // unequal stages and the encoder output sent to every decoder stage: not modelled, so refused.
    const flag = pp > 1 ? '--pp' : cp > 1 ? '--cp' : ep > 1 ? '--ep' : '--vpp';
    r = fail('kind-data-parallel-only', `kind encoder-decoder runs data and tensor parallel (+ ZeRO) only: ${flag} must be 1 (pipeline stages over two stacks of different token counts are not modelled)`, [1], flag);
  } else if (m.sampleWorkload && !m.encoderDecoder && tp * pp * cp * ep * vpp > 1) {
    const flag = tp > 1 ? '--tp' : pp > 1 ? '--pp' : cp > 1 ? '--cp' : ep > 1 ? '--ep' : '--vpp';
    r = fail('kind-data-parallel-only', `kind ${m.kind} runs data parallel (+ ZeRO) only: ${flag} must be 1`, [1], flag);
  }
  return r && !r.ok ? r.problem : null;
}

/** Divisibility rules of Megatron-style 5-D parallelism [modeling-reference §5.4; Megatron parallel_state]. */
export function checkLayout(m: ModelConfig, tr: TrainingConfig, l: Layout): LayoutCheck {
  const { gpus, tp, pp, cp, ep, vpp, microBatch } = l;
  const kind = kindLayoutProblem(m, l);
  if (kind) return { ok: false, problem: kind };
  if (gpus % (tp * pp * cp) !== 0) {
    return fail('gpus-not-divisible', `gpus ${gpus} is not divisible by tp·pp·cp = ${tp * pp * cp}`, nearestDivisors(gpus, tp * pp * cp), 'tp·pp·cp');
  }
  if (m.attentionHeads % tp !== 0) return fail('heads-not-divisible-by-tp', `attention heads ${m.attentionHeads} are not divisible by tp ${tp}`, nearestDivisors(m.attentionHeads, tp), '--tp');
  if (m.kvHeads % tp !== 0 && tp % m.kvHeads !== 0) return fail('kv-heads-not-divisible-by-tp', `kv heads ${m.kvHeads} and tp ${tp}: one must divide the other`, nearestDivisors(m.kvHeads, tp), '--tp');
  if (pp > m.layers) return fail('layers-not-divisible-by-pp', `pp ${pp} exceeds the ${m.layers} layers`, nearestDivisors(m.layers, pp), '--pp');
  if (vpp > 1 && pp === 1) return fail('vpp-needs-pp', `virtual pipeline stages (vpp ${vpp}) need pp > 1`);
  if (pp * vpp > m.layers) return fail('layers-not-divisible-by-vpp', `pp·vpp = ${pp * vpp} model chunks exceed the ${m.layers} layers`, nearestDivisors(Math.floor(m.layers / pp), vpp), '--vpp');
  // Interleaving needs equal chunks: the ⌈L/p⌉ layers of the slowest rank split into vpp parts [Narayanan21 §2.2; modeling-reference §5.4].
  const perRank = Math.ceil(m.layers / pp);
  if (vpp > 1 && perRank % vpp !== 0) return fail('layers-not-divisible-by-vpp', `the ${perRank} layers per pipeline rank are not divisible by vpp ${vpp}`, nearestDivisors(perRank, vpp), '--vpp');
  if (tr.sequenceLength % cp !== 0) return fail('sequence-not-divisible-by-cp', `sequence length ${tr.sequenceLength} is not divisible by cp ${cp}`, nearestDivisors(tr.sequenceLength, cp), '--cp');
  const dp = gpus / (tp * pp * cp);
  if (tr.globalBatchSize % (dp * microBatch) !== 0) {
    const perReplica = tr.globalBatchSize / dp;
    const near = Number.isInteger(perReplica) ? nearestDivisors(perReplica, microBatch) : undefined;
    return fail('batch-not-divisible', `global batch ${tr.globalBatchSize} is not divisible by dp·micro-batch = ${dp}·${microBatch}`, near, '--micro-batch');
  }
  if (ep > 1 && !m.moe) return fail('ep-needs-moe', `ep ${ep} needs a mixture-of-experts model`);
  if (m.moe && m.moe.experts % ep !== 0) return fail('experts-not-divisible-by-ep', `experts ${m.moe.experts} are not divisible by ep ${ep}`, nearestDivisors(m.moe.experts, ep), '--ep');
  if ((dp * cp) % ep !== 0) return fail('ep-not-dividing-dp-cp', `ep ${ep} must divide dp·cp = ${dp * cp}`, nearestDivisors(dp * cp, ep), '--ep');
  const rc = recomputeProblem(m, tr, l);
  if (rc) return fail(rc.reason, rc.message + (rc.hint ? ` (${rc.hint})` : ''));
  const sequenceParallel = l.sequenceParallel && tp > 1;
  return { ok: true, layout: { ...l, sequenceParallel, dp, gradientAccumulation: tr.globalBatchSize / (dp * microBatch) } };
}
