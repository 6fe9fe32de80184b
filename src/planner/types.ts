import type { Assumptions, Estimate, gridFor } from '../estimator/index.js';
import type { Catalog, Constraints, LayoutPins, ModelConfig, Offer, PlanPricing, Precision, PriceConfidence, ResolvedLayout, TrainingConfig } from '../schema/index.js';
import type { SkippedOffer } from '../catalog/index.js';

/** What the planner reads from a catalog (the loaded `Catalog` satisfies it). */
export type PlannerCatalog = Pick<Catalog, 'accelerators' | 'offers'> & {
  /** Owned fleets as offers (economics/owned.ts fleetToOffer): searched under pricing "owned", never above maxGpus. */
  owned?: readonly OwnedPlanOffer[];
};

/** An owned fleet as the planner sees it: an offer with its own $/GPU-hour and a GPU ceiling. */
export type OwnedPlanOffer = Offer & { maxGpus: number; usdPerGpuHour: number };

export type Objective = 'cost' | 'time';

/**
 * The model file's `constraints:` with flags merged over them. `deadlineDays: null` lifts the default
 * deadline (DEFAULT_DEADLINE_DAYS); left out, the default applies.
 */
export type PlanConstraints = Omit<Constraints, 'deadlineDays'> & { deadlineDays?: number | null };

/** Where a constraint in effect came from: a command-line flag, the model file, the library caller, or the default. */
export type ConstraintSource = 'flag' | 'model-file' | 'caller' | 'default';
export const CONSTRAINT_KEYS = ['objective', 'accelerators', 'providers', 'pricing', 'minGpus', 'maxGpus', 'deadlineDays', 'budgetUsd', 'allowFp8', 'top'] as const;
export type ConstraintKey = (typeof CONSTRAINT_KEYS)[number];
export type ConstraintSources = Record<ConstraintKey, ConstraintSource>;

export interface PlanInput {
  model: ModelConfig;
  training: TrainingConfig;
  catalog: PlannerCatalog;
  /** The model file's `constraints:` with command-line flags already merged over it. */
  constraints?: PlanConstraints;
  /** Which given constraints came from a flag and which from the model file (the CLI knows); others given count as 'caller'. */
  constraintSources?: Partial<Record<ConstraintKey, 'flag' | 'model-file'>>;
  /** How many ranked plans to return (default 5). */
  top?: number;
  assumptions?: Partial<Assumptions>;
  /** Smallest sequence chunk per context-parallel rank (default 1024 tokens). */
  minTokensPerCpRank?: number;
  /** Layout degrees fixed by flags (`--tp 8 --pp 16`): the search keeps only these values. */
  pins?: LayoutPins;
  /** hardware-catalog/grid-intensity.yaml rows: each plan's offer region sets its carbon intensity. */
  gridRegions?: Parameters<typeof gridFor>[0];
  /** Internal: false turns branch and bound off (every family enumerated; tests compare the two). Default true. */
  prune?: boolean;
  /** Called between work units; pure callers may ignore it. */
  onProgress?: (done: number, total: number) => void;
}

/** Constraints after defaults, validated. */
export interface ResolvedConstraints {
  objective: Objective;
  accelerators: string[];
  providers: string[] | null;
  pricing: PlanPricing[];
  minGpus: number;
  maxGpus: number;
  deadlineDays: number | null;
  budgetUsd: number | null;
  allowFp8: boolean;
  top: number;
  minTokensPerCpRank: number;
  /** Where each constraint in effect came from. */
  sources: ConstraintSources;
  /** Layout degrees the search may not vary (present only when some are pinned). */
  pins?: LayoutPins;
  /** Offers whose price is less sure than this class are skipped (present only when given). */
  minPriceConfidence?: PriceConfidence;
}

export type PruneReason = 'slower-at-gpu-count' | 'over-deadline' | 'over-budget' | 'cannot-beat-top-n';

export type RejectReason = 'oom' | 'past-deadline' | 'past-term-limit' | 'over-budget' | 'heads-not-divisible-by-tp' | 'kv-heads-not-divisible-by-tp';

export interface SearchStats {
  /** Candidate plans judged: layouts × offers × pricing models (plus pruned tp values, see README). */
  evaluated: number;
  feasible: number;
  rejected: { byReason: Partial<Record<RejectReason, number>> };
  /**
   * Branch and bound (prune.ts): families skipped whole because a lower bound shows they cannot change the
   * result; `layouts` and `evaluated` count what they held in the units of the fields above, and
   * `byReason` splits `evaluated`. evaluated + pruned.evaluated (and layouts + pruned.layouts) equal the
   * full search's.
   */
  pruned: { families: number; layouts: number; evaluated: number; byReason: Partial<Record<PruneReason, number>> };
  /** Distinct (accelerator network, precision, layout) combinations judged. */
  layouts: number;
  /** Of those, layouts whose step time was computed (the rest were decided by memory bounds). */
  estimated: number;
  /** Accelerators searched, and those left out with the reason. */
  accelerators: string[];
  skipped: Array<{ accelerator: string; reason: string }>;
  /** Offers left out by minPriceConfidence (present only when it is set). */
  skippedOffers?: SkippedOffer[];
}

/** One ranked plan: an offer, a pricing model, a GPU count and a layout, with the estimator's numbers. */
export interface PlannedRun {
  /** Position by the objective (1 = best); null for frontier plans outside the top N. */
  rank: number | null;
  accelerator: string;
  provider: string;
  instance: string;
  pricing: PlanPricing;
  instances: number;
  gpus: number;
  usdPerGpuHour: number;
  layout: ResolvedLayout & { precision: Precision };
  /** Exactly what `estimate()` returns for this layout, accelerator, network and price. */
  estimate: Estimate;
  frontier: boolean;
  /** How many GPUs the offer can supply (owned fleet size or maxInstances × GPUs per instance); atLimit: one more instance would exceed it. */
  capacity: PlanCapacity;
}

export interface PlanCapacity {
  maxInstances: number | null;
  maxGpus: number | null;
  atLimit: boolean;
}

export interface Fix {
  kind: 'more-gpus' | 'later-deadline' | 'bigger-budget' | 'larger-memory-accelerator' | 'other';
  message: string;
}

export interface PlanResult {
  constraints: ResolvedConstraints;
  plans: PlannedRun[];
  /** The cost-vs-time Pareto frontier over every feasible plan, cheapest first. */
  frontier: PlannedRun[];
  search: SearchStats;
  /** Null when a plan was found; otherwise why not and what would fix it. */
  infeasible: { reason: string; fixes: Fix[] } | null;
}
