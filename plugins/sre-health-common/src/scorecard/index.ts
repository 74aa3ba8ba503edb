export * from './types';
export * from './query';
export * from './format';
export * from './trends';
