import { z } from 'zod';
import { asWritten } from '../../../src/core/as-written.ts';
import { defineCommand, TRIGGER, type ArgsResult, type CommandContext, type ParseContext } from '../../../src/core/command.ts';
import { type Sender } from '../../../src/core/identity.ts';
import { namedRecord, subjectPrefix, writeReference } from '../../../src/core/reference.ts';
import { OFFICE_STAFF } from '../../../src/core/roles.ts';
import { answerQuestion } from './questions.ts';
import { QUESTION_SUBJECT, questionOfSubject } from './subject.ts';
import { questionRecord } from '../records.ts';

const answerArgs = z.object({ id: z.number().int().positive(), text: asWritten(z.string().min(1)) });
type AnswerArgs = z.infer<typeof answerArgs>;

/** 「答复 #12 停水到下午5点」, or the answer itself quoting the forwarded question. */
function parseAnswer(rest: string, context: ParseContext): ArgsResult<AnswerArgs> {
  const { id, rest: text } = namedRecord(rest, { then: 'anything' }, questionOfSubject(context.quotedSubject));
  if (id === null) return { ok: false, error: { key: 'question.answer.which' } };
  if (!text) return { ok: false, ask: { key: 'question.answer.ask', params: { id } }, expects: { kind: 'text' }, partial: { id }, keep: writeReference(id) };
  return { ok: true, args: { id, text } };
}

async function answer(context: CommandContext<Sender>, { id, text }: AnswerArgs): Promise<void> {
  const { tx, t, sender } = context;
  const outcome = await answerQuestion(tx, t, id, { personId: sender.personId, name: sender.name }, text, context.now);
  switch (outcome.kind) {
    case 'notFound':
      return context.reply(t('question.notFound', { id }));
    case 'owned':
      return context.reply(t('question.owned', { id, name: outcome.question.ownerName ?? '' }));
    case 'answered':
    case 'added':
      context.out.add(outcome.reply);
      return context.reply(t(outcome.kind === 'answered' ? 'question.answered' : 'question.added', { id, chat: outcome.question.chatTitle ?? outcome.question.chatId }));
  }
}

/** 答复: a staff member answers a resident's question; the first to answer owns it (首问责任). */
export const questionAnswerCommand = defineCommand({
  id: 'question-answer',
  names: ['答复', '/answer'],
  summary: 'cmd.questionAnswer.summary',
  example: 'cmd.questionAnswer.example',
  allowedRoles: OFFICE_STAFF,
  // 答复 is an everyday word: unaddressed it acts only with a number; the quote of a question is addressed.
  trigger: TRIGGER.reference,
  quotedSubjects: [subjectPrefix(QUESTION_SUBJECT)],
  args: answerArgs,
  // A question of the sender's community.
  record: { kinds: [questionRecord], id: (args) => args.id, access: 'office' },
  parse: parseAnswer,
  handle: answer,
});
