import { z } from 'zod';
import { calibrationCaseSchema, type CalibrationCase } from '../schema/index.js';
import { readInputFile } from './input-file.js';
import { parseYaml } from './yaml-file.js';

/** Reads a calibration file (a YAML list of measured runs) through the guarded input layer and validates every case. */
export function loadCalibrationCases(path: string): CalibrationCase[] {
  const doc = parseYaml(readInputFile(path, 'catalog'), path, 'CALIBRATION_INVALID').data;
  return z.array(calibrationCaseSchema).parse(doc);
}
