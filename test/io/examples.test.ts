import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModelFile } from '../../src/io/index.js';

const EXAMPLES = readdirSync('examples').filter((f) => f.endsWith('.yaml')).sort();

describe('examples/', () => {
  it('has the documented examples', () => {
    for (const name of ['startup-1b.yaml', 'llama3-8b.yaml', 'llama3-70b.yaml', 'llama3-405b.yaml', 'deepseek-v3-moe.yaml', 'bert-large-finetune.yaml']) {
      expect(EXAMPLES).toContain(name);
    }
  });

  it.each(EXAMPLES)('%s loads and has constraints', (name) => {
    const loaded = loadModelFile(join('examples', name));
    expect(loaded.model.layers).toBeGreaterThan(0);
    expect(loaded.training.globalBatchSize).toBeGreaterThanOrEqual(1);
    expect(loaded.constraints.accelerators?.length).toBeGreaterThan(0);
    expect(loaded.file.constraints).toBeDefined();
  });

  it('resolves the presets the examples name', () => {
    expect(loadModelFile('examples/deepseek-v3-moe.yaml').model.moe?.experts).toBe(256);
    expect(loadModelFile('examples/llama3-8b.yaml').training.globalBatchSize).toBe(512);
    expect(loadModelFile('examples/bert-large-finetune.yaml').model.attention).toBe('bidirectional');
  });
});
