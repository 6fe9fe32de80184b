export * from './single-estimate.js';
export * from './gates.js';
export * from './check.js';
