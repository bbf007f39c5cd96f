/**
 * The kinds of the subjects of the bot's prompts about a week's plan, keyed by the week
 * (`plan-review:2026-W49`): a reply quoting one is its answer.
 */
export const PLAN_SUBJECTS = {
  /** The Monday prompt: last week's results (and this week's plan). */
  review: 'plan-review',
  /** The reminder before the deadline: this week's plan. */
  remind: 'plan-remind',
} as const;
