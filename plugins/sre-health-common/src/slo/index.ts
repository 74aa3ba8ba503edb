export * from './annotation';
export * from './definition';
export * from './duration';
export * from './exhaustion';
export * from './math';
export * from './openslo';
export * from './backfill';
export * from './budgetPolicy';
