export {
  TopStressors,
  TOP_STRESSORS,
  topStressors,
  topStressorsSummary,
} from './TopStressors';
export type { TopStressorsProps } from './TopStressors';
