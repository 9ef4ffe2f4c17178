// Every machine code the API can answer with, in the two languages the product speaks.
// `{name}` placeholders are filled from the error's params.
export type Locale = 'zh-CN' | 'en';

export const messages = {
  VALIDATION_FAILED: { 'zh-CN': '请求内容不符合要求，请检查标出的字段。', en: 'The request is invalid; check the fields listed.' },
  BAD_REQUEST: { 'zh-CN': '请求格式有误。', en: 'The request is malformed.' },
  UNSUPPORTED_MEDIA_TYPE: { 'zh-CN': '不支持的内容类型，请发送 JSON。', en: 'Unsupported content type; send JSON.' },
  PAYLOAD_TOO_LARGE: { 'zh-CN': '请求内容过大。', en: 'The request body is too large.' },
  UNAUTHENTICATED: { 'zh-CN': '请先登录。', en: 'Please sign in.' },
  INVALID_CREDENTIALS: { 'zh-CN': '用户名或密码错误。', en: 'Wrong username or password.' },
  LOGIN_LOCKED: {
    'zh-CN': '登录失败次数过多，账户已暂时锁定，请在 {minutes} 分钟后重试或联系管理员。',
    en: 'Too many failed sign-ins; the account is locked. Try again in {minutes} minutes or ask an administrator.',
  },
  RATE_LIMITED: { 'zh-CN': '请求过于频繁，请稍后再试。', en: 'Too many requests; try again later.' },
  CSRF_TOKEN_INVALID: {
    'zh-CN': '安全校验失败（CSRF 令牌缺失或无效），请刷新页面后重试。',
    en: 'Security check failed (missing or invalid CSRF token); reload the page and try again.',
  },
  FORBIDDEN: { 'zh-CN': '您没有执行此操作的权限（需要：{permission}）。', en: 'You are not allowed to do this (requires: {permission}).' },
  NOT_FOUND: { 'zh-CN': '未找到所请求的资源。', en: 'The requested resource was not found.' },
  ROUTE_NOT_FOUND: { 'zh-CN': '接口不存在：{method} {url}', en: 'No such endpoint: {method} {url}' },
  CONFLICT: { 'zh-CN': '操作与当前状态冲突。', en: 'The operation conflicts with the current state.' },
  USERNAME_TAKEN: { 'zh-CN': '用户名「{username}」已被使用。', en: 'The username "{username}" is already taken.' },
  DEPARTMENT_NOT_FOUND: { 'zh-CN': '部门不存在。', en: 'No such department.' },
  USER_NOT_FOUND: { 'zh-CN': '用户不存在。', en: 'No such user.' },
  TOKEN_NOT_FOUND: { 'zh-CN': 'API 令牌不存在。', en: 'No such API token.' },
  WEAK_PASSWORD: {
    'zh-CN': '新密码至少需要 {min} 个字符，且不能与用户名相同。',
    en: 'The new password needs at least {min} characters and must differ from the username.',
  },
  CANNOT_DEACTIVATE_SELF: { 'zh-CN': '不能停用或移除自己的管理员权限。', en: 'You cannot deactivate yourself or remove your own admin role.' },
  // Registry
  PARTY_NOT_FOUND: { 'zh-CN': '主体不存在。', en: 'No such party.' },
  CLIENT_NOT_FOUND: { 'zh-CN': '客户不存在。', en: 'No such client.' },
  CONTACT_NOT_FOUND: { 'zh-CN': '联系人不存在。', en: 'No such contact.' },
  RELATIONSHIP_NOT_FOUND: { 'zh-CN': '关系不存在。', en: 'No such relationship.' },
  IDENTIFIER_NOT_FOUND: { 'zh-CN': '证件不存在。', en: 'No such identifier.' },
  NAME_NOT_FOUND: { 'zh-CN': '名称不存在。', en: 'No such name.' },
  DECLARATION_NOT_FOUND: { 'zh-CN': '申报不存在。', en: 'No such declaration.' },
  PARTY_IDENTIFIER_EXISTS: { 'zh-CN': '该证件号码已登记在「{party}」名下。', en: 'This identifier already belongs to "{party}".' },
  SIMILAR_PARTY_EXISTS: {
    'zh-CN': '已存在名称几乎相同的主体「{party}」。如确认是不同主体，请确认后再保存。',
    en: 'A party with a nearly identical name exists: "{party}". Confirm it is a different party to save.',
  },
  PARTY_ENDED: { 'zh-CN': '该主体已终止，不能再修改或新增关联。', en: 'This party has been ended; it cannot be changed or linked.' },
  CLIENT_EXISTS: { 'zh-CN': '「{party}」已经是客户。', en: '"{party}" is already a client.' },
  RECORD_ENDED: { 'zh-CN': '该记录已终止或已被替代，不能再修改。', en: 'This record has been ended or superseded; it cannot be changed.' },
  PRIMARY_NAME_REQUIRED: { 'zh-CN': '主名称不能终止，请先设置新的主名称。', en: 'The primary name cannot be ended; set a new primary name first.' },
  USCC_FORMAT: { 'zh-CN': '统一社会信用代码格式错误（应为 18 位，且不含 I、O、Z、S、V）。', en: 'Malformed unified social credit code (18 characters, without I, O, Z, S, V).' },
  USCC_CHECK_DIGIT: { 'zh-CN': '统一社会信用代码校验位错误。', en: 'Wrong check character in the unified social credit code.' },
  ID_NUMBER_FORMAT: { 'zh-CN': '身份证号码格式错误（应为 17 位数字加 1 位数字或 X）。', en: 'Malformed resident ID number (17 digits and a digit or X).' },
  ID_NUMBER_BIRTH_DATE: { 'zh-CN': '身份证号码中的出生日期无效。', en: 'The birth date in the resident ID number is not a real date.' },
  ID_NUMBER_REGION: { 'zh-CN': '身份证号码中的地区代码无效。', en: 'The region code in the resident ID number is not valid.' },
  ID_NUMBER_CHECK_DIGIT: { 'zh-CN': '身份证号码校验位错误。', en: 'Wrong check character in the resident ID number.' },
  PASSPORT_FORMAT: { 'zh-CN': '护照号码格式错误（5–20 位字母或数字）。', en: 'Malformed passport number (5–20 letters or digits).' },
  IDENTIFIER_EMPTY: { 'zh-CN': '证件号码不能为空。', en: 'The identifier is empty.' },
  IDENTIFIER_TOO_LONG: { 'zh-CN': '证件号码过长（最多 64 个字符）。', en: 'The identifier is too long (64 characters at most).' },
  SELF_RELATIONSHIP: { 'zh-CN': '主体不能与自身建立关系。', en: 'A party cannot be related to itself.' },
  PARTY_KIND_MISMATCH: { 'zh-CN': '该关系类型不适用于此类主体（个人/机构）。', en: 'This relationship type does not fit these kinds of party (person/organisation).' },
  PERCENTAGE_REQUIRED: { 'zh-CN': '持股关系需要填写持股比例。', en: 'A shareholding needs a percentage.' },
  PERCENTAGE_RANGE: { 'zh-CN': '持股比例须大于 0 且不超过 100%，最多两位小数。', en: 'The percentage must be above 0 and at most 100, with two decimals at most.' },
  PERCENTAGE_NOT_ALLOWED: { 'zh-CN': '只有持股关系可以填写比例。', en: 'Only a shareholding has a percentage.' },
  DATE_ORDER: { 'zh-CN': '结束日期早于开始日期。', en: 'The end date is before the start date.' },
  INVALID_DATE: { 'zh-CN': '日期无效，请使用 YYYY-MM-DD 格式。', en: 'Invalid date; use YYYY-MM-DD.' },
  UNKNOWN_RELATIONSHIP_TYPE: { 'zh-CN': '未知的关系类型。', en: 'Unknown relationship type.' },
  UNKNOWN_PARTY: { 'zh-CN': '找不到所引用的主体。', en: 'The party referred to is not known.' },
  UNKNOWN_USER: { 'zh-CN': '找不到该员工账号。', en: 'No such staff account.' },
  UNKNOWN_DEPARTMENT: { 'zh-CN': '找不到该部门。', en: 'No such department.' },
  INVALID_MONEY: { 'zh-CN': '金额格式错误。', en: 'Malformed amount.' },
  UNKNOWN_CURRENCY: { 'zh-CN': '币种代码无效（ISO 4217，如 CNY）。', en: 'Invalid currency code (ISO 4217, e.g. CNY).' },
  INVALID_VALUE: { 'zh-CN': '取值无效：{value}', en: 'Invalid value: {value}' },
  REQUIRED: { 'zh-CN': '必填。', en: 'Required.' },
  DUPLICATE_IN_FILE: { 'zh-CN': '与文件中第 {line} 行重复。', en: 'Duplicates line {line} of the file.' },
  MISSING_COLUMN: { 'zh-CN': '文件缺少必需的列：{column}', en: 'The file lacks a required column: {column}' },
  FILE_TOO_LARGE: { 'zh-CN': '文件过大（上限 {limit} MB）。', en: 'The file is too large (limit {limit} MB).' },
  UNSUPPORTED_FILE: { 'zh-CN': '无法识别的文件：请上传 CSV 或 XLSX。', en: 'Unrecognised file: upload CSV or XLSX.' },
  CSV_SYNTAX: { 'zh-CN': 'CSV 格式错误（第 {line} 行）：引号未正确闭合。', en: 'Malformed CSV (line {line}): a quoted field is not closed properly.' },
  DUPLICATE_REF: { 'zh-CN': '编号「{ref}」已被之前导入的主体使用。', en: 'The id "{ref}" is already used by a previously imported party.' },
  NOT_A_CLIENT: { 'zh-CN': '该主体不是客户。', en: 'This party is not a client.' },
  RECORD_EXISTS: { 'zh-CN': '已存在相同的记录。', en: 'The same record already exists.' },
  TOO_LONG: { 'zh-CN': '内容过长（最多 {max} 个字符）。', en: 'Too long ({max} characters at most).' },
  // Benefits: policy, authority matrix, delegations, blackouts
  INVALID_AMOUNT: { 'zh-CN': '金额无效：须大于零，小数位数不能超过币种允许的位数。', en: 'Invalid amount: it must be above zero, with no more decimals than the currency has.' },
  POLICY_VERSION_NOT_FOUND: { 'zh-CN': '好处费政策第 {version} 版不存在。', en: 'Benefit policy version {version} does not exist.' },
  POLICY_BACKDATED: {
    'zh-CN': '新政策的生效日期不能早于今天（{today}）：已提交的申请须按当时有效的政策判断。',
    en: 'A new policy cannot take effect before today ({today}): submitted requests stay judged by the policy in force then.',
  },
  MATRIX_NOT_FOUND: { 'zh-CN': '尚未设置审批权限矩阵。', en: 'No authority matrix has been set.' },
  MATRIX_VERSION_NOT_FOUND: { 'zh-CN': '审批权限矩阵第 {version} 版不存在。', en: 'Authority matrix version {version} does not exist.' },
  MATRIX_INVALID: { 'zh-CN': '审批权限矩阵有 {count} 处问题，未保存。', en: 'The authority matrix has {count} problem(s); nothing was saved.' },
  MATRIX_DUPLICATE_ID: { 'zh-CN': '规则编号重复。', en: 'Duplicate rule id.' },
  MATRIX_NO_STEPS: { 'zh-CN': '规则至少需要一个审批步骤。', en: 'A rule needs at least one approval step.' },
  MATRIX_INVALID_BAND: { 'zh-CN': '金额上限须为大于零的整数（分），或留空表示不设上限。', en: 'The upper bound must be a whole number of fen above zero, or empty for none.' },
  MATRIX_EMPTY_SCOPE: { 'zh-CN': '适用的好处类型或部门不能为空（全部请用 *）。', en: 'The benefit types or departments cannot be empty (use * for all).' },
  MATRIX_NO_CATCH_ALL: {
    'zh-CN': '缺少兜底规则：须有一条适用于全部类型、全部部门且不设金额上限的规则。',
    en: 'No catch-all rule: one rule must cover every type and department without an upper bound.',
  },
  MATRIX_UNKNOWN_ROLE: { 'zh-CN': '未知的角色。', en: 'Unknown role.' },
  MATRIX_INACTIVE_USER: { 'zh-CN': '该员工账号已停用，不能担任审批人。', en: 'This staff account is deactivated and cannot approve.' },
  DELEGATION_NOT_FOUND: { 'zh-CN': '审批委托不存在。', en: 'No such delegation.' },
  DELEGATION_TO_SELF: { 'zh-CN': '不能委托给自己。', en: 'You cannot delegate to yourself.' },
  DELEGATE_CANNOT_APPROVE: { 'zh-CN': '受托人没有审批好处费的权限。', en: 'The deputy is not allowed to approve benefits.' },
  DELEGATION_IN_PAST: { 'zh-CN': '委托的结束日期已过（今天是 {today}）。', en: 'The delegation would already have ended (today is {today}).' },
  DELEGATION_OVERLAP: {
    'zh-CN': '该审批人在 {from} 至 {to} 已有委托，期间不能重叠。',
    en: 'This approver already has a delegation from {from} to {to}; periods cannot overlap.',
  },
  DELEGATION_REVOKED: { 'zh-CN': '该委托已撤销。', en: 'This delegation has already been revoked.' },
  BLACKOUT_NOT_FOUND: { 'zh-CN': '禁止期不存在。', en: 'No such blackout window.' },
  BLACKOUT_LIFTED: { 'zh-CN': '该禁止期已解除。', en: 'This blackout window has already been lifted.' },
  FTM_INVALID_JSON: { 'zh-CN': '该行不是有效的 FtM 实体 JSON。', en: 'This line is not a valid FtM entity in JSON.' },
  FTM_UNKNOWN_SCHEMA: { 'zh-CN': '未知的 FtM 类型：{schema}', en: 'Unknown FtM schema: {schema}' },
  FTM_UNSUPPORTED_SCHEMA: { 'zh-CN': '不导入此类 FtM 实体：{schema}', en: 'FtM entities of this kind are not imported: {schema}' },
  FTM_UNKNOWN_PROPERTY: { 'zh-CN': 'FtM 类型 {schema} 没有属性 {property}。', en: 'The FtM schema {schema} has no property {property}.' },
  CANNOT_REVIEW_OWN: { 'zh-CN': '不能审核本人的申报。', en: 'You cannot review your own declaration.' },
  DECLARATION_NOT_OPEN: { 'zh-CN': '该申报已处理，不能再更改。', en: 'This declaration has been dealt with; it cannot change.' },
  CONFLICT_INDEX_BUILDING: {
    'zh-CN': '利益冲突检索索引正在建立（已载入 {loaded} / {total} 个主体），请稍后再试。',
    en: 'The conflict-check index is being built ({loaded} of {total} parties loaded); try again shortly.',
  },
  CONFLICT_CHECK_NOT_FOUND: { 'zh-CN': '冲突检索记录不存在。', en: 'No such conflict check.' },
  NOTIFICATION_NOT_FOUND: { 'zh-CN': '通知不存在。', en: 'No such notification.' },
  // Benefit requests
  BENEFIT_REQUEST_NOT_FOUND: { 'zh-CN': '好处费申请不存在。', en: 'No such benefit request.' },
  BENEFIT_REQUEST_STALE: {
    'zh-CN': '申请 {ref} 已被他人更新，请刷新后再操作。',
    en: 'Request {ref} was changed by someone else; reload it and try again.',
  },
  BENEFIT_POLICY_MISSING: { 'zh-CN': '尚无生效的好处费政策，请联系合规部。', en: 'No benefit policy is in force; ask compliance.' },
  AUTHORITY_MATRIX_MISSING: { 'zh-CN': '尚未设置审批权限矩阵，请联系合规部。', en: 'No authority matrix has been set; ask compliance.' },
  AUTHORITY_NO_RULE: { 'zh-CN': '审批权限矩阵中没有适用于该申请的规则。', en: 'No rule of the authority matrix covers this request.' },
  NO_ELIGIBLE_APPROVER: {
    'zh-CN': '审批链中有一步找不到可审批的人（本人、关联人或停用账号均不能审批），请联系流程管理员。',
    en: 'A step of the approval chain has nobody eligible to approve (not the requester, a related person or an inactive account); ask a process administrator.',
  },
  ILLEGAL_TRANSITION: { 'zh-CN': '当前状态（{state}）下不能执行此操作（{event}）。', en: 'This cannot be done ({event}) in the current state ({state}).' },
  NOT_THE_REQUESTER: { 'zh-CN': '只有申请人本人可以执行此操作。', en: 'Only the requester can do this.' },
  NOT_AN_APPROVER: { 'zh-CN': '您不是该申请当前审批步骤的审批人。', en: 'You are not an approver of this request’s current step.' },
  ALREADY_DECIDED_A_STEP: { 'zh-CN': '您已审批过申请 {ref} 的另一步骤，同一人不能审批两步。', en: 'You already decided another step of {ref}; one person cannot decide two steps.' },
  COMMENT_REQUIRED: { 'zh-CN': '驳回或退回时须填写意见。', en: 'A comment is required to reject or return.' },
  PRECHECK_BLOCKED: { 'zh-CN': '申请 {ref} 未通过预检，不能提交：请查看各项发现。', en: 'Request {ref} failed the pre-checks and cannot be submitted: see the findings.' },
  JUSTIFICATION_REQUIRED: {
    'zh-CN': '申请 {ref} 触及软性限制，须填写书面说明后提交（将加入合规审批）。',
    en: 'Request {ref} breaches a soft limit: submit it with a written justification (compliance will be added).',
  },
  RATE_REQUIRED: { 'zh-CN': '外币金额须填写折算人民币的汇率。', en: 'A foreign-currency amount needs its rate to CNY.' },
  INVALID_RATE: { 'zh-CN': '汇率无效：须为大于零的数字，最多 8 位小数。', en: 'Invalid rate: a number above zero with at most 8 decimals.' },
  PAYMENT_EXCEEDS_APPROVED: { 'zh-CN': '付款合计不能超过批准金额。', en: 'Payments cannot exceed the approved amount.' },
  REVERSAL_EXCEEDS_PAID: { 'zh-CN': '冲销金额不能超过已付金额。', en: 'A reversal cannot exceed what was paid.' },
  PAYMENT_NOT_FOUND: { 'zh-CN': '该申请没有这笔付款。', en: 'No such payment on this request.' },
  PAYMENT_ALREADY_REVERSED: { 'zh-CN': '这笔付款已冲销过。', en: 'This payment has already been reversed.' },
  DATE_IN_FUTURE: { 'zh-CN': '日期不能晚于今天。', en: 'The date cannot be after today.' },
  STEP_NOT_FOUND: { 'zh-CN': '该申请没有这个审批步骤。', en: 'No such approval step on this request.' },
  STEP_NOT_PENDING: { 'zh-CN': '申请 {ref} 的这一步不在待审批状态。', en: 'This step of {ref} is not awaiting a decision.' },
  APPROVER_INELIGIBLE: {
    'zh-CN': '{name} 不能审批该申请（须为在职且有审批权限，且非申请人、非关联人、未审批过本轮其他步骤）。',
    en: '{name} cannot approve this request (must be active with approval rights, not the requester, not related, and not have decided another step of this round).',
  },
  ATTACHMENT_TOO_LARGE: { 'zh-CN': '附件超过 {maxMb} MB 的上限。', en: 'The attachment is over the {maxMb} MB limit.' },
  ATTACHMENT_EMPTY: { 'zh-CN': '附件为空。', en: 'The attachment is empty.' },
  ATTACHMENT_TYPE_NOT_ALLOWED: {
    'zh-CN': '不支持的附件类型（允许：PDF、PNG、JPEG、WEBP、GIF、TXT、CSV、XLSX、DOCX），或文件内容与扩展名不符。',
    en: 'Attachment type not allowed (PDF, PNG, JPEG, WEBP, GIF, TXT, CSV, XLSX, DOCX), or the content does not match the extension.',
  },
  ATTACHMENT_NOT_FOUND: { 'zh-CN': '附件不存在。', en: 'No such attachment.' },
  // Benefit ledger
  LEDGER_DATE_RANGE: { 'zh-CN': '起始日期 {from} 晚于结束日期 {to}。', en: 'The start date {from} is after the end date {to}.' },
  // Conflict cases
  CASE_NOT_FOUND: { 'zh-CN': '利益冲突案件不存在。', en: 'No such conflict case.' },
  CASE_STALE: { 'zh-CN': '案件 {ref} 已被他人更新，请刷新后再操作。', en: 'Case {ref} was changed by someone else; reload it and try again.' },
  CASE_SOURCE_FORBIDDEN: { 'zh-CN': '您不能以该来源（{source}）立案。', en: 'You cannot open a case from this source ({source}).' },
  CASE_MOVE_FORBIDDEN: { 'zh-CN': '您不能对该案件执行此操作（{event}）。', en: 'You may not do this ({event}) on this case.' },
  CASE_NEW_INVALID: { 'zh-CN': '案件信息不完整或不符合分类，请检查标出的字段。', en: 'The case is incomplete or does not fit the taxonomy; check the fields listed.' },
  CASE_HIT_NOT_IN_CHECK: { 'zh-CN': '冲突检索 {ref} 中没有该命中结果。', en: 'Conflict check {ref} has no such hit.' },
  CASE_TAXONOMY_INVALID: { 'zh-CN': '冲突分类不符合要求，请检查标出的条目。', en: 'The conflict taxonomy is invalid; check the entries listed.' },
  CASE_RESPONSIBLE_INVOLVED: { 'zh-CN': '案件涉及的人员不能担任该案件的负责人。', en: 'Someone the case names cannot be its responsible person.' },
  CASE_MITIGATION_NOT_FOUND: { 'zh-CN': '该处理措施不存在。', en: 'No such mitigation.' },
  CASE_MITIGATION_NOT_PLANNED: { 'zh-CN': '该处理措施已落实或已撤销。', en: 'This mitigation is already in effect or lifted.' },
  CASE_COMMENT_REQUIRED: { 'zh-CN': '案件的每一步操作都须填写意见。', en: 'Every move of a case needs a comment.' },
  CASE_SEVERITY_REQUIRED: { 'zh-CN': '评估须填写严重程度。', en: 'An assessment needs a severity.' },
  CASE_UNKNOWN_SEVERITY: { 'zh-CN': '严重程度不在分类中。', en: 'The severity is not in the taxonomy.' },
  CASE_IMPACT_REQUIRED: { 'zh-CN': '评估须写明影响。', en: 'An assessment needs the impact.' },
  CASE_ASSESSMENT_REQUIRED: { 'zh-CN': '评估须填写书面评估意见。', en: 'An assessment needs a written assessment.' },
  CASE_MITIGATION_REQUIRED: { 'zh-CN': '处理决定须至少包含一项处理措施。', en: 'A resolution needs at least one mitigation.' },
  CASE_UNKNOWN_MITIGATION: { 'zh-CN': '处理措施类型不在分类中。', en: 'The mitigation kind is not in the taxonomy.' },
  CASE_MITIGATION_NEEDS_STAFF: { 'zh-CN': '回避或信息隔离须指明相关员工。', en: 'A recusal or information barrier must name the staff concerned.' },
  CASE_MITIGATION_NEEDS_CLIENT: { 'zh-CN': '披露同意或拒绝、退出须指明相关客户。', en: 'Disclosure and consent, or declining or exiting, must name the clients concerned.' },
  CASE_MITIGATION_NEEDS_DESCRIPTION: { 'zh-CN': '该处理措施须写明具体内容。', en: 'This mitigation needs a description.' },
  CASE_MITIGATIONS_PENDING: { 'zh-CN': '尚有处理措施未落实。', en: 'Some mitigations are not yet in effect.' },
  CASE_REVIEW_DATE_REQUIRED: { 'zh-CN': '须至少设定一个复查日期。', en: 'At least one review date is needed.' },
  CASE_INVALID_DATE: { 'zh-CN': '日期格式不正确（应为 YYYY-MM-DD）。', en: 'Not a valid date (YYYY-MM-DD).' },
  CASE_REVIEW_DATE_NOT_FUTURE: { 'zh-CN': '复查日期须晚于今天。', en: 'A review date must be after today.' },
  CASE_FINDING_REQUIRED: { 'zh-CN': '以不构成冲突结案须写明调查结论。', en: 'Closing as no conflict needs the finding.' },
  CASE_REASON_REQUIRED: { 'zh-CN': '重新调查或重新开启案件须写明原因。', en: 'Reinvestigating or reopening a case needs a reason.' },
  CASE_MITIGATION_NO_CLIENTS: { 'zh-CN': '回避或信息隔离须指明客户：请在处理措施或案件中写明相关客户。', en: 'A recusal or information barrier needs the clients it keeps staff away from: name them in the mitigation or the case.' },
  CASE_CONSENT_REQUIRED: { 'zh-CN': '须逐一写明处理措施所涉每个客户由谁表示同意。', en: 'Say who consented for each client the mitigation names, once each.' },
  CASE_CONSENT_DATE_FUTURE: { 'zh-CN': '客户同意的日期不能晚于今天。', en: 'A consent cannot be dated after today.' },
  CASE_EFFECT_NOTE_REQUIRED: { 'zh-CN': '请写明该处理措施的落实情况。', en: 'Say what was done to put this mitigation in effect.' },
  CASE_NOTHING_TO_REVIEW: { 'zh-CN': '案件 {ref} 没有待复查的日期。', en: 'Case {ref} has no review pending.' },
  // Recusal and information barriers
  RECUSAL_NOT_FOUND: { 'zh-CN': '回避记录不存在。', en: 'No such recusal.' },
  RECUSAL_STALE: { 'zh-CN': '该回避记录已被他人更新，请刷新后再操作。', en: 'This recusal was changed by someone else; reload it and try again.' },
  RECUSAL_ILLEGAL_MOVE: { 'zh-CN': '回避记录当前状态为「{status}」，不能执行此操作（{action}）。', en: 'The recusal is {status}; it cannot be {action}.' },
  RECUSAL_FOR_OTHERS_FORBIDDEN: { 'zh-CN': '只有合规人员可以为他人登记回避。', en: 'Only compliance may record a recusal for someone else.' },
  RECUSAL_WITHDRAW_FORBIDDEN: { 'zh-CN': '只有申请人本人可以撤回回避申请。', en: 'Only the person who asked may withdraw a recusal request.' },
  RECUSAL_DECIDE_FORBIDDEN: { 'zh-CN': '不能审批本人的回避申请。', en: 'You cannot decide your own recusal.' },
  RECUSAL_UNKNOWN_CLIENT: { 'zh-CN': '所列客户不存在。', en: 'A client listed does not exist.' },
  RECUSAL_UNKNOWN_USER: { 'zh-CN': '所列用户不存在。', en: 'A user listed does not exist.' },
  RECUSAL_DATES: { 'zh-CN': '结束日期不能早于开始日期。', en: 'The end date cannot be before the start date.' },
  RECUSAL_RULES_INVALID: { 'zh-CN': '回避规则不符合要求，请检查标出的条目。', en: 'The recusal rules are invalid; check the entries listed.' },
  BARRIER_NOT_FOUND: { 'zh-CN': '信息隔离墙不存在。', en: 'No such information barrier.' },
  BARRIER_STALE: { 'zh-CN': '该信息隔离墙已被他人更新，请刷新后再操作。', en: 'This information barrier was changed by someone else; reload it and try again.' },
  BARRIER_ALREADY_REVOKED: { 'zh-CN': '该信息隔离墙已撤销。', en: 'This information barrier is already revoked.' },
  INTERNAL: { 'zh-CN': '服务器内部错误，请稍后重试。请求编号：{requestId}', en: 'Internal server error; try again later. Request id: {requestId}' },
  SERVICE_UNAVAILABLE: { 'zh-CN': '数据库暂不可用。', en: 'The database is unavailable.' },
} as const satisfies Record<string, Record<Locale, string>>;

export type MessageCode = keyof typeof messages;

export function translate(code: MessageCode, locale: Locale, params: Record<string, string | number> = {}): string {
  return messages[code][locale].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Picks zh-CN or en from an Accept-Language header; Chinese is the default. */
export function negotiateLocale(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return 'zh-CN';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...opts] = part.trim().split(';');
      const q = opts.find((o) => o.trim().startsWith('q='));
      return { tag: tag.toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((entry) => entry.tag && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag.startsWith('zh')) return 'zh-CN';
    if (tag.startsWith('en')) return 'en';
  }
  return 'zh-CN';
}
