export { masterDataRoutes } from './master-data.routes.js';
export { createMasterDataService, type TMasterDataService } from './master-data.service.js';

export {
  businessNamesByIds,
  departmentNamesByIds,
  getBusiness,
  getDepartment,
  getDepartmentByCode,
  gridNamesByIds,
  listDepartments,
  practitionerRefsByIds,
} from './master-data.store.js';
