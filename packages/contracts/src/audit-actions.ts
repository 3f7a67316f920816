type TName = { zh: string; en: string };

/**
 * Every action the server writes to the audit log, named in both languages. The server's audit entry takes
 * only these codes (TAuditAction), so a new code without a name does not compile; audit-actions.test.ts also
 * checks the source for codes written some other way.
 */
export const AUDIT_ACTIONS = {
  'account.register': { zh: '注册账号', en: 'Account registered' },
  'auth.activate': { zh: '激活账号', en: 'Account activated' },
  'auth.activation_failed': { zh: '激活失败', en: 'Activation failed' },
  'auth.change_password': { zh: '修改密码', en: 'Password changed' },
  'auth.lockout': { zh: '账号锁定', en: 'Account locked' },
  'auth.login': { zh: '登录', en: 'Signed in' },
  'auth.login_failed': { zh: '登录失败', en: 'Sign-in failed' },
  'auth.logout': { zh: '退出登录', en: 'Signed out' },
  'business.create': { zh: '新增经营主体', en: 'Business created' },
  'business.import': { zh: '导入经营主体', en: 'Businesses imported' },
  'business.prices.replace': { zh: '更新价格公示', en: 'Price list replaced' },
  'business.profile.update': { zh: '修改经营主体公开信息', en: 'Business profile changed' },
  'business.update': { zh: '修改经营主体', en: 'Business changed' },
  'category_correction.accept': { zh: '采纳分类更正', en: 'Category correction accepted' },
  'category_correction.reject': { zh: '驳回分类更正', en: 'Category correction rejected' },
  'category_routing.update': { zh: '修改分类派单规则', en: 'Category routing changed' },
  'demo.load': { zh: '载入演示数据', en: 'Demo data loaded' },
  'department.create': { zh: '新增部门', en: 'Department created' },
  'department.update': { zh: '修改部门', en: 'Department changed' },
  'file.upload': { zh: '上传文件', en: 'File uploaded' },
  'grid.create': { zh: '新增网格', en: 'Grid created' },
  'grid.update': { zh: '修改网格', en: 'Grid changed' },
  'holiday.update': { zh: '修改节假日', en: 'Holiday calendar changed' },
  'practitioner.create': { zh: '新增从业人员', en: 'Practitioner created' },
  'practitioner.import': { zh: '导入从业人员', en: 'Practitioners imported' },
  'practitioner.update': { zh: '修改从业人员', en: 'Practitioner changed' },
  'privacy.consent': { zh: '同意隐私政策', en: 'Privacy notice accepted' },
  'privacy.delete_account': { zh: '注销账号', en: 'Account deleted' },
  'privacy.export': { zh: '导出个人数据', en: 'Personal data exported' },
  'rating.create': { zh: '提交评价', en: 'Rating given' },
  'rating.link_work_order': { zh: '差评转工单', en: 'Rating linked to a work order' },
  'rating_code.deactivate': { zh: '停用评价码', en: 'Rating code deactivated' },
  'rating_code.issue': { zh: '发放评价码', en: 'Rating code issued' },
  'rating_code.issue_all': { zh: '批量发放评价码', en: 'Rating codes issued in bulk' },
  'rating_code.print': { zh: '打印评价码', en: 'Rating codes printed' },
  'reservation.book': { zh: '预约', en: 'Booked' },
  'reservation.cancel': { zh: '取消预约', en: 'Booking cancelled' },
  'reservation.check_in': { zh: '入园核验', en: 'Checked in at the gate' },
  'reservation.close_day': { zh: '设置闭园日', en: 'Closed day set' },
  'reservation.device_create': { zh: '登记闸机设备', en: 'Gate device registered' },
  'reservation.device_revoke': { zh: '注销闸机设备', en: 'Gate device revoked' },
  'reservation.flow_level': { zh: '客流预警等级变化', en: 'Visitor-flow alert level changed' },
  'reservation.publish_slots': { zh: '发布预约时段', en: 'Time slots published' },
  'reservation.reopen_day': { zh: '取消闭园日', en: 'Closed day lifted' },
  'reservation.settings': { zh: '修改预约设置', en: 'Reservation settings changed' },
  'reservation.slot_quota': { zh: '修改时段限额', en: 'Slot quota changed' },
  'return_request.accept': { zh: '商家同意退货', en: 'Return accepted' },
  'return_request.compensate': { zh: '先行赔付', en: 'Advance compensation' },
  'return_request.escalate': { zh: '退货转市场监管', en: 'Return passed to market supervision' },
  'return_request.file': { zh: '申请退货', en: 'Return requested' },
  'return_request.refuse': { zh: '商家拒绝退货', en: 'Return refused' },
  'route.create': { zh: '新增线路', en: 'Route created' },
  'route.publish': { zh: '发布线路', en: 'Route published' },
  'route.unpublish': { zh: '下架线路', en: 'Route withdrawn' },
  'route.update': { zh: '修改线路', en: 'Route changed' },
  'procedure_rules.update': { zh: '修改工单流程本地规定', en: 'Local procedure rules changed' },
  'sla.overdue_resolution': { zh: '办结超时', en: 'Resolution overdue' },
  'sla.overdue_response': { zh: '响应超时', en: 'Response overdue' },
  'sla.report_leader': { zh: '超时报告领导', en: 'Reported to the leader' },
  'sla.urge_2': { zh: '二次督办', en: 'Second urge' },
  'sla_policy.update': { zh: '修改办理时限', en: 'Deadlines changed' },
  'station.activate': { zh: '启用站点', en: 'Station activated' },
  'station.create': { zh: '新增站点', en: 'Station created' },
  'station.deactivate': { zh: '停用站点', en: 'Station deactivated' },
  'station.update': { zh: '修改站点', en: 'Station changed' },
  'user.create': { zh: '新建账号', en: 'Account created' },
  'user.install_admin': { zh: '安装时创建管理员', en: 'Admin created at installation' },
  'user.reset': { zh: '重置账号（发放激活码）', en: 'Account reset (activation code issued)' },
  'user.reset_admin': { zh: '安装命令重置管理员', en: 'Admin reset by the installation command' },
  'user.unlock': { zh: '解锁账号', en: 'Account unlocked' },
  'user.update': { zh: '修改账号', en: 'Account changed' },
  'work_order.accept': { zh: '签收工单', en: 'Work order accepted' },
  'work_order.business_reply': { zh: '商家说明', en: 'Business answered' },
  'work_order.decide_time': { zh: '审批延期或挂起', en: 'Extension or suspension decided' },
  'work_order.dispatch': { zh: '派单', en: 'Dispatched' },
  'work_order.end_suspension': { zh: '结束挂起', en: 'Suspension ended' },
  'work_order.follow_up': { zh: '回访', en: 'Followed up' },
  'work_order.involve_business': { zh: '要求商家说明', en: 'Business asked to answer' },
  'work_order.merge': { zh: '合并工单', en: 'Merged' },
  'work_order.rate': { zh: '评价办理结果', en: 'Outcome rated' },
  'work_order.reply': { zh: '答复', en: 'Replied' },
  'work_order.request_material': { zh: '要求补充材料', en: 'Material requested' },
  'work_order.request_time': { zh: '申请延期或挂起', en: 'Extension or suspension requested' },
  'work_order.resolve': { zh: '办结', en: 'Resolved' },
  'work_order.return': { zh: '退回', en: 'Sent back' },
  'work_order.submit': { zh: '提交诉求', en: 'Appeal filed' },
  'work_order.supply_material': { zh: '补充材料', en: 'Material supplied' },
  'work_order.transfer': { zh: '转办', en: 'Transferred' },
  'work_order.unfounded': { zh: '不予受理', en: 'Found unfounded' },
  'work_order.urge': { zh: '督办', en: 'Urged' },
} as const satisfies Record<string, TName>;

