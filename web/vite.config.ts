/** Builds the web UI into web/dist, which the Switchboard server serves at `/`. */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  // `npm run dev:web`: the UI with hot reload, the API from a server started with `npm start`.
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
