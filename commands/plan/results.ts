import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { OFFICE_STAFF } from '../../src/core/roles.ts';
import { parsePlanResultsArgs, planResultsArgs } from './args.ts';
import { PLAN_PLACE } from './records.ts';
import { respondToPlan } from './respond.ts';
import { subjectPrefix } from '../../src/core/reference.ts';
import { PLAN_SUBJECTS } from './subjects.ts';

/**
 * 上周完成: last week's results (「1 完成 2 未完成 3 完成一半」, 「都完成了」 or a few words), with
 * this week's plan below a 「本周计划：」 line if the person likes. A reply quoting the Monday prompt
 * runs it with the whole text, and so does the next answer in the private chat the prompt went to.
 * A block trigger, as 周计划: 「上周完成得不错」 is talk.
 */
export const planResultsCommand = defineCommand({
  id: 'plan-results',
  names: ['上周完成', '上周完成情况', '/planresults'],
  summary: 'cmd.planResults.summary',
  example: 'cmd.planResults.example',
  allowedRoles: OFFICE_STAFF,
  member: 'community',
  where: PLAN_PLACE,
  trigger: TRIGGER.block,
  quotedSubjects: [subjectPrefix(PLAN_SUBJECTS.review)],
  args: planResultsArgs,
  parse: parsePlanResultsArgs,
  async handle(context, args) {
    await respondToPlan(context, args);
  },
});
