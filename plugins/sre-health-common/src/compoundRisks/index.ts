export * from './compoundRisks';
export * from './pagerWithout';
