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
  /** Names referenced that resolve nowhere (neither in the files nor in `shared`). */
  unresolved?: string[];
}

export interface Doc<S> {
  /** The catalog entity whose files define it, when it is not the entity's own. */
  owner?: string;
  name: string;
  displayName?: string;
  label: string;
  index: number;
  location: string;
  spec: S;
}

/** An OpenSLO file named by a catalog entity's openslo annotation, with that entity. @public */
export interface SharedOpenSloFile extends OpenSloFile {
  /** The entity ref of the entity naming the file. */
  owner: string;
}

/**
 * The definitions other catalog entities share (every kind but SLO), by kind and name: one
 * document per defining entity, and the names an entity defines invalidly. Built once and
 * cached by the backend, so an entity's references resolve across the catalog without
 * reading it per request.
 * @public
 */
export interface SharedOpenSloIndex {
  /** kind → name → the valid documents, one per defining entity. */
  definitions: ReadonlyMap<
    string,
    ReadonlyMap<string, ReadonlyArray<SharedDoc>>
  >;
  /** kind → name → the entities defining it invalidly. */
  invalid: ReadonlyMap<string, ReadonlyMap<string, ReadonlyArray<string>>>;
}

/** A valid shared definition. @public */
export interface SharedDoc {
  owner: string;
  name: string;
  displayName?: string;
  label: string;
  index: number;
  location: string;
  spec: unknown;
}
