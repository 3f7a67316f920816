/** The SMS templates the server sends, named in both languages for the outbox screen. */
export const SMS_TEMPLATE_LABELS: Record<string, { zh: string; en: string }> = {
  login_code: { zh: '登录验证码', en: 'Sign-in code' },
  received: { zh: '诉求已受理', en: 'Appeal received' },
  accepted: { zh: '诉求已签收办理', en: 'Appeal being handled' },
  material: { zh: '请补充材料', en: 'Material requested' },
  reply: { zh: '工单答复', en: 'Answer to an appeal' },
  resolved: { zh: '工单办结，请评价', en: 'Appeal resolved, please rate' },
  unfounded: { zh: '诉求经核查不属实', en: 'Appeal found unfounded' },
  transferred: { zh: '工单已转交其他部门办理', en: 'Appeal passed to another department' },
  refused: { zh: '诉求不予受理（附理由）', en: 'Appeal not accepted (with its ground)' },
  return_accepted: { zh: '退货申请已同意', en: 'Return accepted' },
  return_refused: { zh: '退货申请被拒，已转市场监管', en: 'Return refused, passed to market supervision' },
  return_silence: { zh: '商家逾期未答复，已转市场监管', en: 'Shop did not answer, passed to market supervision' },
  return_compensated: { zh: '先行赔付', en: 'Advance compensation' },
  return_completed: { zh: '商家已办理退款/换货', en: 'Refund or exchange done' },
  return_refund_overdue: {
    zh: '商家逾期未退款/换货，已转市场监管',
    en: 'Refund not done in time, passed to market supervision',
  },
  extended: { zh: '办理期限已延长', en: 'Handling time extended' },
  suspended: { zh: '办理暂停（检测鉴定）', en: 'Handling suspended (testing or appraisal)' },
  resumed: { zh: '办理已恢复', en: 'Handling resumed' },
};
