import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBuiltinCatalog } from '../../dist/io/index.js';
import { planInParallel } from '../../dist/cli/parallel-plan.js';
import { plan } from '../../dist/planner/index.js';
import { tempDir } from '../helpers/tmp.js';

const root = join(import.meta.dirname, '..', '..');

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(root, 'bin', 'trainplan.js'), ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...env },
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Model-file loading lands with issue 3; until then the CLI cases that need it are skipped. */
const canLoadModels = existsSync(join(root, 'dist', 'io', 'load-model.js'));
const modelFile = (text: string) => {
  const dir = tempDir('trainplan-plan-');
  const f = join(dir, 'model.yaml');
  writeFileSync(f, text);
  return f;
};
const SMALL = `name: small-test
model:
  layers: 16
  hiddenSize: 2048
  ffnHiddenSize: 8192
  attentionHeads: 16
  kvHeads: 8
  vocabSize: 32000
  ffn: swiglu
training:
  tokens: 200B
  sequenceLength: 2048
  globalBatchSize: 256
constraints:
  accelerators: [h100-sxm, a100-sxm-80gb]
  maxGpus: 64
`;

describe('plan on worker threads', () => {
  it('gives exactly the single-threaded result', async () => {
    const catalog = loadBuiltinCatalog();
    const input = {
      model: { name: 'm', layers: 16, hiddenSize: 2048, ffnHiddenSize: 8192, attentionHeads: 16, kvHeads: 8, headDim: 128, vocabSize: 32000, ffn: 'swiglu' as const, tiedEmbeddings: false, attention: 'causal' as const, moe: null, mla: null },
      training: { tokens: 2e11, sequenceLength: 2048, globalBatchSize: 256, precision: 'bf16' as const, optimizer: 'adam' as const },
      catalog,
      constraints: { maxGpus: 128, accelerators: ['h100-sxm', 'a100-sxm-80gb', 'l40s'], pricing: ['on-demand' as const, 'spot' as const] },
    };
    const threaded = await planInParallel(input, { threads: 2 });
    // Workers enumerate every family (no shared bounds): exactly the unpruned search, and the pruned one's plans.
    expect(JSON.stringify(threaded)).toBe(JSON.stringify(plan({ ...input, prune: false })));
    const pruned = plan(input);
    expect(JSON.stringify([threaded.plans, threaded.frontier, threaded.infeasible])).toBe(JSON.stringify([pruned.plans, pruned.frontier, pruned.infeasible]));
  });
});

describe.skipIf(!canLoadModels)('trainplan plan', () => {
  it('exit 0: a table with plans, best first', () => {
    const r = run(['plan', modelFile(SMALL)]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Best plans by total cost/);
    expect(r.stdout).toMatch(/rejected:/);
  });

  it('--json is byte-identical across runs and carries the contract fields', () => {
    const f = modelFile(SMALL);
    const a = run(['plan', f, '--json']);
    const b = run(['plan', f, '--json']);
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const doc = JSON.parse(a.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(Object.keys(doc.plans[0])).toEqual(expect.arrayContaining(['rank', 'accelerator', 'provider', 'instance', 'pricing', 'gpus', 'layout', 'memory', 'time', 'throughput', 'cost', 'frontier']));
    expect(doc.search.evaluated).toBeGreaterThan(0);
  });

  it('--format csv and markdown', () => {
    expect(run(['plan', modelFile(SMALL), '--format', 'csv']).stdout.split('\n')[0]).toMatch(/^rank,frontier,accelerator,provider,instance,instances,pricing,gpus,tp,pp/);
    expect(run(['plan', modelFile(SMALL), '--format', 'markdown']).stdout).toMatch(/^\*?\*?Best|\| # \|/m);
  });

  it('exit 1 when nothing is feasible, with the reason and a fix', () => {
    const r = run(['plan', modelFile(SMALL), '--deadline-days', '0.001']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/No feasible plan/);
    expect(r.stdout).toMatch(/fix: a deadline of at least/);
  });

  it.each([
    [['--min-gpus', '64', '--max-gpus', '8'], /minGpus 64 is greater than maxGpus 8/],
    [['--accelerators', 'gb200', '--providers', 'aws'], /no offer matches the constraints \(gb200: not offered by aws\)/],
    [['--objective', 'speed'], /unknown objective "speed"/],
    [['--deadline-days', '0'], /expected a number greater than 0/],
    [['--accelerators', 'h100-sxn'], /did you mean h100-sxm\?/],
  ])('exit 2 on bad input %j', (flags, message) => {
    const r = run(['plan', modelFile(SMALL), ...flags]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});
