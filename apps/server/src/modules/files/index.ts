export { filesRoutes } from './files.routes.js';
export { attachFiles, createFilesService, sniffImage, type TFilesService } from './files.service.js';
export { databaseFileStore, importDiskFiles, type TFileStore } from './files.store.js';
export { fileContents } from './files.tables.js';
