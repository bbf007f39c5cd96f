import { questionAnswerCommand } from './answer.ts';
import { questionAskCommand } from './ask.ts';

/** Residents' questions, for the notice family: asking (caught from resident groups by the router) and answering. */
export const questionCommands = [questionAskCommand, questionAnswerCommand];
