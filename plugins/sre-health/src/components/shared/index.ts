export { InfoTip } from './InfoTip';
export type { InfoTipProps } from './InfoTip';
export { SetupLine } from './SetupLine';
export { Disclosure } from './Disclosure';
export type { DisclosureProps } from './Disclosure';
