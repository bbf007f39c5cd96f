import { alertApproval } from './approval.ts';
import { alertCancelCommand, alertUpdateCommand } from './amend.ts';
import { alertPublishCommand } from './publish.ts';

/** Alerts (预警信息), for the notice family: publishing, updating and cancelling, and their approval kind. */
export const alertCommands = [alertPublishCommand, alertUpdateCommand, alertCancelCommand];
export { alertApproval };
