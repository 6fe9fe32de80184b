export * from './single-estimate.js';
