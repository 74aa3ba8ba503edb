export { indexSharedOpenSlo, parseOpenSlo, parseOpenSloFiles } from './parse';
export type {
  OpenSloFile,
  ParsedOpenSlo,
  ParsedOpenSloFiles,
  SharedDoc,
  SharedOpenSloFile,
  SharedOpenSloIndex,
} from './types';
export type { OpenSloKind } from './schema';
