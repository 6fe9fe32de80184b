import { z } from 'zod';
import {
  calibrationCaseSchema, checkFinetune, memoryCaseSchema, mlperfCaseSchema, normalizeTraining, resolveModel, throughputCaseSchema,
  type CalibrationCase, type MemoryCase, type ResolvedMlperfCase, type ResolvedThroughputCase,
} from '../schema/index.js';
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

/** Reads the MLPerf Training results file; each row's model and training resolve exactly as a model file's do (loadModelFile). */
export function loadMlperfCases(path: string): ResolvedMlperfCase[] {
  const doc = parseYaml(readInputFile(path, 'catalog'), path, 'CALIBRATION_INVALID').data;
  return z.array(mlperfCaseSchema).parse(doc).map((c) => {
    const model = resolveModel(c.model, c.id);
    const training = normalizeTraining(c.training, model.sampleWorkload !== undefined);
    checkFinetune(c.training.finetune, training.finetune, model, training.precision);
    return { case: c, model, training };
  });
}

/** Reads the per-sample throughput file (published images/s of CNN training runs); each model resolves as a model file's does. */
export function loadThroughputCases(path: string): ResolvedThroughputCase[] {
  const doc = parseYaml(readInputFile(path, 'catalog'), path, 'CALIBRATION_INVALID').data;
  return z.array(throughputCaseSchema).parse(doc).map((c) => ({ case: c, model: resolveModel(c.model, c.id) }));
}
