import { defineConfig } from 'vite';

// Shared by the build script (scripts/build.ts) and Storybook. Decorators are the legacy
// (experimentalDecorators) kind: standard decorators are left untranspiled by Vite 8 and break in Chromium.
export default defineConfig({
  build: {
    target: 'es2022',
    minify: true,
    sourcemap: 'hidden',
    reportCompressedSize: false,
    rolldownOptions: { output: { minify: true } },
  },
});
