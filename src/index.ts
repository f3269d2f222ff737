/** Every Lantoa widget, registered. The classic `lantoa.iife.js` bundle is built from this file. */
export { LantoaBanner } from './widgets/banner/banner.js';
export type { BannerVariant, BannerCtaDetail, BannerDismissDetail } from './widgets/banner/banner.js';
