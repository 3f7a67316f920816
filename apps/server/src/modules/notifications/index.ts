export { notificationRoutes } from './notifications.routes.js';
