import type {
  SloDefinition,
  SloNotComputable,
  SloProblem,
} from '../definition';

/** One file's YAML-decoded documents and where it is. @public */
export interface OpenSloFile {
  location: string;
  documents: ReadonlyArray<unknown>;
}

/** @public */
export interface ParsedOpenSlo {
  slos: SloDefinition[];
  notComputable: SloNotComputable[];
  problems: SloProblem[];
}

/** @public */
export interface ParsedOpenSloFiles {
  slos: Array<{ definition: SloDefinition; location: string }>;
  notComputable: SloNotComputable[];
  problems: Array<SloProblem & { location: string }>;
}

export interface Doc<S> {
  name: string;
  displayName?: string;
  label: string;
  index: number;
  location: string;
  spec: S;
}
