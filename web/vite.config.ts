import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const ANTD = /node_modules[\\/](antd|@ant-design|@rc-component|dayjs)[\\/]/;
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react()],
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd's initial part (layout, menu, form, modal, css-in-js) is ~560 kB minified on its own.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // Vendor code changes rarely; separate chunks keep it cached across app releases.
        // antd is split by use: what the login page and shell need ($initial) loads first,
        // the data-heavy parts (table, pickers, select) only with the lazily loaded pages.
        codeSplitting: {
          groups: [
            // Only the party page's graph needs echarts: kept out of what every page loads.
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 4 },
            { name: 'react', test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/, priority: 3 },
            { name: 'antd', test: ANTD, tags: ['$initial'], priority: 2 },
            { name: 'antd-pages', test: ANTD, priority: 1 },
            { name: 'vendor', test: /node_modules[\\/]/, priority: 0 },
          ],
        },
      },
    },
  },
});
