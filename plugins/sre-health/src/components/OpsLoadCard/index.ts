export { OpsLoadCard, opsLoadData } from './OpsLoadCard';
export type { OpsLoadCardProps, OpsLoadDatum } from './OpsLoadCard';
export { OverloadBanner } from './OverloadBanner';
export type { OverloadBannerProps } from './OverloadBanner';
