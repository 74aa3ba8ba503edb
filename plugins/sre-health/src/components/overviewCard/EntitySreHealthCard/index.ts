export { EntitySreHealthCard } from './EntitySreHealthCard';
