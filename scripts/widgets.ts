/** The widgets the build knows: tag, build name and entry module. Add a line per new widget. */
export const WIDGETS = [{ tag: 'lantoa-banner', name: 'banner', entry: 'src/widgets/banner/banner.ts' }] as const;