export type TAuditAction = keyof typeof AUDIT_ACTIONS;

/** The kinds of object an audit entry is about, named in both languages. */
export const AUDIT_OBJECT_TYPES = {
  booking: { zh: '预约', en: 'Booking' },
  business: { zh: '经营主体', en: 'Business' },
  category_routing: { zh: '分类派单规则', en: 'Category routing' },
  department: { zh: '部门', en: 'Department' },
  file: { zh: '文件', en: 'File' },
  gate_device: { zh: '闸机设备', en: 'Gate device' },
  grid: { zh: '网格', en: 'Grid' },
  holiday: { zh: '节假日', en: 'Holiday calendar' },
  practitioner: { zh: '从业人员', en: 'Practitioner' },
  procedure_rules: { zh: '工单流程本地规定', en: 'Local procedure rules' },
  rating: { zh: '评价', en: 'Rating' },
  rating_code: { zh: '评价码', en: 'Rating code' },
  return_request: { zh: '退货申请', en: 'Return request' },
  route: { zh: '线路', en: 'Route' },
  scenic_spot: { zh: '景区', en: 'Scenic spot' },
  sla_policy: { zh: '办理时限', en: 'Deadlines' },
  spot: { zh: '景区', en: 'Scenic spot' },
  station: { zh: '站点', en: 'Station' },
  system: { zh: '系统', en: 'System' },
  time_slot: { zh: '预约时段', en: 'Time slot' },
  user: { zh: '账号', en: 'Account' },
  work_order: { zh: '工单', en: 'Work order' },
} as const satisfies Record<string, TName>;

/** A row of GET /api/audit-logs: the entry with the person, the object and the action named. */
export type TAuditRow = {
  id: number;
  at: string;
  actorId: string | null;
  actorRole: string | null;
  /** the account behind actorId: its display name and username (null for the system or a deleted account) */
  actor: { displayName: string; username: string | null } | null;
  action: string;
  /** the action's name; null only for a code the catalogue does not know (older rows) */
  actionName: TName | null;
  objectType: string;
  objectTypeName: TName | null;
  objectId: string | null;
  /** the object as people know it: a tracking number, a business's name, a booking's day and spot */
  objectLabel: TName | null;
  result: string;
  ip: string | null;
};
