export { parseOpenSlo, parseOpenSloFiles } from './parse';
export type { OpenSloFile, ParsedOpenSlo, ParsedOpenSloFiles } from './types';
export type { OpenSloKind } from './schema';
