import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 900,
    // Routes are lazy (app/router.tsx, portal/routes.tsx): the portal never loads antd or echarts.
  },
});
