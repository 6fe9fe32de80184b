import { describe, expect, it } from 'vitest';
import { FieldError, normalizeTraining, trainingSectionSchema } from '../../src/schema/index.js';

const parse = (raw: object) => normalizeTraining(trainingSectionSchema.parse(raw));

describe('normalizeTraining', () => {
  it('keeps a batch given in sequences and parses suffixed counts', () => {
    expect(parse({ tokens: '15T', sequenceLength: 8192, globalBatchSize: 2048 })).toEqual({
      tokens: 15e12, sequenceLength: 8192, globalBatchSize: 2048, precision: 'bf16', optimizer: 'adam', framework: 'megatron',
    });
  });

  it('converts globalBatchTokens to sequences', () => {
    expect(parse({ tokens: 1e9, sequenceLength: 4096, globalBatchTokens: 4194304 }).globalBatchSize).toBe(1024);
  });

  it.each([
    ['not a whole number of sequences', 4e6, 8192],
    ['less than one sequence', 1024, 8192],
  ])('rejects globalBatchTokens that is %s', (_name, batchTokens, seq) => {
    expect(() => parse({ tokens: 1e9, sequenceLength: seq, globalBatchTokens: batchTokens })).toThrow(FieldError);
    try {
      parse({ tokens: 1e9, sequenceLength: seq, globalBatchTokens: batchTokens });
    } catch (err) {
      expect((err as FieldError).message).toMatch(/^training\.globalBatchTokens: /);
      expect((err as FieldError).suggestion).toMatch(/multiple of sequenceLength/);
    }
  });

  it('rejects both or neither batch field at the schema level', () => {
    expect(trainingSectionSchema.safeParse({ tokens: 1, sequenceLength: 1 }).success).toBe(false);
    expect(trainingSectionSchema.safeParse({ tokens: 1, sequenceLength: 1, globalBatchSize: 1, globalBatchTokens: 1 }).success).toBe(false);
  });
});
