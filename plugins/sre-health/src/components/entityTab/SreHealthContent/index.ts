export { SreHealthContent } from './SreHealthContent';
