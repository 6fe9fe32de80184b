import { dirname, isAbsolute, join } from 'node:path';
import { findOffer, gpuHourPrice } from '../catalog/index.js';
import {
  FieldError,
  InputError,
  didYouMean,
  normalizeTraining,
  portfolioFileSchema,
  resolveModel,
  type Catalog,
  type Fleet,
  type Offer,
  type PortfolioFile,
  type PortfolioJob,
  type Pricing,
} from '../schema/index.js';
import { loadModelFile, type LoadedModelFile } from './load-model.js';
import { readInputFile } from './input-file.js';
import { issueToError } from './schema-issues.js';
import { parseYamlSource, type ParsedYaml } from './yaml-source.js';

/** A job with its workload loaded (model file or inline sections), or a CPU-only job. */
export interface LoadedPortfolioJob {
  job: PortfolioJob;
  model: LoadedModelFile | null;
}

export interface LoadedPortfolio {
  file: PortfolioFile;
  jobs: LoadedPortfolioJob[];
  fleets: Fleet[];
  commitments: Array<{ provider: string; instance: string; count: number; pricing: Pricing; offer: Offer }>;
}

const CODE = 'PORTFOLIO_INVALID';

/** `model:` of one job: a path relative to the portfolio file (its own errors prefixed with the job id), or inline sections. */
function loadJobModel(job: PortfolioJob, index: number, src: ParsedYaml, portfolioPath: string, readModel: (path: string) => LoadedModelFile): LoadedModelFile | null {
  if (job.model === undefined) return null;
  if (typeof job.model === 'string') {
    const path = isAbsolute(job.model) ? job.model : join(dirname(portfolioPath), job.model);
    try {
      return readModel(path);
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      const where = err.location ? `${err.location}: ` : '';
      throw new InputError(err.code, `${where}${err.message}`, { location: `job ${job.id}`, ...(err.suggestion ? { suggestion: err.suggestion } : {}) });
    }
  }
  try {
    const model = resolveModel(job.model, job.id);
    const training = normalizeTraining(job.training!);
    return { file: { model: job.model, training: job.training! }, model, training, constraints: job.constraints ?? {}, locate: (p) => src.locate(['jobs', index, ...p]) };
  } catch (err) {
    if (err instanceof FieldError) throw new InputError(err.code, `job ${job.id}: ${err.message}`, { location: src.locate(['jobs', index, ...err.path]), ...(err.suggestion ? { suggestion: err.suggestion } : {}) });
    throw err;
  }
}

function checkCycles(file: PortfolioFile, src: ParsedYaml): void {
  const deps = new Map(file.jobs.map((j) => [j.id, j.after]));
  const state = new Map<string, 'open' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'open') {
      const i = file.jobs.findIndex((j) => j.id === id);
      throw new InputError(CODE, `jobs[${i}].after: the after: references form a cycle (${[...trail.slice(trail.indexOf(id)), id].join(' → ')})`, { location: src.locate(['jobs', i, 'after']) });
    }
    state.set(id, 'open');
    for (const d of deps.get(id) ?? []) visit(d, [...trail, id]);
    state.set(id, 'done');
  };
  for (const j of file.jobs) visit(j.id, []);
}

/**
 * Parses and validates portfolio text (`path` locates relative model files and names the file in messages):
 * every problem is one InputError naming file:line:col and the field, or the job id for a model file's own error.
 */
export function parsePortfolio(text: string, path: string, ctx: { catalog: Catalog; fleets: readonly Fleet[]; readModel?: (path: string) => LoadedModelFile }): LoadedPortfolio {
  const src = parseYamlSource(text, path);
  if (src.data === null || typeof src.data !== 'object' || Array.isArray(src.data)) {
    throw new InputError(CODE, 'expected a mapping with capacity: and jobs: at the top level', { location: src.locate([]) });
  }
  const parsed = portfolioFileSchema.safeParse(src.data, { reportInput: true });
  if (!parsed.success) throw issueToError(parsed.error.issues, portfolioFileSchema, src);
  const file = parsed.data;
  checkCycles(file, src);
  const known = ctx.fleets.map((f) => f.name);
  const fleets = file.capacity.fleets.map((name, i) => {
    const f = ctx.fleets.find((x) => x.name === name);
    if (f) return f;
    const near = didYouMean(name, known);
    throw new InputError('UNKNOWN_FLEET', `capacity.fleets[${i}]: unknown fleet "${name}"`, {
      location: src.locate(['capacity', 'fleets', i]),
      suggestion: near ? `did you mean ${near}?` : known.length ? `known: ${known.join(', ')}` : 'define it under fleets: in a --catalog file',
    });
  });
  const commitments = file.capacity.commitments.map((c, i) => {
    let offer: Offer;
    try {
      offer = findOffer(ctx.catalog, c.provider, c.instance);
    } catch (err) {
      if (err instanceof InputError) throw new InputError(err.code, `capacity.commitments[${i}]: ${err.message}`, { location: src.locate(['capacity', 'commitments', i]), ...(err.suggestion ? { suggestion: err.suggestion } : {}) });
      throw err;
    }
    if (gpuHourPrice(offer, c.pricing) === null) {
      throw new InputError('COMMITMENT_NO_PRICE', `capacity.commitments[${i}]: ${c.provider}/${c.instance} has no ${c.pricing} price in the catalog`, { location: src.locate(['capacity', 'commitments', i, 'pricing']) });
    }
    return { ...c, offer };
  });
  const providers = new Set(ctx.catalog.offers.map((o) => o.provider));
  (file.capacity.providers ?? []).forEach((p, i) => {
    if (providers.has(p)) return;
    const near = didYouMean(p, [...providers]);
    throw new InputError('UNKNOWN_PROVIDER', `capacity.providers[${i}]: unknown provider "${p}"`, { location: src.locate(['capacity', 'providers', i]), ...(near ? { suggestion: `did you mean ${near}?` } : {}) });
  });
  const accIds = ctx.catalog.accelerators.map((a) => a.id);
  const jobs = file.jobs.map((job, i) => {
    for (const key of ['accelerators', 'excludeAccelerators'] as const) {
      (job[key] ?? []).forEach((a, k) => {
        if (accIds.includes(a)) return;
        const near = didYouMean(a, accIds);
        throw new InputError('UNKNOWN_ACCELERATOR', `jobs[${i}].${key}[${k}]: unknown accelerator "${a}"`, { location: src.locate(['jobs', i, key, k]), ...(near ? { suggestion: `did you mean ${near}?` } : {}) });
      });
    }
    return { job, model: loadJobModel(job, i, src, path, ctx.readModel ?? loadModelFile) };
  });
  return { file, jobs, fleets, commitments };
}

/** Reads and validates a portfolio file (see parsePortfolio). */
export function loadPortfolio(path: string, ctx: { catalog: Catalog; fleets: readonly Fleet[] }): LoadedPortfolio {
  return parsePortfolio(readInputFile(path, 'portfolio'), path, ctx);
}
