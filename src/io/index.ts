export * from './load-catalog.js';
export { parseYaml, validate, locate, type YamlSource } from './yaml-file.js';
export * from './load-calibration.js';
export { writeOutputAtomic } from './write-output.js';
export { parseBaseline, readBaseline } from './read-baseline.js';
