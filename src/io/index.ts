export * from './load-catalog.js';
export { parseYaml, validate, locate, type YamlSource } from './yaml-file.js';
export * from './load-calibration.js';
export * from './load-economics.js';
export { writeOutputAtomic } from './write-output.js';
export { parseBaseline, readBaseline } from './read-baseline.js';
export { loadModelFile, parseModelFile, type LoadedModelFile } from './load-model.js';
export { readTextFile, MAX_INPUT_BYTES } from './read-text-file.js';
export { checkNesting, checkTokenCount, checkKeys } from './yaml-guards.js';
