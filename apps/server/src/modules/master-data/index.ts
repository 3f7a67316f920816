// biome-ignore-all assist/source/organizeImports: the tables are exported first, on purpose (below)
/**
 * Tables other modules join for a name or a key (they never write them), exported before anything that leads
 * round to a module importing them back (accounts joins departments, master data joins users): ES modules
 * evaluate in import order, and such a cycle would otherwise meet a table uninitialised.
 */
export { businesses, businessPrices, departments, practitioners, regions } from './master-data.tables.js';
export { masterDataRoutes } from './master-data.routes.js';
export { createMasterDataService, type TMasterDataService } from './master-data.service.js';

export {
  businessNamesByIds,
  departmentNamesByIds,
  getBusiness,
  getDepartment,
  getDepartmentByCode,
  listDepartments,
  practitionerRefsByIds,
  setBusinessGrid,
} from './master-data.store.js';
export { withdrawBusinessBadges } from './badges.js';
