// Storybook for the Lantoa widgets. The web-components-vite framework merges the root vite.config.ts,
// and Vite's TypeScript transform reads tsconfig.json (experimentalDecorators, useDefineForClassFields
// false), so the widgets compile exactly as in the library build.
import type { StorybookConfig } from '@storybook/web-components-vite';
import { mergeConfig } from 'vite';

const config: StorybookConfig = {
  // The introduction (vi and en) and the guides (docs/widgets/*.md, see guides.ts) live with the config; the
  // widgets' stories in stories/. preview.ts sorts them.
  stories: ['./introduction.mdx', './guides/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // Offline-friendly: no telemetry and no "what's new" requests to storybook.js.org.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // Dev server only: the renderer imports `lit` (pre-bundled) and `lit/directive-helpers.js` (not), which
  // otherwise loads a second copy of lit-html ("Multiple versions of Lit loaded").
  viteFinal: (viteConfig) => mergeConfig(viteConfig, { optimizeDeps: { include: ['lit/directive-helpers.js'] } }),
};

export default config;
