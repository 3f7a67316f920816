export * from './auth.js';
export * from './common.js';
export * from './master-data.js';
export * from './reservations.js';
export * from './validators.js';
export * from './work-orders.js';
