export * from './grid.js';
export * from './catalog-json.js';
export { renderAcceleratorsTable, renderOffersTable, renderAcceleratorDetail, formatStaleWarning } from './catalog-tables.js';
