export * from './compoundRisks';
