export { SetupLine } from './SetupLine';
