import { createReadStream, cpSync, existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The selfie segmentation model, its WebAssembly and its loader, served from our own origin at
 * `/mediapipe/selfie_segmentation/` (copied from the npm package into the build; the dev server
 * serves them from node_modules). Nothing is loaded from another site; the page fetches them
 * only when a background effect is turned on.
 */
function mediapipeAssets(): Plugin {
  const urlBase = '/mediapipe/selfie_segmentation/';
  const pkgDir = dirname(
    createRequire(import.meta.url).resolve('@mediapipe/selfie_segmentation/package.json'),
  );
  const files = readdirSync(pkgDir).filter((f) => /\.(js|wasm|data|tflite|binarypb)$/.test(f));
  let outDir = '';
  return {
    name: 'minimeet-mediapipe-assets',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    configureServer(server) {
      server.middlewares.use(urlBase, (req, res, next) => {
        const name = (req.url ?? '').split('?')[0]?.replace(/^\//, '') ?? '';
        if (!files.includes(name)) return next();
        if (name.endsWith('.wasm')) res.setHeader('Content-Type', 'application/wasm');
        else if (name.endsWith('.js')) res.setHeader('Content-Type', 'text/javascript');
        createReadStream(join(pkgDir, name)).pipe(res);
      });
    },
    closeBundle() {
      if (!existsSync(outDir)) return;
      for (const f of files) cpSync(join(pkgDir, f), join(outDir, urlBase, f));
    },
  };
}

const apiTarget = process.env.MINIMEET_API_URL ?? 'http://localhost:3000';

export default defineConfig({
  plugins: [react(), mediapipeAssets()],
  resolve: {
    alias: {
      // The contract package's dist is CommonJS for the server; the client bundles its source.
      '@minimeet/contract': fileURLToPath(new URL('../contract/src/index.ts', import.meta.url)),
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
      '/socket.io': { target: apiTarget, ws: true, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    manifest: true,
    sourcemap: true,
    target: 'es2022',
  },
  test: {
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
    restoreMocks: true,
  },
});
