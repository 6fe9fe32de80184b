import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/estimator/index.js';
import { loadBuiltinCatalog } from '../../src/io/load-catalog.js';
import { renderEstimate } from '../../src/report/index.js';
import { resolveFinetune, type FinetuneSection } from '../../src/schema/index.js';
import { aLayout, aTraining, SHAPES } from '../helpers/builders.js';

const catalog = loadBuiltinCatalog();
const h100 = catalog.accelerators.find((a) => a.id === 'h100-sxm')!;
const c = new Chalk({ level: 0 });

/** The estimate table under its header line says what a fine-tuning run trains and how it stores the frozen weights. */
function table(f?: FinetuneSection): { text: string; e: NonNullable<ReturnType<typeof run>> } {
  const e = run(f);
  return { text: renderEstimate(e!, c, 'run', 100), e: e! };
}
function run(f?: FinetuneSection) {
  const r = estimate({
    model: SHAPES.llama3_8b, accelerator: h100, layout: aLayout({ gpus: 8, zero: 1, recompute: 'full', microBatch: 1 }),
    training: aTraining({ sequenceLength: 2048, globalBatchSize: 64, ...(f ? { finetune: resolveFinetune(f) } : {}) }),
  });
  return r.ok ? r.estimate : null;
}

describe('estimate table: the fine-tuning line', () => {
  it('LoRA: the trainable count and share from the estimate, 16-bit frozen weights', () => {
    const { text, e } = table({ method: 'lora' });
    const line = text.split('\n').find((l) => l.includes('LoRA:'))!;
    expect(e.finetune!.trainableParameters).toBeGreaterThan(0);
    expect(line).toMatch(/LoRA: [\d.]+M trainable \(0\.\d\d%\); frozen weights at 16 bits$/);
  });
  it('QLoRA: 4.127-bit frozen weights and the paged optimizer in host memory', () => {
    const { text, e } = table({ method: 'qlora' });
    expect(e.finetune!.hostOptimizerBytes).toBeGreaterThan(0);
    expect(text).toMatch(/QLoRA: [\d.]+M trainable \([\d.]+%\); frozen weights at 4\.127 bits; paged optimizer: [\d.]+ GiB\/GPU in host/);
  });
  it('full fine-tuning says so; pre-training prints no fine-tuning line', () => {
    expect(table({ method: 'full' }).text).toContain('full fine-tuning: every parameter trained');
    expect(table().text).not.toMatch(/LoRA|fine-tuning/);
  });
});
