/**
 * Chinese (source) messages. This file defines the set of keys: add a key here
 * first, then in messages.en.ts (tsc fails until both have it).
 *
 * Keys are grouped by dotted prefix; keep groups together and add new groups at the end.
 * Placeholders are written `{name}` and filled by `t(lang, key, { name })`.
 */
export const zh = {
  // Site identity
  'site.org': '示范市公安局',
  'site.portal': '示范市公安局 网上公安局',
  'site.workbench': '民警工作台',

  // Header tools
  'skip.main': '跳到主要内容',
  'lang.switch': 'English',
  'elder.on': '长辈版',
  'elder.off': '标准版',
  'voice.start': '朗读本页',
  'voice.stop': '停止朗读',
  'header.tools': '网站工具',

  // Accounts
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'auth.register': '注册',
  'auth.signedInAs': '当前用户：{name}',
  'session.timedOut':
    '由于长时间未操作，为保护您的信息安全，已自动退出登录。请重新登录，登录后回到刚才的页面。',
  'session.warning': '您已较长时间未操作，将在 {time} 后自动退出登录。未保存的内容请先保存。',
  'session.continue': '继续使用',
  'session.ended': '由于长时间未操作，已自动退出登录。',
  'session.loginAgain': '重新登录',

  // Portal columns (order matters: it is the nav order)
  'nav.main': '主导航',
  'nav.news': '信息发布',
  'nav.news.desc': '新闻动态、通知公告、安全防范提示',
  'nav.disclosure': '警务公开',
  'nav.disclosure.desc': '机构职能、法规文件、审批结果公开',
  'nav.services': '网上办事',
  'nav.services.desc': '办事指南、在线申请、办件查询',
  'nav.interaction': '警民互动',
  'nav.interaction.desc': '局长信箱、咨询、投诉、举报',

  // Workbench nav
  'wb.nav': '工作台导航',
  'wb.nav.todo': '待办事项',
  'wb.nav.cases': '案件办理',
  'wb.nav.appointments': '预约接待',
  'wb.nav.letters': '信件办理',
  'wb.nav.kb': '答复口径库',
  'wb.nav.questionnaires': '满意度问卷',
  'wb.nav.qa': '公开问答',
  'wb.nav.ratings': '差评整改',
  'wb.nav.finance': '支付对账',
  'wb.nav.ratingsWindow': '窗口评价',
  'wb.nav.traffic': '交通违法',
  'wb.nav.supervision': '一键督办',
  'wb.nav.statistics': '统计分析',
  'wb.nav.content': '信息发布',
  'wb.nav.staff': '人员管理',
  'wb.nav.org': '机构管理',
  'wb.nav.audit': '审计日志',
  'wb.nav.catalog': '办事指南',
  'wb.nav.exchange': '边界交换',
  'wb.nav.open311': '接口密钥',
  'wb.nav.holidays': '节假日安排',

  'demo.banner': '演示站点：所有数据均为虚构，短信验证码公开可见，请勿填写真实个人信息。',

  // Footer (help order must stay the same on every page: WCAG 3.2.6)
  'footer.help': '获取帮助',
  'footer.hotline': '服务热线',
  'footer.hotlineNumber': '0000-96110',
  'footer.demoNumber': '演示号码',
  'footer.consult': '在线咨询',
  'footer.faq': '常见问题',
  'footer.support': '技术支持热线',
  'footer.emergency': '紧急情况请拨打110',
  'footer.copyright': '© {year} 示范市公安局（虚构的示范城市，仅供演示）',
  'footer.aboutSite': '关于本站',
  'footer.directory': '机构名录',
  'footer.sitemap': '网站地图',
  'footer.transparency': '数据公开',
  'footer.privacy': '隐私声明',
  'footer.terms': '使用条款',
  'footer.accessibility': '无障碍声明',
  'footer.sponsor': '主办单位：示范市公安局',
  'footer.operator': '承办单位：示范市公安局科技信息化处',
  'footer.contact': '联系地址：示范市示范大道 1 号　邮编：000000　电话：0000-96110',
  'footer.siteCode': '网站标识码：0000000001',
  'footer.icpLabel': 'ICP备案号',
  'footer.psbFilingLabel': '公安机关备案号',
  'footer.demoValues': '（以上均为演示值）',

  // Forms
  'form.optional': '（选填）',
  'form.required': '（必填）',
  'form.errorPrefix': '错误：',
  'form.continue': '继续',
  'form.submit': '提交',
  'form.back': '返回',
  'form.warning': '警告',
  'form.choose': '请选择',
  'error.summaryTitle': '提交的信息有误',
  'error.unlabelledField': '所提交的内容',
  'error.titlePrefix': '错误：',

  // Check answers and confirmation
  'cya.title': '核对您填写的信息',
  'cya.change': '修改',
  'cya.notProvided': '未填写',
  'confirm.reference': '您的受理编号',

  // Pagination and tables
  'pagination.label': '分页',
  'pagination.prev': '上一页',
  'pagination.next': '下一页',
  'pagination.page': '第 {page} 页',

  // Error pages
  'errors.404.title': '找不到该页面',
  'errors.404.body': '如果您是手动输入的网址，请检查是否正确；如果是粘贴的网址，请检查是否复制完整。',
  'errors.403.title': '您无权查看该页面',
  'errors.403.body': '如果您认为应当有权查看，请登录后重试，或通过在线咨询联系我们。',
  'errors.500.title': '抱歉，服务出现问题',
  'errors.500.body': '请稍后再试。如问题持续，请拨打服务热线并告知请求编号。',
  'errors.500.reference': '请求编号：{requestId}',
  'errors.422.title': '提交的信息无法处理',
  'errors.422.body': '请返回上一页，检查您填写的信息后重新提交。',
  'errors.429.title': '操作过于频繁',
  'errors.429.body': '请稍等几分钟后再试。您已填写的信息不会丢失。',
  'errors.home': '返回首页',
} as const;
