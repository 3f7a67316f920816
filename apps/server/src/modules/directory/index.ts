export { directoryRoutes } from './directory.routes.js';
export { createDirectoryService, type TDirectoryService } from './directory.service.js';
