export * from './units.js';
export * from './errors.js';
export * from './model.js';
export * from './hardware.js';
export * from './catalog.js';
export * from './layout.js';
export * from './calibration.js';
