export * from './load-calibration.js';
