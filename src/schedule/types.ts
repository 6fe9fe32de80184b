/** Where a pool's GPUs come from: an owned fleet, a reserved commitment, rented on demand, or CPU machines. */
export type PoolSource = 'owned' | 'committed' | 'rented';

/** A block of capacity jobs share. Rented capacity is unbounded (capacityGpus = Infinity). */
export interface Pool {
  id: string;
  source: PoolSource;
  /** What the pool holds; null for the rented pool (any catalog offer). */
  accelerator: string | null;
  provider: string | null;
  instance: string | null;
  pricing: string;
  capacityGpus: number;
  /** Price of one GPU-hour used (owned: depreciation + energy + operations; committed: the reserved rate). */
  usdPerGpuHour: number | null;
  /** Paid per GPU-hour of capacity whether used or not (owned: depreciation + operations; committed: the whole rate). */
  fixedUsdPerGpuHour: number;
}

/** One way to run a job: a pool, a GPU count and what the planner says it costs there. */
export interface JobOption {
  pool: string;
  gpus: number;
  /** Expected wall-clock days (estimate()'s time.totalSeconds, goodput losses included). */
  days: number;
  gpuHours: number;
  /** What the run is charged (estimate()'s cost.usd on this pool's price). */
  costUsd: number;
  /** What running it adds to the portfolio's bill (owned: energy only; committed: nothing; rented: everything). */
  marginalUsd: number;
  accelerator: string;
  provider: string;
  instance: string;
  pricing: string;
  usdPerGpuHour: number;
  /** Days lost each time a preemptible run yields and resumes: one checkpoint save plus one restart (goodput model). */
  resumeDays: number;
  /** Layout chosen by the planner, as "tp·pp·dp" etc. (informational). */
  layout: string;
  /**
   * GPUs the option's offer can supply at once (catalog offerCapacityGpus: maxInstances × GPUs per instance), shared by
   * every job renting it; absent or null when unbounded. Only rented options carry it: fixed pools have their own capacity.
   */
  offerCapacityGpus?: number | null;
}

/** A job as the allocator sees it: priorities, dates and its options. */
export interface ScheduleJob {
  id: string;
  priority: number;
  earliestStartDay: number;
  /** Absolute day by which it must finish; null = none (it must still finish inside the horizon). */
  deadlineDays: number | null;
  preemptible: boolean;
  after: readonly string[];
  options: readonly JobOption[];
  /** Why it has no options, when it has none. */
  noOptionReason?: string;
}

export interface Segment {
  startDay: number;
  finishDay: number;
}

/** Part of a job run on one option: its segments (several when preempted), the share of the job's work it does, and its bill. */
export interface Piece {
  option: JobOption;
  segments: Segment[];
  /** Share of the job's tokens this piece trains (the pieces of a placement sum to 1). */
  fraction: number;
  gpuHours: number;
  costUsd: number;
  marginalUsd: number;
}

/** Where and when one job runs. */
export interface Placement {
  job: string;
  /** The first piece's option (the whole run's, unless it is split). */
  option: JobOption;
  /** The first piece's segments. */
  segments: Segment[];
  /** Every piece in time order: one, or two when the job moves to another option part-way (a checkpoint/restart at the switch). */
  pieces: Piece[];
  startDay: number;
  finishDay: number;
  /** gpuHours and costs summed over the pieces, including resume overheads of a preempted or split run. */
  gpuHours: number;
  costUsd: number;
  marginalUsd: number;
  meetsDeadline: boolean;
}

export interface ScheduleProblem {
  horizonDays: number;
  pools: readonly Pool[];
  jobs: readonly ScheduleJob[];
}

export interface Unscheduled {
  id: string;
  reason: string;
  fixes: string[];
}

export interface ScheduleSolution {
  placements: Placement[];
  unscheduled: Unscheduled[];
  /** "exhaustive" (every option combination × job order), "greedy" (list scheduling in priority order, improved) or "milp" (the time-indexed MILP's choice, re-timed and improved). */
  method: 'exhaustive' | 'greedy' | 'milp';
  /** Complete schedules built and compared. */
  evaluated: number;
}
