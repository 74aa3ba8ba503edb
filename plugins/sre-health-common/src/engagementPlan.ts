import { z } from 'zod';
import { isoDateSchema } from './core/dates';

/*
 * The input rules of an engagement's plan, shared by both ways to start one (the record
 * as a resource, `POST /engagements`, and the whole start, `POST /engagements/start`): when
 * the embedding is planned to end, and why an SRE runs a second engagement at once. The
 * report's comparison of plan and end is in engagement/plan.ts.
 */

/** When the embedding is planned to end: a plan, so a future-facing date. @public */
export const plannedEndDateSchema = isoDateSchema({ facing: 'future' });

/**
 * The explicit override for an SRE already embedded with another team: why this second
 * engagement cannot wait until the first one ends.
 * @public
 */
export const concurrentReasonSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(1000)
  .refine(
    // the database keeps a reason that says something; a control character says nothing
    text => ![...text].some(isControl),
    'must not contain control characters',
  );

/** A control character other than tab and line breaks. */
function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return (code < 32 && ![9, 10, 13].includes(code)) || code === 127;
}

/** Why a planned end date does not fit the start date, or undefined when it does. @public */
export function plannedEndProblem(
  startDate: string,
  plannedEndDate: string,
): string | undefined {
  return plannedEndDate > startDate
    ? undefined
    : `must be after the start date (${startDate})`;
}

/**
 * The zod refinement both start schemas share: a planned end after the given start date,
 * reported on `plannedEndDate`.
 * @public
 */
export function refinePlannedEnd(
  body: { startDate?: string; plannedEndDate: string },
  ctx: z.RefinementCtx,
): void {
  const problem =
    body.startDate && plannedEndProblem(body.startDate, body.plannedEndDate);
  if (problem) {
    ctx.addIssue({
      code: 'custom',
      path: ['plannedEndDate'],
      message: problem,
    });
  }
}
