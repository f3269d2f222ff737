import { setCustomElementsManifest, type Preview } from '@storybook/web-components-vite';
import { setStorybookHelpersConfig } from '@wc-toolkit/storybook-helpers';
import { html } from 'lit';
// Written by `npm run manifest` (cem analyze), which `npm run storybook` / `build-storybook` run first.
import manifest from '../custom-elements.json' with { type: 'json' };
import { captureSnippet, webmasterSnippet } from '../stories/story-support.js';

setCustomElementsManifest(manifest);
setStorybookHelpersConfig({ hideArgRef: true });

const preview: Preview = {
  tags: ['autodocs'],
  parameters: {
    controls: { expanded: true, sort: 'none' },
    // The helpers' argTypes are the only source: Storybook's own reading of the manifest would come first
    // and put slots and parts above the attributes in the docs table.
    // "Show code" gives the snippet a webmaster pastes (reserved height, widget, loader), not the story's markup.
    docs: { extractArgTypes: () => null, source: { transform: webmasterSnippet } },
    // The introduction first, then the guides (embedding notes first), then the widgets. Within a group, file
    // order (storySort is read statically, so it cannot import the registry; test/scripts/storybook.test.ts holds
    // the widgets to the order of scripts/widgets.ts).
    options: {
      storySort: {
        order: ['Giới thiệu · Introduction', 'Guides', ['Nhúng vào trang · Embedding', '*'], 'Widgets'],
      },
    },
    layout: 'fullscreen',
    backgrounds: {
      options: {
        light: { name: 'Sáng / Light', value: '#ffffff' },
        dark: { name: 'Tối / Dark', value: '#15181d' },
      },
    },
    a11y: { test: 'todo' },
  },
  globalTypes: {
    locale: {
      description: 'Ngôn ngữ của trang (<html lang>) / Page language',
      toolbar: {
        title: 'Ngôn ngữ / Language',
        icon: 'globe',
        items: [
          { value: 'vi', title: 'Tiếng Việt (vi)' },
          { value: 'en', title: 'English (en)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { locale: 'vi', backgrounds: { value: 'light' } },
  decorators: [
    captureSnippet,
    (story, context) => {
      // Storybook's iframe says <html lang="en">; a real union page says "vi". A widget without its own
      // `lang` follows <html lang>, so the toolbar sets it (and the widgets re-render when it changes).
      const locale = context.globals.locale === 'en' ? 'en' : 'vi';
      document.documentElement.lang = locale;
      // The docs page wraps every story in an element with lang="en", which the widgets would follow instead.
      return context.viewMode === 'docs' ? html`<div lang=${locale}>${story()}</div>` : story();
    },
  ],
};

export default preview;
