export { StatusText } from './StatusText';
export type { StatusKind } from './StatusText';
