/** Effective bandwidths (bus bandwidth, bytes/s per GPU) and latencies of the two network tiers. */
export interface Fabric {
  scaleUpBytesPerSecond: number;
  scaleOutBytesPerSecond: number;
  domainSize: number;
  scaleUpLatencySeconds: number;
  scaleOutLatencySeconds: number;
}

/** A process group of `size` ranks with `local` ranks per scale-up domain (Megatron rank order TP→CP→DP→PP). */
export interface Group {
  size: number;
  local: number;
}

/** Ranks of a group that share a scale-up domain when the group's stride is `stride` [Megatron parallel_state rank order]. */
export function groupOf(size: number, stride: number, domainSize: number): Group {
  const perDomain = Math.max(1, Math.floor(domainSize / stride));
  return { size, local: Math.max(1, Math.min(size, perDomain)) };
}

function latency(f: Fabric, g: Group): number {
  const nodes = g.size / g.local;
  const up = g.local > 1 ? f.scaleUpLatencySeconds : 0;
  const out = nodes > 1 ? f.scaleOutLatencySeconds * (1 + Math.log2(nodes)) : 0;
  return up + out;
}

/**
 * Hierarchical reduce-scatter or all-gather of a `bytes` buffer: ring inside the domain, then across
 * domains on S/k per GPU with every NIC busy [Thakur05 ring; modeling-reference §6.2 two-level form].
 */
export function allGatherSeconds(f: Fabric, bytes: number, g: Group): number {
  if (g.size <= 1 || bytes <= 0) return 0;
  const k = g.local;
  const nodes = g.size / k;
  const intra = k > 1 ? (((k - 1) / k) * bytes) / f.scaleUpBytesPerSecond : 0;
  const inter = nodes > 1 ? (((nodes - 1) / nodes) * (bytes / k)) / f.scaleOutBytesPerSecond : 0;
  return intra + inter + latency(f, g);
}

/** All-reduce = reduce-scatter + all-gather: 2(n−1)/n·S of traffic [Patarasuk09]. */
export function allReduceSeconds(f: Fabric, bytes: number, g: Group): number {
  if (g.size <= 1 || bytes <= 0) return 0;
  return 2 * allGatherSeconds(f, bytes, g);
}

/** Pairwise all-to-all where each GPU sends `bytesPerGpu`: the (k−1)/n share stays in the domain, the rest crosses the NIC [modeling-reference §6.1]. */
export function allToAllSeconds(f: Fabric, bytesPerGpu: number, g: Group): number {
  if (g.size <= 1 || bytesPerGpu <= 0) return 0;
  const n = g.size;
  const intraShare = (g.local - 1) / n;
  const interShare = (n - g.local) / n;
  const intra = (bytesPerGpu * intraShare) / f.scaleUpBytesPerSecond;
  const inter = (bytesPerGpu * interShare) / f.scaleOutBytesPerSecond;
  return Math.max(intra, inter) + latency(f, g);
}

/** Point-to-point send of `bytes`: α + S/B on the tier it crosses. */
export function p2pSeconds(f: Fabric, bytes: number, crossesDomain: boolean): number {
  if (bytes <= 0) return 0;
  return crossesDomain
    ? f.scaleOutLatencySeconds + bytes / f.scaleOutBytesPerSecond
    : f.scaleUpLatencySeconds + bytes / f.scaleUpBytesPerSecond;
}

/**
 * MoE dispatch (or combine) of `tokens` tokens of `tokenBytes` each to k experts spread uniformly over
 * an EP group. Hierarchical dispatch sends a token once to each remote domain that hosts one of its
 * experts, then fans out over the scale-up fabric [DeepSeek-V3 §3.2.2 node-limited routing; DeepEP]:
 * expected distinct domains = N·(1 − (1 − 1/N)^k) for N domains.
 */
export function expertDispatchSeconds(f: Fabric, tokens: number, tokenBytes: number, k: number, g: Group): number {
  if (g.size <= 1 || tokens <= 0) return 0;
  const domains = g.size / g.local;
  const intra = (tokens * tokenBytes * k * (g.local - 1)) / g.size / f.scaleUpBytesPerSecond;
  if (domains <= 1) return intra + latency(f, g);
  const distinct = domains * (1 - Math.pow(1 - 1 / domains, k));
  const remote = distinct * ((domains - 1) / domains);
  const inter = (tokens * tokenBytes * remote) / f.scaleOutBytesPerSecond;
  return Math.max(intra, inter) + latency(f, g);
}
