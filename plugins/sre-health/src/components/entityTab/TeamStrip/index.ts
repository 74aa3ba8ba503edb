export { TeamStrip } from './TeamStrip';
export type { TeamStripProps } from './TeamStrip';
