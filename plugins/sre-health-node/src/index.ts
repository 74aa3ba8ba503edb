/**
 * Extension points of the SRE Health backend.
 *
 * @packageDocumentation
 */
export * from './detectors';
export * from './sliReaders';
