export * from './presets.js';
