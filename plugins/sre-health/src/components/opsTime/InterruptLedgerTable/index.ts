export { InterruptLedgerTable } from './InterruptLedgerTable';
export type { InterruptLedgerTableProps } from './InterruptLedgerTable';
