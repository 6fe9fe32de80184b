import { z } from 'zod';
import { calibrationCaseSchema, memoryCaseSchema, type CalibrationCase, type MemoryCase } from '../schema/index.js';
import { readInputFile } from './input-file.js';
import { parseYaml } from './yaml-file.js';

/** Reads a calibration file (a YAML list of measured runs) through the guarded input layer and validates every case. */
export function loadCalibrationCases(path: string): CalibrationCase[] {
  const doc = parseYaml(readInputFile(path, 'catalog'), path, 'CALIBRATION_INVALID').data;
  return z.array(calibrationCaseSchema).parse(doc);
}

/** Reads the memory validation file (published peak / model-state / activation figures and production layouts). */
export function loadMemoryCases(path: string): MemoryCase[] {
  const doc = parseYaml(readInputFile(path, 'catalog'), path, 'CALIBRATION_INVALID').data;
  return z.array(memoryCaseSchema).parse(doc);
}
