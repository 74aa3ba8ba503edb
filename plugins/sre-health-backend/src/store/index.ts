export { SreHealthStore, migrateSreHealthDatabase } from './SreHealthStore';
