import { z } from 'zod';
import { LIMITS } from './schemas';

/** `POST /slo-policy-episodes/:id/decision`: an SRE records the team's decision. @public */
export const decideSloPolicyEpisodeSchema = z
  .object({
    version: z.number().int().min(1),
    decision: z.enum(['accepted', 'declined']),
    reason: z.string().trim().min(1, 'must not be empty').max(LIMITS.text),
  })
  .strict();

/** @public */
export type DecideSloPolicyEpisodeRequest = z.input<
  typeof decideSloPolicyEpisodeSchema
>;
