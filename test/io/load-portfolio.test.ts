import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog, loadFleets, loadPortfolio, parsePortfolio } from '../../src/io/index.js';
import { InputError } from '../../src/schema/index.js';
import { tempDir } from '../helpers/tmp.js';

const catalog = loadCatalog({ files: ['examples/portfolio/lab.yaml'], env: {} });
const fleets = loadFleets({ files: ['examples/portfolio/lab.yaml'], env: {}, knownAccelerators: catalog.accelerators.map((a) => a.id) });
const dir = tempDir('trainplan-portfolio-');
writeFileSync(join(dir, 'good.yaml'), 'model:\n  preset: llama3-8b\ntraining:\n  tokens: 1B\n  sequenceLength: 8192\n  globalBatchSize: 64\n');
writeFileSync(join(dir, 'broken.yaml'), 'model:\n  preset: llama3-8b\ntraining:\n  tokens: -5\n  sequenceLength: 8192\n  globalBatchSize: 64\n');

const HEAD = 'horizonDays: 60\ncapacity:\n  fleets: [lab-h100]\njobs:\n';
const parse = (text: string) => parsePortfolio(text, join(dir, 'p.yaml'), { catalog, fleets });

function errorOf(text: string): InputError {
  try {
    parse(text);
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('portfolio files', () => {
  it('loads the example: model paths relative to the portfolio, inline models, CPU jobs, fleets and commitments', () => {
    const p = loadPortfolio('examples/portfolio/portfolio.yaml', { catalog, fleets });
    expect(p.file.horizonDays).toBe(90);
    expect(p.fleets.map((f) => [f.name, f.count])).toEqual([['lab-h100', 64]]);
    expect(p.commitments.map((c) => [c.provider, c.instance, c.count, c.pricing, c.offer.acceleratorCount])).toEqual([['gcp', 'a3-highgpu-1g', 16, 'reserved-1y', 1]]);
    const byId = Object.fromEntries(p.jobs.map((j) => [j.job.id, j]));
    expect(byId.flagship!.model!.model.hiddenSize).toBe(4096);
    expect(byId.flagship!.model!.constraints.accelerators).toEqual(['h100-sxm', 'h200-sxm']);
    expect(byId.eval!.model!.model.layers).toBe(32);
    expect(byId.preprocess!.model).toBeNull();
    expect(byId.ablation!.job.repeat).toBe(4);
  });

  it.each([
    ['duplicate job ids', `${HEAD}  - { id: a, model: good.yaml }\n  - { id: a, model: good.yaml }\n`, /jobs\[1\]\.id: duplicate job id "a"/, ':6:11'],
    ['unknown fleet (with did-you-mean)', 'capacity:\n  fleets: [lab-h10]\njobs:\n  - { id: a, model: good.yaml }\n', /capacity\.fleets\[0\]: unknown fleet "lab-h10"/, ':2:12'],
    ['unknown job in after:', `${HEAD}  - { id: a, model: good.yaml, after: [b] }\n`, /jobs\[0\]\.after\[0\]: unknown job "b"/, ':5:40'],
    ['a cycle of after:', `${HEAD}  - { id: a, model: good.yaml, after: [b] }\n  - { id: b, model: good.yaml, after: [a] }\n`, /cycle \(a → b → a\)/, ':5:'],
    ['negative count', `horizonDays: 60\ncapacity:\n  commitments: [{ provider: gcp, instance: a3-highgpu-1g, count: -2 }]\njobs:\n  - { id: a, model: good.yaml }\n`, /count: -2 is too small|count must be at least 1/, ':3:'],
    ['non-integer repeat', `${HEAD}  - { id: a, model: good.yaml, repeat: 1.5 }\n`, /repeat/, ':5:'],
    ['deadline before earliest start', `${HEAD}  - { id: a, model: good.yaml, earliestStartDay: 20, deadlineDays: 10 }\n`, /deadline \(day 10\) is not after earliestStartDay 20/, ':5:'],
    ['commitment for an offer that does not exist', `horizonDays: 60\ncapacity:\n  commitments: [{ provider: coreweave, instance: h100-nope, count: 2 }]\njobs:\n  - { id: a, model: good.yaml }\n`, /capacity\.commitments\[0\]: unknown instance "h100-nope"/, ':3:17'],
    ['commitment without that price', `horizonDays: 60\ncapacity:\n  commitments: [{ provider: lambda, instance: gpu_8x_h100_sxm5, count: 2, pricing: reserved-3y }]\njobs:\n  - { id: a, model: good.yaml }\n`, /has no reserved-3y price/, ':3:'],
    ['unknown key (with did-you-mean)', `${HEAD}  - { id: a, model: good.yaml, priorty: 2 }\n`, /jobs\[0\]\.priorty: unknown key/, ':5:'],
    ['no capacity at all', 'capacity: {}\njobs:\n  - { id: a, model: good.yaml }\n', /no capacity: give fleets:, commitments: or rent: true/, ':1:'],
    ['a job with neither model nor CPU figures', `${HEAD}  - { id: a, priority: 1 }\n`, /give model:/, ':5:'],
    ['an inline model without training', `${HEAD}  - id: a\n    model: { preset: llama3-8b }\n`, /inline model: needs an inline training:/, ':5:'],
    ['an unknown accelerator pin', `${HEAD}  - { id: a, model: good.yaml, accelerators: [h100-sx] }\n`, /jobs\[0\]\.accelerators\[0\]: unknown accelerator "h100-sx"/, ':5:'],
  ])('%s is one located error', (_name, text, message, where) => {
    const e = errorOf(text);
    expect(e.message).toMatch(message);
    expect(e.location).toContain(`p.yaml${where}`);
  });

  it('a model file that fails to load gives its own error, prefixed with the job id', () => {
    const e = errorOf(`${HEAD}  - { id: flagship, model: broken.yaml }\n`);
    expect(e.location).toBe('job flagship');
    expect(e.message).toMatch(/broken\.yaml:4:11: training\.tokens/);
    const missing = errorOf(`${HEAD}  - { id: sft, model: nowhere.yaml }\n`);
    expect(missing.location).toBe('job sft');
    expect(missing.message).toMatch(/nowhere\.yaml/);
  });

  it('did-you-mean on an unknown fleet', () => {
    expect(errorOf('capacity:\n  fleets: [lab-h10]\njobs:\n  - { id: a, model: good.yaml }\n').suggestion).toBe('did you mean lab-h100?');
  });
});
