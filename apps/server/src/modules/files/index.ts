export { filesRoutes } from './files.routes.js';
export { attachFiles, createFilesService, sniffImage, type TFilesService } from './files.service.js';
export { databaseFileStore, importDiskFiles, s3FileStore, type TFileStore, type TS3Settings } from './files.store.js';
export { fileContents } from './files.tables.js';
