import { basename } from 'node:path';
import type { Command } from 'commander';
import { readBaseline } from '../../io/index.js';
import { baselineFacts, type BaselineFacts } from '../../planner/index.js';
import { InputError, SCHEMA_VERSION, type Warning } from '../../schema/index.js';
import { TOOL } from '../context.js';
import type { PlanOpts } from './plan.js';

export interface CheckOpts extends PlanOpts {
  baseline?: string;
  maxIncrease?: string;
  out?: string;
  baselineAnyModel?: boolean;
  followSymlinks?: boolean;
}

/** The options check adds to plan's. */
export function addCheckOptions(cmd: Command): Command {
  return cmd
    .option('--baseline <file>', 'a previous `plan --json` or `check --json` document to compare against')
    .option('--max-increase <percent>', 'fail when cost or time rose more than this many percent vs --baseline (e.g. 10 or 10%)')
    .option('--baseline-any-model', 'compare with a --baseline written for a different model (by default the model names must match)')
    .option('--out <file>', 'write the report to this file (atomically) instead of stdout')
    .option('--follow-symlinks', 'let --out replace the file a symlink points to (by default a symlink target is refused)');
}

/** "10", "10%", "2.5" → a percentage ≥ 0; anything else is an input error. */
export function percentFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
  const n = m ? Number(m[1]) : NaN;
  if (!Number.isFinite(n) || n > 1e6) {
    throw new InputError('INVALID_OPTION', `expected a percentage such as 10 or 10%, got "${value}"`, { location: flag });
  }
  return n;
}

export interface BaselineInput {
  facts: BaselineFacts | null;
  doc: { file: string; maxIncreasePercent: number | null } | null;
  warnings: Warning[];
}

/** --baseline and --max-increase, validated together. */
export function baselineFromFlags(o: CheckOpts, modelName?: string): BaselineInput {
  const max = percentFlag(o.maxIncrease, '--max-increase') ?? null;
  if (o.baseline === undefined) {
    if (max !== null) throw new InputError('INVALID_OPTION', 'needs --baseline <file> to compare against', { location: '--max-increase' });
    return { facts: null, doc: null, warnings: [] };
  }
  const doc = readBaseline(o.baseline);
  const before = doc.input.model.name;
  if (modelName !== undefined && before !== modelName && !o.baselineAnyModel) {
    throw new InputError('BASELINE_OTHER_MODEL', `the baseline is for model "${before}", this check is for "${modelName}"`, { location: o.baseline, suggestion: 'pass --baseline-any-model to compare different models' });
  }
  const facts = baselineFacts(doc);
  const warnings = facts.toolVersion === TOOL.version ? [] : [{ code: 'BASELINE_VERSION', message: `the baseline was written by trainplan ${facts.toolVersion} (this is ${TOOL.version}, schemaVersion ${SCHEMA_VERSION}); estimates may differ for reasons other than your change` }];
  return { facts, doc: { file: basename(o.baseline), maxIncreasePercent: max }, warnings };
}
