/** The zh-CN catalog: every text a user reads. Placeholders are {name}. */
export const zhCN = {
  'role.secretary': '书记',
  'role.deputy_secretary': '副书记',
  'role.director': '主任',
  'role.staff': '社工',
  'role.attendance_officer': '考勤员',
  'role.street_section': '社区建设科',
  'role.street_deputy_leader': '街道分管领导',
  'role.street_chief': '街道主要领导',
  'role.street_emergency': '街道应急办',
  'role.resident': '居民',
  'list.or': '或',
  'list.separator': '、',

  'chat.purpose.work': '工作群',
  'chat.purpose.resident': '居民群',
  'chat.purpose.emergency': '应急群',

  'error.unbound': '你还没有绑定身份，我还不知道你是谁。请向社区管理员索取绑定码，然后发送「绑定 绑定码」（例如：绑定 12345678）。',
  'error.forbidden': '「{command}」只有{roles}可以使用。',
  'error.unknownCommand': '没有「{word}」这个指令。你是不是想用：{suggestions}？发送「帮助」查看全部指令。',
  'error.unknownCommandNoSuggestion': '没看懂「{word}」。发送「帮助」查看你可以使用的指令。',
  'error.internal': '抱歉，处理「{command}」时出了问题，已记录下来。请稍后再试，或联系管理员。',
  'error.groupOnly': '「{command}」要在群里发送。',
  'sandbox.tokenNeeded': '沙盒需要口令。请用 /sandbox?token=口令 打开一次（口令是 .env 里的 SANDBOX_TOKEN）；脚本调用接口时请带上请求头 Authorization: Bearer 口令。',
  'sandbox.clockFixed': '沙盒和真实平台一起运行时，时间就是系统时间，不能调整：调了会让真实群里的定时通知、审批超时和绑定码跟着变。只在单独使用沙盒时才能调时间。',
  'prompt.cancelled': '好的，已取消「{command}」。',
  'prompt.expired': '上一个问题已超时，请重新发送指令。',
  'prompt.cancelHint': '（发送「取消」可放弃）',
  'guard.noCommunity': '你的档案里没有所属社区，无法使用「{command}」。请联系管理员更新花名册。',
  'guard.wrongChat': '「{command}」请在工作群或与我私聊时发送，不要在{purpose}里发送。',



  'budget.sender': '你发送得太频繁了，请稍后再试。紧急情况请直接拨打 110、119、120。',
  'budget.chat': '这个群里找我的消息太多了，我先暂停回复一会儿，请稍后再试。紧急情况请直接拨打 110、119、120。',
  'budget.platform': '现在找我的人太多了，请稍后再试。紧急情况请直接拨打 110、119、120。',
  'budget.reports': '你在 {minutes} 分钟内已上报 {count} 起事件，新的消息先不另外立案。如果是同一件事，请用「#编号 续报 …」补充情况；如有新的紧急情况，请直接拨打 110、119、120 或联系社区工作人员。',



  'wechat.menuPrompt': '回复数字：',
  'wechat.loggedOut': '微信账号「{account}」已退出登录。发往微信的消息先保留，重新扫码登录后再发出。',
  'wechat.sendFailed': '微信消息发送失败（{error}），稍后会自动重试。若一直失败，请检查微信账号是否被限制。',
  'wechat.ambiguousGroup': '微信重新登录后，有 {count} 个群都叫「{name}」，无法确定原来的群是哪一个。请在正确的群里重新发送「设为…群」。',
  'wechat.ambiguousPerson': '微信重新登录后，有 {count} 个联系人都叫「{name}」，无法确定是哪一位。请让本人重新绑定，或给联系人设置不同的备注。',

  // Approval (审批), for every family's requests.
  'approval.button.approve': '同意',
  'approval.button.reject': '驳回',
  'approval.comment': '，意见：{comment}',
  'approval.approve.which': '同意哪一项？请回复那条审批消息，或发送「同意 #编号」。',
  'approval.reject.which': '驳回哪一项？请回复那条审批消息，或发送「驳回 #编号 理由」。',
  'approval.reject.reason': '驳回要写明理由，例如「驳回 {ref} 这几天有上级检查」。',
  'approval.waiting': '你有待审批的{items}。请回复那条审批消息，或发送「{verb} #编号{example}」。',
  'approval.ambiguous': '编号 #{id} 有不止一项在等你审批，请写明是哪一项：{refs}。',
  'sandbox.demoLoaded': '已载入演示社区（幸福社区）。',

  'chatGone.admin': '【群已无法送达】机器人已不在「{chat}」（{platform}）里：{reason}。之后的群发将跳过这个群；把机器人重新拉进群并在群里发一句话即可恢复。',

  'ledger.community': '社区：{community}',
  'ledger.allCommunities': '全部社区',
  'ledger.month': '月份：{month}',
  'ledger.week': '周次：{week}（{from} 至 {to}）',
  'ledger.madeOn': '制表日期：{date}',
  'ledger.madeBy': '制表人：',
  'ledger.reviewedBy': '审核人：',
  'ledger.yes': '是',
  'ledger.progress': '写入台账 {bar} {value}/{total} 行',
  'ledger.summary': '{period} {title}',
  'ledger.written': '已导出 {summary}：{file}',
  'ledger.stdout': '标准输出',
} as const;

export type CoreKey = keyof typeof zhCN;
