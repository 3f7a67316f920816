export { masterDataRoutes } from './master-data.routes.js';
export { createMasterDataService, type TMasterDataService } from './master-data.service.js';
export { getBusiness, getDepartment, getDepartmentByCode, listDepartments } from './master-data.store.js';
