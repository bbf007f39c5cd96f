import { leaveLedger } from './ledger/ledger.ts';
import type { CommandFamily } from '../../src/core/family.ts';
import { leaveJobs } from './jobs/index.ts';
import { leaveApproval } from './approval.ts';
import { leaveCertificateCommand } from './certificate.ts';
import { leaveConfirmCommand } from './confirm.ts';
import { leaveEmergencyCommand } from './emergency.ts';
import { leaveRegisterCommand } from './register.ts';
import { leaveReportBackCommand } from './report-back.ts';
import { leaveRequestCommand } from './request.ts';
import { leaveWithdrawCommand } from './withdraw.ts';
import { leavePolicy } from './policy.ts';
import { leaveTexts } from './texts.ts';
import { isOnLeave } from './approved-intervals.ts';

/** Leave (请销假): the note, its approval chain, 销假, 补假, the register. */
export const leaveFamily: CommandFamily = {
  id: 'leave',
  policy: leavePolicy,
  texts: leaveTexts,
  // The approval steps of every family skip an approver on leave and go to the deputy the leave policy names.
  absence: { isAway: isOnLeave, deputyOf: (policy, role) => policy.leave.deputies[role] },
  commands: [
    leaveRequestCommand,
    leaveConfirmCommand,
    leaveWithdrawCommand,
    leaveReportBackCommand,
    leaveEmergencyCommand,
    leaveCertificateCommand,
    leaveRegisterCommand,
  ],
  jobs: leaveJobs,
  ledgers: [leaveLedger],
  approvals: [leaveApproval],
};
