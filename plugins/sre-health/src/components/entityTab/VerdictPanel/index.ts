export { VerdictPanel } from './VerdictPanel';
