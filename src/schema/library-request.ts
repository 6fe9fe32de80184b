import { z } from 'zod';
import { InputError } from './errors.js';
import { layoutSchema, type Layout } from './layout.js';
import { modelConfigSchema } from './model.js';
import { trainingConfigSchema } from './document.js';
import { precisionSchema, pricingSchema, type Precision } from './units.js';

/**
 * The library's entry points validate their input with the same zod schemas the CLI's files go through
 * and fill the same defaults, so a script gets what `trainplan estimate` / `plan` print — or a typed
 * InputError naming the field path — never NaN or a TypeError.
 */

/** A layout as a caller may give it: `gpus` required; every other field takes the CLI's default. */
export const layoutRequestSchema = z.strictObject({
  gpus: layoutSchema.shape.gpus,
  tp: layoutSchema.shape.tp.default(1),
  pp: layoutSchema.shape.pp.default(1),
  cp: layoutSchema.shape.cp.default(1),
  ep: layoutSchema.shape.ep.default(1),
  vpp: layoutSchema.shape.vpp.default(1),
  microBatch: layoutSchema.shape.microBatch.default(1),
  zero: layoutSchema.shape.zero.default(1),
  recompute: layoutSchema.shape.recompute.default('selective'),
  /** The sub-blocks of a `partial` recompute (est-stack's training stacks). */
  recomputeBlocks: layoutSchema.shape.recomputeBlocks,
  /** Default: on exactly when tp > 1 (as the CLI). */
  sequenceParallel: z.boolean().optional(),
  /** Default: the training section's precision (as the CLI). */
  precision: precisionSchema.optional(),
});
export type LayoutRequest = z.input<typeof layoutRequestSchema>;

// Model and training are validated as the documents echo them; keys added by later versions pass through.
const modelShape = z.looseObject(modelConfigSchema.shape);
const trainingShape = z.looseObject(trainingConfigSchema.shape);
const catalogShape = z.looseObject({ accelerators: z.array(z.looseObject({ id: z.string() })), offers: z.array(z.looseObject({ provider: z.string(), instance: z.string() })) });

function fail(err: z.ZodError, prefix: string[] = []): never {
  const issue = err.issues[0]!;
  const path = [...prefix, ...issue.path.map(String)].join('.');
  throw new InputError('INVALID_REQUEST', issue.message, { location: path || '(request)' });
}

function check<T>(schema: z.ZodType<T>, value: unknown, path: string[]): T {
  const r = schema.safeParse(value);
  if (!r.success) fail(r.error, path);
  return r.data;
}

/** The request object itself must be an object (a missing or primitive argument is an InputError too). */
function object(value: unknown, name: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError('INVALID_REQUEST', `expected an object, got ${value === null ? 'null' : typeof value}`, { location: name });
  return value as Record<string, unknown>;
}

/**
 * Checks model, training and catalog (shared by estimateRequest, plan and runCheck); constraints are the planner's to check.
 * `catalog: false` skips the catalog (a prepared search checks its one catalog on its first search only).
 */
export function checkRunInput(input: unknown, name: string, parts: { catalog?: boolean } = {}): void {
  const o = object(input, name);
  check(modelShape, o.model, ['model']);
  check(trainingShape, o.training, ['training']);
  if (parts.catalog !== false) check(catalogShape, o.catalog, ['catalog']);
}

/** A full layout from a partial one, with the CLI's defaults (precision from the training section). */
export function layoutFromRequest(layout: unknown, trainingPrecision: Precision): Layout {
  const { recomputeBlocks, ...l } = check(layoutRequestSchema, layout, ['layout']);
  return { ...l, ...(recomputeBlocks ? { recomputeBlocks } : {}), sequenceParallel: l.sequenceParallel ?? l.tp > 1, precision: l.precision ?? trainingPrecision };
}

/** estimateRequest's own fields: accelerator (required), provider/instance (optional), pricing (default on-demand). */
export function checkEstimateFields(input: Record<string, unknown>): { pricing: z.infer<typeof pricingSchema> } {
  check(z.string().min(1), input.accelerator, ['accelerator']);
  if (input.provider !== undefined) check(z.string().min(1), input.provider, ['provider']);
  if (input.instance !== undefined) check(z.string().min(1), input.instance, ['instance']);
  return { pricing: check(pricingSchema.default('on-demand'), input.pricing, ['pricing']) };
}
