import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { calibrationCaseSchema, type CalibrationCase } from '../schema/index.js';

/** Reads a calibration file (a YAML list of measured runs) and validates every case. */
export function loadCalibrationCases(path: string): CalibrationCase[] {
  const doc: unknown = parse(readFileSync(path, 'utf8'), { maxAliasCount: 100 });
  return z.array(calibrationCaseSchema).parse(doc);
}
