import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { PRESET_IDS } from '../../src/schema/index.js';

/** Runs the built CLI (npm test builds dist/ first) with a minimal environment. */
function trainplan(...args: string[]) {
  const r = spawnSync(process.execPath, ['bin/trainplan.js', ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const CONTRACT_IDS = [
  'gpt3-125m', 'gpt3-350m', 'gpt3-760m', 'gpt3-1.3b', 'gpt3-2.7b', 'gpt3-6.7b', 'gpt3-13b', 'gpt3-175b',
  'bert-base', 'bert-large', 'llama2-7b', 'llama2-13b', 'llama2-70b', 'llama3-8b', 'llama3-70b', 'llama3-405b',
  'mixtral-8x7b', 'mixtral-8x22b', 'deepseek-v3',
];

describe('trainplan presets', () => {
  it('lists every contract preset as a table', () => {
    const r = trainplan('presets');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    for (const id of CONTRACT_IDS) expect(r.stdout).toMatch(new RegExp(`^${id.replace('.', '\\.')} `, 'm'));
    expect(r.stdout).toMatch(/Brown et al\. 2020/);
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('prints one JSON document with --json', () => {
    const r = trainplan('presets', '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.schemaVersion).toBe(1);
    expect(doc.tool.name).toBe('trainplan');
    expect(doc.presets.map((p: { id: string }) => p.id)).toEqual(PRESET_IDS);
    expect(doc.presets.find((p: { id: string }) => p.id === 'llama3-70b').model).toMatchObject({ layers: 80, hiddenSize: 8192, kvHeads: 8 });
    expect(trainplan('presets', '--format', 'json').stdout).toBe(r.stdout);
  });

  it('prints CSV and Markdown', () => {
    const csv = trainplan('presets', '--format', 'csv');
    expect(csv.code).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^id,title,layers,hiddenSize,/);
    expect(lines).toHaveLength(PRESET_IDS.length + 1);
    const md = trainplan('presets', '--format', 'markdown');
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^\| id \| layers \|/);
  });

  it('rejects an unknown format with exit 2', () => {
    const r = trainplan('presets', '--format', 'xml');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/xml/);
  });
});
