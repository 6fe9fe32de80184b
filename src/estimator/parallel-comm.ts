import type { ModelConfig, ResolvedLayout } from '../schema/index.js';
import { allGatherSeconds, allReduceSeconds, expertDispatchSeconds, groupOf, p2pSeconds, type Fabric } from './comm.js';
import type { Shapes } from './shapes.js';

/** Communication of one layer and one micro-batch, forward and backward (before overlap). */
export interface LayerComm {
  tpForward: number;
  tpBackward: number;
  cpForward: number;
  cpBackward: number;
  epForward: number;
  epBackward: number;
}

/**
 * Per-layer communication [Narayanan21 §3.3; Korthikanti22 §4.2.2; Megatron context_parallel.md; DSV3 §3.2]:
 * TP: two all-reduces (or AG+RS pairs with SP) of T·h each way; CP: ring exchange of K/V,
 * twice as much in backward (dK/dV); EP: dispatch + combine all-to-all of T·k·h each way.
 */
export function layerComm(f: Fabric, m: ModelConfig, layout: ResolvedLayout, s: Shapes, isMoe: boolean): LayerComm {
  const t = layout.tp;
  const bytes = s.tokens * m.hiddenSize * s.activationBytes;
  const tpGroup = groupOf(t, 1, f.domainSize);
  const tpOne = layout.sequenceParallel ? 2 * allGatherSeconds(f, bytes, tpGroup) : allReduceSeconds(f, bytes, tpGroup);
  const tpForward = t > 1 ? 2 * tpOne : 0;

  let cpForward = 0;
  if (layout.cp > 1) {
    const kvWidth = m.mla ? (m.attentionHeads * (m.mla.qkNopeHeadDim + m.mla.qkRopeHeadDim + m.mla.vHeadDim)) / t : 2 * s.kvWidthPerRank;
    const localKvBytes = s.tokens * kvWidth * s.activationBytes;
    const cpGroup = groupOf(layout.cp, t, f.domainSize);
    cpForward = (layout.cp - 1) * p2pSeconds(f, localKvBytes, cpGroup.local < cpGroup.size);
  }

  let epForward = 0;
  if (isMoe && m.moe && layout.ep > 1) {
    const epGroup = groupOf(layout.ep, t, f.domainSize);
    const k = m.moe.activeExperts * m.moe.imbalance;
    epForward = 2 * expertDispatchSeconds(f, s.tokensSharded, m.hiddenSize * s.activationBytes, k, epGroup);
  }
  return { tpForward, tpBackward: tpForward, cpForward, cpBackward: 2 * cpForward, epForward, epBackward: epForward };
}

/** Pipeline point-to-point per micro-batch per chunk boundary: activations T·h (÷t under SP) each way. */
export function pipelineP2pSeconds(f: Fabric, m: ModelConfig, layout: ResolvedLayout, s: Shapes): number {
  if (layout.pp <= 1) return 0;
  // Scatter/gather: each TP rank sends its 1/t slice across stages, all-gathered over NVLink after [Narayanan21 §4.1].
  const bytes = s.tokensSharded * m.hiddenSize * s.activationBytes;
  const crosses = layout.tp * layout.cp * layout.dp >= f.domainSize;
  return p2pSeconds(f, bytes, crosses);
}
