export * from './human.js';
export * from './estimate-json.js';
export * from './estimate-table.js';
