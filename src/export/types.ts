import type { ModelConfig, ResolvedLayout, TrainingConfig } from '../schema/index.js';

export const EXPORT_FRAMEWORKS = ['megatron', 'nemo', 'deepspeed', 'torchtitan'] as const;
export type ExportFramework = (typeof EXPORT_FRAMEWORKS)[number];

/** One run to export: the values a plan (or an estimate) fixed, from its JSON document. */
export interface ExportInput {
  /** What the document was: `plan` (with the rank exported) or `estimate`. */
  source: { command: 'plan' | 'estimate'; modelFile: string | null; rank: number | null };
  model: ModelConfig;
  training: TrainingConfig;
  layout: ResolvedLayout;
  accelerator: string;
  provider: string | null;
  instance: string | null;
  pricing: string | null;
  /** Whole instances (nodes) the run uses, and accelerators in each. */
  instances: number;
  gpusPerInstance: number;
  /** Optimizer steps of the whole run (time.steps). */
  steps: number;
}

/** A config, or why the framework cannot express the plan (never a silently different config). */
export type ExportResult = { ok: true; text: string } | { ok: false; reason: string };
