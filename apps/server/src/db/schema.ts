export * from '../modules/accounts/accounts.tables.js';
export * from '../modules/master-data/master-data.tables.js';
export * from '../modules/reservations/reservations.tables.js';
export * from '../modules/work-orders/work-orders.tables.js';
export * from '../platform/platform.tables.js';
