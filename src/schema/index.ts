export * from './units.js';
export * from './errors.js';
export * from './model.js';
export * from './hardware.js';
export * from './field-error.js';
export * from './presets.js';
export * from './resolve-model.js';
export * from './training.js';
