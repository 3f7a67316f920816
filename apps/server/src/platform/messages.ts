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
  totp_required: { zh: '请输入动态验证码', en: 'Enter the code from your authenticator app' },
  totp_invalid: { zh: '动态验证码错误', en: 'Wrong authenticator code' },
  code_invalid: { zh: '验证码错误或已过期', en: 'The code is wrong or has expired' },
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
  business_not_found: { zh: '所选经营主体不存在', en: 'The selected business does not exist' },
  department_not_found: { zh: '所选部门不存在', en: 'The selected department does not exist' },
  same_department: { zh: '不能转办给本部门', en: 'Cannot transfer to the same department' },
  merge_self: { zh: '不能合并到自身', en: 'Cannot merge an order into itself' },
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
  import_rows_invalid: {
    zh: '导入文件中有错误行，未导入任何数据',
    en: 'Some rows have errors; nothing was imported',
  },
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
