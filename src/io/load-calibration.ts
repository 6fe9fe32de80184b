import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { calibrationCaseSchema, memoryCaseSchema, type CalibrationCase, type MemoryCase } from '../schema/index.js';

/** Reads a calibration file (a YAML list of measured runs) and validates every case. */
export function loadCalibrationCases(path: string): CalibrationCase[] {
  const doc: unknown = parse(readFileSync(path, 'utf8'), { maxAliasCount: 100 });
  return z.array(calibrationCaseSchema).parse(doc);
}

/** Reads the memory validation file (published peak / model-state / activation figures and production layouts). */
export function loadMemoryCases(path: string): MemoryCase[] {
  const doc: unknown = parse(readFileSync(path, 'utf8'), { maxAliasCount: 100 });
  return z.array(memoryCaseSchema).parse(doc);
}
