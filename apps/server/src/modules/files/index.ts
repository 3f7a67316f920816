export { filesRoutes } from './files.routes.js';
export { attachFiles, createFilesService, sniffImage, type TFilesService } from './files.service.js';
