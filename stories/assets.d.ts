/**
 * Vite's `?url&no-inline` imports: data files the stories hand to the widgets by URL (never inlined as a
 * `data:` URL, which the widgets refuse: `src` must be http or https).
 */
declare module '*?url&no-inline' {
  const url: string;
  export default url;
}
