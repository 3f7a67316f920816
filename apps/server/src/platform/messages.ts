import { RETURN_RULE_MESSAGES } from '@zhilv/contracts';

/**
 * Every machine code the API answers with, and its message in both languages. A code missing here
 * falls back to the generic message, and a test checks that every code thrown in the source is listed.
 */
export const MESSAGES = {
  validation_failed: { zh: '请求参数不正确', en: 'The request is not valid' },
  invalid_json: { zh: '请求内容不是有效的 JSON', en: 'The request body is not valid JSON' },
  unauthenticated: { zh: '请先登录', en: 'Please sign in first' },
  forbidden: { zh: '无权执行此操作', en: 'You are not allowed to do this' },
  not_found: { zh: '对象不存在', en: 'Not found' },
  route_not_found: { zh: '接口不存在', en: 'No such endpoint' },
  rate_limited: { zh: '操作过于频繁，请稍后再试', en: 'Too many requests, please try again later' },
  payload_too_large: { zh: '上传内容过大', en: 'The upload is too large' },
  internal_error: { zh: '服务器内部错误', en: 'Internal server error' },
  csrf_failed: { zh: '页面已过期，请刷新后重试', en: 'The page has expired, please reload and try again' },
  bad_credentials: { zh: '用户名或密码错误', en: 'Wrong username or password' },
  account_locked: { zh: '账号已锁定，请稍后再试', en: 'The account is locked, please try again later' },
  account_disabled: { zh: '账号已停用', en: 'The account is disabled' },
  account_has_bookings: {
    zh: '您还有未使用的预约，请先取消后再注销账号',
    en: 'You have bookings still to be used: cancel them before deleting the account',
  },
  totp_required: { zh: '请输入动态验证码', en: 'Enter the code from your authenticator app' },
  totp_invalid: { zh: '动态验证码错误', en: 'Wrong authenticator code' },
  code_invalid: { zh: '验证码错误或已过期', en: 'The code is wrong or has expired' },
  // accounts (issue 12): activation codes, separated admin duties, the SMS gateway
  activation_invalid: {
    zh: '用户名或激活码错误，或激活码已过期',
    en: 'Wrong username or activation code, or the code has expired',
  },
  admin_duty_reserved: {
    zh: '三员分立：管理员账号只能由安装命令创建和重置',
    en: 'Separated duties: admin accounts are created and reset only by the installation command',
  },
  invalid_nationality: { zh: '国籍代码不正确（ISO 3166 三位字母）', en: 'Invalid nationality (ISO 3166 alpha-3)' },
  walk_in_over_quota: { zh: '预留现场名额不能超过时段总量', en: 'The walk-in places cannot exceed the slot quota' },
  flow_report_recorded: { zh: '该报告已记录', en: 'This report has been recorded already' },
  mail_failed: { zh: '邮件发送失败，请稍后再试', en: 'The e-mail could not be sent, please try again later' },
  sms_failed: { zh: '短信发送失败，请稍后再试', en: 'The text message could not be sent, please try again later' },
  password_too_weak: {
    zh: '新密码至少 8 位，且须包含大小写字母、数字和符号中的三类',
    en: 'The new password needs at least 8 characters from three of: upper case, lower case, digits, symbols',
  },
  password_change_required: { zh: '首次登录请先修改密码', en: 'Please change your password first' },
  consent_required: { zh: '请先阅读并同意隐私政策', en: 'Please read and accept the privacy notice first' },
  idempotency_in_flight: { zh: '相同的提交正在处理中', en: 'The same submission is still being processed' },
  idempotency_mismatch: {
    zh: '幂等键已用于不同的请求内容',
    en: 'This Idempotency-Key was already used for a different request',
  },
  invalid_transition: { zh: '工单当前状态不允许此操作', en: 'This action is not possible in the current state' },
  reopen_limit: { zh: '工单只能重办一次', en: 'An order can be reopened only once' },
  already_rated: { zh: '已评价', en: 'Already rated' },
  called_at_future: { zh: '来电时间不能晚于当前时间', en: 'The time of the call cannot be in the future' },
  called_at_too_old: {
    zh: '来电时间不能早于 24 小时前',
    en: 'The time of the call cannot be more than 24 hours ago',
  },
  correction_already_reviewed: { zh: '该分类更正已审核', en: 'This category correction was already reviewed' },
  business_not_found: { zh: '所选经营主体不存在', en: 'The selected business does not exist' },
  department_not_found: { zh: '所选部门不存在', en: 'The selected department does not exist' },
  same_department: { zh: '不能转办给本部门', en: 'Cannot transfer to the same department' },
  merge_self: { zh: '不能合并到自身', en: 'Cannot merge an order into itself' },
  // 延期 / 挂起 (work-orders procedure.tables.ts)
  time_request_live: {
    zh: '该工单已有待审批的延期或挂起申请，或正在挂起',
    en: 'This order already has an extension or suspension waiting or running',
  },
  time_request_none: { zh: '该工单没有待审批的申请', en: 'This order has no request waiting for a decision' },
  time_request_late: {
    zh: '已过办结时限，不能再申请延期或挂起',
    en: 'The resolution deadline has passed: too late to ask for more time',
  },
  clock_not_running: {
    zh: '办结时限未在计时（如正在等待补充材料）',
    en: 'The resolution clock is not running (waiting for material, for instance)',
  },
  not_suspended: { zh: '该工单没有正在进行的挂起', en: 'This order is not suspended' },
  return_window_closed: {
    zh: '已超过退回时限（派单后 {hours} 小时，本地规定），请办理或申请转办',
    en: 'Too late to return: the window is {hours} hours after dispatch (a local rule); handle or transfer it',
  },
  return_limit: {
    zh: '该工单已被退回 {n} 次（本地规定的上限），请指挥中心确定承办单位',
    en: 'This order was returned {n} times (the local limit): the command center decides who handles it',
  },
  // 派单异议审核 (work-orders procedure.tables.ts workOrderDisputes)
  dispute_pending: {
    zh: '该工单的派单异议正在等待指挥中心审核',
    en: "This order's dispatch dispute is waiting for the command center's review",
  },
  dispute_none: { zh: '该工单没有待审核的派单异议', en: 'This order has no dispatch dispute to review' },
  // 分时预约 time-slot reservations
  not_scenic_spot: { zh: '只有A级旅游景区可以开放分时预约', en: 'Only scenic spots can take reservations' },
  spot_not_reservable: { zh: '该景区暂未开放预约', en: 'This scenic spot does not take reservations now' },
  slot_sold_out: { zh: '该时段已约满，请选择其他时段', en: 'This time slot is sold out, please choose another' },
  day_closed: { zh: '该日闭园，不开放预约', en: 'The scenic spot is closed on this day' },
  slot_ended: { zh: '该时段已结束，不能预约', en: 'This time slot has ended' },
  sales_paused: {
    zh: '景区在园人数较多，已暂停销售当日时段',
    en: 'The scenic spot is crowded: same-day slots are not sold now',
  },
  party_too_large: { zh: '超过每单可预约人数上限', en: 'Too many visitors in one booking' },
  visitor_duplicate: { zh: '同一预约中身份证号重复', en: 'The same ID number appears twice in this booking' },
  visitor_already_booked: {
    zh: '该身份证号当日已预约本景区（一证一日一约）',
    en: 'This ID number already has a booking at this scenic spot on that day',
  },
  idempotency_key_required: {
    zh: '请求缺少 Idempotency-Key，无法防止重复预约',
    en: 'An Idempotency-Key header is required for bookings',
  },
  booking_not_cancellable: { zh: '该预约当前状态不能取消', en: 'This booking cannot be cancelled in its state' },
  slot_started: { zh: '时段已开始，不能取消预约', en: 'The time slot has started; it can no longer be cancelled' },
  ticket_not_found: { zh: '未找到该门票，或门票不属于本景区', en: 'No such ticket at this scenic spot' },
  already_checked_in: {
    zh: '该门票已核验入园，不能重复使用',
    en: 'This ticket has already been checked in and cannot be used again',
  },
  ticket_cancelled: { zh: '该门票已取消或作废', en: 'This ticket was cancelled or voided' },
  check_in_too_early: {
    zh: '未到该门票的入园时段：{day} {start} 场次，{opensAt} 起可入园',
    en: 'Too early: the ticket is for the {start} slot on {day}; entry from {opensAt}',
  },
  check_in_expired: { zh: '已过该门票的入园时段', en: 'The ticket’s time slot is over' },
  entry_paused: {
    zh: '在园人数已达上限，暂停入园',
    en: 'Entry is paused: the scenic spot is at capacity',
  },
  occupancy_empty: { zh: '出园人数超过在园人数', en: 'More exits than people inside' },
  device_key_invalid: { zh: '闸机设备密钥无效或已停用', en: 'The gate device key is invalid or revoked' },
  quota_below_booked: {
    zh: '时段额度不能低于已预约人数',
    en: 'A slot’s quota cannot go below what is already booked',
  },
  quota_over_daily_capacity: {
    zh: '各时段额度之和超过日最大承载量',
    en: 'The slots’ quotas add up to more than the daily capacity',
  },
  slot_outside_hours: { zh: '时段须在开放时间之内', en: 'Slots must lie within opening hours' },
  day_in_past: { zh: '不能设置已过去的日期', en: 'The day has already passed' },
  range_too_long: { zh: '一次最多设置 92 天', en: 'At most 92 days at a time' },
  file_not_found: { zh: '图片不存在或无权使用', en: 'The photo does not exist or is not yours' },
  file_type: { zh: '仅支持 JPEG、PNG、WebP 图片', en: 'Only JPEG, PNG and WebP images are accepted' },
  file_quota: { zh: '上传数量已达上限', en: 'Upload quota reached' },
  invalid_uscc: { zh: '统一社会信用代码不正确', en: 'Invalid unified social credit code' },
  invalid_id_number: { zh: '身份证号码不正确', en: 'Invalid ID number' },
  duplicate: { zh: '记录已存在', en: 'The record already exists' },
  username_taken: { zh: '用户名已被使用', en: 'The username is taken' },
  role_conflict: {
    zh: '管理员职责分离：一个账号只能担任一种管理员角色',
    en: 'Separated duties: one admin role per account',
  },
  import_failed: { zh: '导入文件无法读取', en: 'The import file cannot be read' },
  import_headers: {
    zh: '导入文件的表头与导出模板不一致',
    en: 'The header row does not match the export template',
  },
  import_preview_stale: {
    zh: '文件或数据自预览后已变化，请重新预览后再确认导入',
    en: 'The file or the data changed since the preview; preview again before confirming',
  },
  import_rows_invalid: {
    zh: '导入文件中有错误行，未导入任何数据',
    en: 'Some rows have errors; nothing was imported',
  },
  rating_code_not_found: {
    zh: '评价码不存在或已停用，请核对后重试',
    en: 'This rating code does not exist or is no longer in use',
  },
  rating_code_deactivated: {
    zh: '此评价码已停用并换为新码，请扫描现场张贴的新二维码',
    en: 'This rating code has been replaced by a new one; scan the new QR code posted at the place',
  },
  rating_already_today: {
    zh: '您今天已经评价过这里了，明天可以再评',
    en: 'You already rated this place today; you can rate it again tomorrow',
  },
  rating_scores_invalid: {
    zh: '请为每一项打 1–5 星',
    en: 'Give every item 1 to 5 stars',
  },
  rating_work_order_linked: {
    zh: '这条评价已关联投诉工单',
    en: 'This rating is already linked to a complaint',
  },
  rating_not_low: {
    zh: '只有 2 星及以下并写了意见的评价可以转为投诉',
    en: 'Only a rating of 2 stars or less with a comment can become a complaint',
  },
  pdf_font_missing: {
    zh: '服务器未安装中文字体，无法生成 PDF。请管理员执行 apt-get install fonts-noto-cjk',
    en: 'No Chinese font is installed on the server, so the PDF cannot be made. Ask the administrator to run apt-get install fonts-noto-cjk',
  },
  field_required: { zh: '此项必填', en: 'This field is required' },
  letter_already_signed: { zh: '该责任状已签署', en: 'This responsibility letter is already signed' },
  letter_text_changed: {
    zh: '责任状文本与您看到的不一致，请刷新后重新阅读再签署',
    en: 'The letter is not the text you were shown: reload it, read it again, then sign',
  },
  field_invalid: { zh: '格式或取值不正确', en: 'The value or its format is not valid' },
  // 红色驿站 stations and 旅游线路 routes
  hours_invalid: {
    zh: '开放时间不正确：须在 00:00–24:00 之间，且开始早于结束',
    en: 'Invalid hours: between 00:00 and 24:00, opening before closing',
  },
  position_out_of_range: { zh: '位置不在本市范围内，请检查经纬度', en: 'The position is outside the prefecture' },
  station_not_found: { zh: '所选驿站不存在', en: 'The selected station does not exist' },
  stop_ref_conflict: {
    zh: '一个站点只能关联一个经营主体或一个驿站',
    en: 'A stop refers to one business or one station, not both',
  },
  stop_position_missing: { zh: '该经营主体没有位置，不能作为站点', en: 'This business has no position' },
  stop_seq_invalid: { zh: '站点序号须从 1 开始连续编号', en: 'Stop numbers must run 1, 2, 3 … without gaps' },
  route_too_few_stops: { zh: '线路至少需要 2 个站点才能发布', en: 'A published route needs at least 2 stops' },
  // 无理由退货 no-reason returns: the rules' own codes and words (shared with the portal), then the flow's
  ...RETURN_RULE_MESSAGES,
  return_answer_overdue: {
    zh: '已超过商家答复期限，该申请已转市场监管部门处理',
    en: 'The shop’s answer period is over; the request goes to market supervision',
  },
  return_not_accepted: {
    zh: '只有商家已同意的退货申请可以登记完成退款/换货',
    en: 'Only an accepted return can be recorded as refunded or exchanged',
  },
  compensation_already_paid: {
    zh: '该工单已从先行赔付基金支出过，不能重复赔付',
    en: 'The fund already paid out on this work order',
  },
  compensation_not_complaint: {
    zh: '只有受理中的投诉工单可以先行赔付',
    en: 'Only a complaint still on file can receive advance compensation',
  },
  compensation_use_return: {
    zh: '该工单来自无理由退货申请，请在退货申请上记录先行赔付',
    en: 'This work order came from a return request: record the compensation on the request',
  },
  goods_code_invalid: {
    zh: '商品类别代码只能由小写字母、数字和下划线组成',
    en: 'A goods code is lowercase letters, digits and underscores',
  },
  return_already_answered: { zh: '该退货申请已答复，不能重复答复', en: 'This return request was already answered' },
  return_not_escalated: {
    zh: '只有已转交部门处理的退货申请可以先行赔付',
    en: 'Only a request passed to the department can receive advance compensation',
  },
  return_compensation_exceeds: {
    zh: '先行赔付金额不能超过购买金额',
    en: 'Advance compensation cannot exceed the purchase amount',
  },
  // random draws 双随机、一公开 (issue 15)
  draw_certificate_validity: {
    zh: '执法证有效期结束日不能早于开始日',
    en: 'The certificate cannot end before it starts',
  },
  draw_certificate_not_staff: {
    zh: '执法证只能发给部门工作人员或部门负责人',
    en: 'Only department staff or department heads hold enforcement certificates',
  },
  draw_certificate_other_department: {
    zh: '执法证所属部门须与该人员所在部门一致',
    en: "The certificate's department must be the person's own department",
  },
  draw_certificate_no_taken: { zh: '该执法证号已被登记', en: 'This certificate number is already registered' },
  draw_certificate_exists: {
    zh: '该人员已有执法证，请修改原证',
    en: 'This person already holds a certificate: edit it',
  },
  draw_no_certificate: {
    zh: '持有执法证的检查人员才能申报回避关系',
    en: 'Only inspectors holding a certificate declare relations',
  },
  draw_relation_exists: { zh: '已申报过与该经营主体的关系', en: 'A relation to this business is already declared' },
  draw_department_unknown: { zh: '所选部门不存在', en: 'A selected department does not exist' },
  draw_plan_not_draft: { zh: '抽查计划已固化名录库，不能再次固化', en: 'The plan’s pools are already frozen' },
  draw_plan_not_frozen: {
    zh: '请先固化名录库再抽取；已抽取的计划不能重抽',
    en: 'Freeze the pools before drawing; a drawn plan cannot be drawn again',
  },
  draw_target_pool_empty: {
    zh: '检查对象名录库为空，请调整筛选条件',
    en: 'The target pool is empty: widen the filter',
  },
  draw_inspector_pool_too_small: {
    zh: '执法检查人员名录库人数不足（少于每户检查人数）',
    en: 'The inspector pool has fewer inspectors than each target needs',
  },
  draw_ratio_below_minimum: {
    zh: '抽查比例不得低于5%',
    en: 'The plan must draw at least 5% of its target pool',
  },
  draw_pool_altered: { zh: '固化的名录库与其哈希不符，不能抽取', en: 'The frozen pool no longer matches its hash' },
  draw_nothing_to_publish: { zh: '没有待公示的检查结果', en: 'No results are waiting to be published' },
  draw_task_not_open: { zh: '该抽查任务已记录结果', en: 'This task already has its result' },
  draw_inspected_in_future: { zh: '检查时间不能晚于现在', en: 'The inspection cannot be in the future' },
  // inspections (issue 15): checklists, inspections, hazards
  checklist_not_found: { zh: '检查事项清单不存在', en: 'The checklist does not exist' },
  checklist_retired: {
    zh: '该检查事项清单已有新版本，请更新后重新检查',
    en: 'This checklist has a newer version: refresh and inspect with it',
  },
  inspection_item_unknown: {
    zh: '检查结果含有清单中没有的事项',
    en: 'A result names an item the checklist does not have',
  },
  inspection_item_duplicate: { zh: '检查事项重复', en: 'An item appears twice' },
  inspection_items_missing: { zh: '还有检查事项未填写结果', en: 'Some checklist items have no result' },
  inspection_photo_required: {
    zh: '该事项不合格时须拍照取证',
    en: 'A failed result of this item needs a photo',
  },
  inspection_started_at_invalid: {
    zh: '检查开始时间不正确（不能晚于现在，也不能早于14天前）',
    en: 'The start time is not valid (not in the future, not more than 14 days ago)',
  },
  inspection_draw_task_missing: {
    zh: '双随机抽查须关联抽查任务，其他检查不能关联',
    en: 'A random-draw inspection carries its draw task; other kinds carry none',
  },
  inspection_hazard_missing: {
    zh: '复查须关联该经营主体的隐患',
    en: 'A re-inspection names a hazard of this business',
  },
  inspection_team_invalid: { zh: '检查组成员须为检查人员账号', en: 'Team members must be inspecting staff accounts' },
  inspection_already_confirmed: { zh: '该检查记录已确认', en: 'This inspection was already confirmed' },
  inspection_not_unpublished: {
    zh: '只有未公开的暗访记录可以公开',
    en: 'Only an unpublished mystery visit can be published',
  },
  hazard_not_open: { zh: '该隐患不在整改中', en: 'This hazard is not being rectified' },
  hazard_not_answered: { zh: '企业尚未提交整改情况', en: 'The business has not answered yet' },
  hazard_not_major: {
    zh: '只有重大隐患可以转工单或移送立案',
    en: 'Only a major hazard can raise a work order or be referred',
  },
  hazard_work_order_exists: { zh: '该隐患已转工单', en: 'A work order was already raised for this hazard' },
  hazard_closed: { zh: '该隐患已销号', en: 'This hazard is closed' },
  hazard_already_referred: { zh: '该隐患已移送立案', en: 'This hazard was already referred' },
  credit_rule_unknown: { zh: '信用规则不存在或已停用', en: 'No such credit rule, or it is not active' },
  credit_thresholds_order: {
    zh: '等级阈值须满足 A > B > C',
    en: 'Grade thresholds must be in order A > B > C',
  },
  credit_event_duplicate: { zh: '该证据已记录过同一信用事件', en: 'This evidence is already recorded under this rule' },
  credit_subject_unknown: { zh: '信用主体不存在', en: 'No such business or practitioner' },
  dishonest_invalid_step: {
    zh: '失信名单程序当前不能执行此步骤',
    en: 'This step is not possible at this stage of the procedure',
  },
  dishonest_already_open: {
    zh: '该主体已有进行中的失信名单程序',
    en: 'This business already has an open dishonest-list procedure',
  },
  dishonest_objection_closed: { zh: '陈述申辩期已过', en: 'The objection window has closed' },
  dishonest_objection_open: {
    zh: '陈述申辩期未满且无申辩，暂不能作出决定',
    en: 'The objection window is still open and no objection was filed',
  },
  repair_too_early: {
    zh: '尚未满足最短公示期，暂不能申请信用修复',
    en: 'The minimum period on the list has not passed yet',
  },
  repair_pending: { zh: '已有待审核的信用修复申请', en: 'A repair application is already waiting for a decision' },
  evaluation_weights_sum: { zh: '三方评价权重之和须为100', en: 'The evaluation weights must add up to 100' },
  evaluation_year_invalid: { zh: '只能评价已开始的年度', en: 'Only a year that has begun can be evaluated' },
  evaluation_already_run: { zh: '该年度三方评价已完成', en: 'This year has already been evaluated' },
  repair_not_by_commitment: {
    zh: '该失信情形不能仅凭信用承诺修复，须经部门核查整改',
    en: 'This case cannot be repaired by commitment alone; the department must verify the correction',
  },
  pledge_already_signed: { zh: '已签署该信用承诺', en: 'This pledge is already signed' },
  pledge_already_broken: { zh: '该信用承诺已认定违背', en: 'This pledge was already found broken' },
} as const;

export type TMessageCode = keyof typeof MESSAGES;
export type TLang = 'zh-CN' | 'en';

export function message(code: string, lang: TLang): string {
  const m = (MESSAGES as Record<string, { zh: string; en: string }>)[code];
  if (!m) return lang === 'en' ? 'Request failed' : '请求失败';
  return lang === 'en' ? m.en : m.zh;
}

/** The request's language: `?lang=`, then Accept-Language; zh-CN by default. */
export function pickLang(acceptLanguage: string | undefined, query?: string): TLang {
  const v = (query ?? acceptLanguage ?? '').toLowerCase();
  if (v.startsWith('en')) return 'en';
  return 'zh-CN';
}
