export { RiskStatus } from './RiskStatus';
