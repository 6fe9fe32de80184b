export * from './grid.js';
export * from './catalog-json.js';
export { renderAcceleratorsTable, renderOffersTable, renderAcceleratorDetail, formatStaleWarning } from './catalog-tables.js';
export * from './human.js';
export * from './estimate-json.js';
export * from './estimate-table.js';
export * from './presets.js';
