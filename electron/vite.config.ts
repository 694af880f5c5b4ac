import { defineConfig } from 'vite';
import { builtinModules } from 'node:module';

// Main and preload are bundled as CommonJS, each into one self-contained file:
// a sandboxed preload must be CommonJS and may require nothing but 'electron'.
// `vite build --mode preload` builds the preload, the default mode builds main.
const external = ['electron', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default defineConfig(({ mode }) => {
  const isPreload = mode === 'preload';
  return {
    build: {
      outDir: 'out/electron',
      emptyOutDir: !isPreload,
      target: 'node22',
      minify: false,
      sourcemap: true,
      ssr: true,
      lib: {
        entry: isPreload ? 'electron/preload.cts' : 'electron/main.ts',
        formats: ['cjs'],
        fileName: () => (isPreload ? 'preload.cjs' : 'main.cjs'),
      },
      rollupOptions: { external, output: { inlineDynamicImports: true } },
    },
    ssr: { noExternal: true },
  };
});
