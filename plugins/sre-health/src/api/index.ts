export { sreHealthApiRef } from './SreHealthApi';
export type { SreHealthApi, SreHealthEntityRef } from './SreHealthApi';
export { SreHealthClient } from './SreHealthClient';
