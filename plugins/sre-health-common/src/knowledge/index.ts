export * from './types';
export * from './rollup';
export * from './schemas';
