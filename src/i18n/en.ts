import type { CoreKey } from './zh-CN.ts';

/** The English catalog, key for key with zh-CN. */
export const en: Record<CoreKey, string> = {
  'role.secretary': 'secretary',
  'role.deputy_secretary': 'deputy secretary',
  'role.director': 'director',
  'role.staff': 'staff member',
  'role.attendance_officer': 'attendance officer',
  'role.street_section': 'street community section',
  'role.street_deputy_leader': 'street deputy leader',
  'role.street_chief': 'street chief',
  'role.street_emergency': 'street emergency office',
  'role.resident': 'resident',
  'list.or': ' or ',
  'list.separator': ', ',

  'chat.purpose.work': 'work group',
  'chat.purpose.resident': 'residents group',
  'chat.purpose.emergency': 'emergency group',

  'error.unbound': "I don't know who you are yet. Ask your office admin for a binding code, then send \"bind CODE\" (e.g. bind 12345678).",
  'error.forbidden': '"{command}" may only be used by {roles}.',
  'error.unknownCommand': 'There is no "{word}" command. Did you mean: {suggestions}? Send "help" for all commands.',
  'error.unknownCommandNoSuggestion': 'I did not understand "{word}". Send "help" to see what you can do.',
  'error.internal': 'Sorry, something went wrong with "{command}". It has been logged; please try again later or contact the admin.',
  'error.groupOnly': '"{command}" must be sent in a group.',
  'sandbox.tokenNeeded': 'The sandbox needs its token. Open /sandbox?token=TOKEN once (the token is SANDBOX_TOKEN in .env); scripts calling the API send the header Authorization: Bearer TOKEN.',
  'sandbox.clockFixed': 'Beside a real platform the sandbox runs on the system clock and it cannot be moved: a moved clock would change scheduled notices, approval deadlines and bind codes in real chats. The clock moves only when the sandbox is the only platform.',
  'prompt.cancelled': 'OK, "{command}" cancelled.',
  'prompt.expired': 'The previous question timed out; please send the command again.',
  'prompt.cancelHint': '(send "cancel" to give up)',
  'guard.noCommunity': 'Your record has no community, so you cannot use "{command}". Please ask the administrator to update the roster.',
  'guard.wrongChat': 'Please use "{command}" in the work group or in a private chat with me, not in the {purpose}.',



  'budget.sender': 'You are sending too fast; please try again in a little while. In an emergency call 110, 119 or 120 directly.',
  'budget.chat': 'Too many messages for me in this group; I am pausing my answers for a little while. In an emergency call 110, 119 or 120 directly.',
  'budget.platform': 'Too many people are writing to me right now; please try again in a little while. In an emergency call 110, 119 or 120 directly.',
  'budget.reports': 'You have reported {count} incidents in {minutes} minutes; further messages are not filed as new cases. If it is the same matter, add to it with "#<number> 续报 …"; for a new emergency call 110, 119 or 120 or contact the office staff.',



  'wechat.menuPrompt': 'Reply with a number: ',
  'wechat.loggedOut': 'The WeChat account "{account}" has logged out. Messages to WeChat are held until it logs in again: scan the QR code soon.',
  'wechat.sendFailed': 'A WeChat message could not be sent ({error}); it will be retried. If this goes on, check whether the account is restricted.',
  'wechat.ambiguousGroup': 'After the WeChat re-login {count} groups are called "{name}"; the old one cannot be told apart. Send "设为…群" again in the right group.',
  'wechat.ambiguousPerson': 'After the WeChat re-login {count} contacts are called "{name}"; the person cannot be told apart. Ask them to bind again, or give the contacts distinct remarks.',

  // Approval, for every family's requests.
  'approval.button.approve': 'Approve',
  'approval.button.reject': 'Reject',
  'approval.comment': ', comment: {comment}',
  'approval.approve.which': 'Approve which? Reply to its message or send 同意 #<number>.',
  'approval.reject.which': 'Reject which? Reply to its message or send 驳回 #<number> <reason>.',
  'approval.reject.reason': 'A rejection needs a reason, e.g. 驳回 {ref} <reason>.',
  'approval.waiting': 'Waiting for your approval: {items}. Reply to its message, or send {verb} #<number>{example}.',
  'approval.ambiguous': 'More than one request numbered #{id} waits for you; say which: {refs}.',
  'sandbox.demoLoaded': 'Demo community (幸福社区) loaded.',

  'chatGone.admin': '[Group unreachable] The bot is no longer in "{chat}" ({platform}): {reason}. Broadcasts skip it from now on; add the bot back and say something in the group to restore it.',

  'ledger.community': 'Community: {community}',
  'ledger.allCommunities': 'all communities',
  'ledger.month': 'Month: {month}',
  'ledger.week': 'Week: {week} ({from} to {to})',
  'ledger.madeOn': 'Made on: {date}',
  'ledger.madeBy': 'Prepared by:',
  'ledger.reviewedBy': 'Reviewed by:',
  'ledger.yes': 'yes',
  'ledger.progress': 'Writing the ledger {bar} {value}/{total} rows',
  'ledger.summary': '{title} {period}',
  'ledger.written': 'Exported {summary}: {file}',
  'ledger.stdout': 'standard output',
};
