// The texts of the site's fixed pages (privacy notice, terms of use, accessibility statement), Chinese first.
// They describe what the code does: a change in what is collected or kept must change these words too.

export interface Bilingual {
  zh: string;
  en: string;
}

export interface TextSection {
  heading: Bilingual;
  paragraphs?: Bilingual[];
  list?: Bilingual[];
}

export interface SitePageText {
  title: Bilingual;
  lead: Bilingual;
  updated: string;
  sections: TextSection[];
}

const b = (zh: string, en: string): Bilingual => ({ zh, en });

export const privacyNotice: SitePageText = {
  title: b('隐私声明', 'Privacy notice'),
  lead: b(
    '示范市公安局（以下简称“本局”）是本网站处理个人信息的责任单位。本声明说明我们收集哪些个人信息、为什么收集、保存多久、谁能看到，以及您享有的权利。',
    'Shifan City Public Security Bureau (“the bureau”) is responsible for the personal information this site handles. This notice says what we collect, why, how long we keep it, who sees it and what your rights are.',
  ),
  updated: '2026-12-06',
  sections: [
    {
      heading: b('我们收集哪些信息', 'What we collect'),
      list: [
        b(
          '注册账号：手机号码、密码（只保存不可还原的摘要）、您填写的姓名。',
          'Your account: mobile number, password (kept only as a one-way hash) and the name you give.',
        ),
        b(
          '实名认证：姓名和身份证件号码。身份证件号码属于敏感个人信息，加密保存，页面上不再完整显示。',
          'The real-name check: your name and identity document number. The number is sensitive personal information; it is stored encrypted and never shown in full again.',
        ),
        b(
          '网上申请：申请表中填写的内容和上传的材料，以及办理过程中产生的记录和文书。',
          'Applications: what you type into the form and the documents you upload, and the records and documents produced while your case is handled.',
        ),
        b(
          '单位账号：您代表的单位名称、统一社会信用代码和您在单位中的角色。',
          'Organisation accounts: the organisation you act for, its unified social credit code and your role in it.',
        ),
        b(
          '访问记录：IP 地址、访问时间、请求编号和出错信息，用于保障网站安全。',
          'Access records: IP address, time, request id and errors, kept to protect the site.',
        ),
        b(
          'Cookie：一个登录会话 Cookie，以及记住语言和长辈版选择的 Cookie。本网站不使用广告或统计跟踪 Cookie。',
          'Cookies: one session cookie when you sign in, and cookies that remember your language and large-text choice. The site uses no advertising or analytics cookies.',
        ),
      ],
    },
    {
      heading: b('为什么收集', 'Why we collect it'),
      paragraphs: [
        b(
          '我们处理上述信息是为了履行公安机关的法定职责：受理和办理您申请的事项、核验申请人身份、通知办理结果、保障网站安全（《中华人民共和国个人信息保护法》第十三条第一款第三项）。我们只收集办理该事项所必需的信息，不将其用于其他目的。',
          'We handle this information to carry out the police’s statutory duties: to take and decide the applications you make, to check who is applying, to tell you the outcome and to keep the site secure (Personal Information Protection Law, Art. 13(1)(3)). We collect only what a service needs and use it for nothing else.',
        ),
      ],
    },
    {
      heading: b('需要您同意的情形', 'When we ask for your consent'),
      paragraphs: [
        b(
          '依法履职所必需的处理不以同意为前提。除此之外的处理，例如向您发送与办件无关的信息，我们会事先单独征得您的同意，您可以随时撤回。不满十四周岁未成年人的个人信息，由其监护人代为申请并同意。',
          'Handling that our statutory duties require does not depend on consent. For anything beyond that, such as messages unrelated to your applications, we ask for your separate consent first, and you may withdraw it at any time. For children under fourteen, a parent or guardian applies and consents for them.',
        ),
      ],
    },
    {
      heading: b('保存多久', 'How long we keep it'),
      list: [
        b('账号信息：至您注销账号为止。', 'Account details: until you close the account.'),
        b(
          '申请和办件记录：按公安机关档案管理规定的期限保存，期满后销毁。',
          'Applications and case records: for the period set by the police archive rules, then destroyed.',
        ),
        b(
          '未提交的申请草稿：保存在您的账号中，注销账号时一并删除。',
          'Unsubmitted drafts: kept in your account until the account is closed.',
        ),
        b(
          '网站与公安内部网络之间传送的副本：送达 7 天后清空内容，只保留编号。',
          'Copies passed between this site and the police network: their content is emptied 7 days after delivery; only the message id stays.',
        ),
        b(
          '访问记录：不少于六个月（《中华人民共和国网络安全法》第二十一条），之后删除。',
          'Access records: at least six months (Cybersecurity Law, Art. 21), then deleted.',
        ),
        b(
          '登录会话：退出登录或长时间未操作后失效。',
          'Sign-in sessions: they end when you log out or after a period without activity.',
        ),
      ],
    },
    {
      heading: b('谁能看到', 'Who sees it'),
      paragraphs: [
        b(
          '只有办理您事项的公安机关工作人员，在其职责范围内才能看到您的申请；每项处理操作都记入审计日志。网站与公安内部网络之间通过安全边界交换数据，只传送办理所需的内容。我们不出售、不向无关单位提供您的个人信息；法律、行政法规另有规定的除外。',
          'Only the police staff handling your application see it, and only within their duties; every action on it is written to an audit log. The public site and the police network exchange data only through a secure boundary, and only what the case needs. We never sell your personal information or give it to unrelated bodies, except where a law or administrative regulation requires it.',
        ),
      ],
    },
    {
      heading: b('您的权利', 'Your rights'),
      paragraphs: [
        b(
          '您可以查阅、复制、更正您的个人信息，撤回同意，注销账号。可在“我的账户”中修改个人信息，或拨打服务热线 0000-96110（演示号码）。',
          'You may see, copy and correct your personal information, withdraw consent and close your account. Change your details under “My account”, or call the service line 0000-96110 (a demo number).',
        ),
      ],
    },
  ],
};

export const termsOfUse: SitePageText = {
  title: b('使用条款', 'Terms of use'),
  lead: b(
    '使用本网站即表示您同意以下条款。本网站是示范市公安局的演示站点，所有数据均为虚构。',
    'By using this site you accept these terms. This is a demonstration site of the fictional Shifan City Public Security Bureau; all its data are made up.',
  ),
  updated: '2026-12-06',
  sections: [
    {
      heading: b('真实信息', 'Truthful information'),
      paragraphs: [
        b(
          '在本网站申请办理事项时，您应如实填写信息、提交真实有效的材料。提供虚假材料的，依法承担相应法律责任。',
          'When you apply for a service you must give true information and genuine documents. Supplying false documents carries legal consequences.',
        ),
      ],
    },
    {
      heading: b('账号安全', 'Your account'),
      paragraphs: [
        b(
          '请妥善保管账号和密码，不要借给他人使用。发现账号被他人使用，请立即修改密码并拨打服务热线。',
          'Keep your account and password to yourself. If someone else has used your account, change your password at once and call the service line.',
        ),
      ],
    },
    {
      heading: b('办事指南和结果', 'Guides and decisions'),
      paragraphs: [
        b(
          '办事指南如有调整，以办理时公布的版本为准。网上查询的结果仅供参考，以公安机关出具的正式文书为准。',
          "Where a guide changes, the version published when you apply applies. Results looked up online are for information; the bureau's formal documents are authoritative.",
        ),
      ],
    },
    {
      heading: b('禁止的行为', 'What is not allowed'),
      list: [
        b(
          '干扰、攻击网站或绕过其安全措施。',
          'Interfering with or attacking the site, or getting round its security.',
        ),
        b('以自动化方式大量访问或抓取网站内容。', 'Automated bulk access or scraping.'),
        b('冒用他人身份申请办理事项。', 'Applying in someone else’s name.'),
      ],
    },
    {
      heading: b('紧急情况', 'Emergencies'),
      paragraphs: [
        b(
          '本网站不受理紧急警情。遇到正在发生的违法犯罪或危及人身安全的紧急情况，请立即拨打 110。',
          'This site does not take emergency calls. If a crime is happening or someone is in danger, call 110 at once.',
        ),
      ],
    },
  ],
};

export const accessibilityStatement: SitePageText = {
  title: b('无障碍声明', 'Accessibility statement'),
  lead: b(
    '我们希望每个人都能使用本网站，包括老年人和残障人士。本网站按照《信息技术 互联网内容无障碍可访问性技术要求与测试方法》（GB/T 37668-2019）和 WCAG 2.2 AA 级设计。',
    'We want everyone to be able to use this site, including older and disabled people. It is designed to GB/T 37668-2019 (accessibility of internet content) and WCAG 2.2 level AA.',
  ),
  updated: '2026-12-06',
  sections: [
    {
      heading: b('您可以', 'What you can do'),
      list: [
        b(
          '只用键盘操作所有功能，焦点清晰可见。',
          'Use every function with the keyboard alone, with a clearly visible focus.',
        ),
        b(
          '切换“长辈版”：更大的字号、更大的按钮和光标。',
          'Switch to the large-text mode: larger text, buttons and cursor.',
        ),
        b(
          '将页面放大到 400% 而不丢失内容，在手机上正常使用。',
          'Zoom to 400% without losing content, and use the site on a phone.',
        ),
        b(
          '使用读屏软件：页面有正确的标题结构、地标和表单标签。',
          'Use a screen reader: pages have proper headings, landmarks and form labels.',
        ),
        b(
          '在不支持或关闭 JavaScript 的浏览器中办理全部事项。',
          'Complete every service with JavaScript switched off.',
        ),
        b(
          '在支持语音合成的浏览器中使用“语音朗读”。',
          'Have pages read aloud in browsers that support speech synthesis.',
        ),
      ],
    },
    {
      heading: b('我们如何检查', 'How we check'),
      paragraphs: [
        b(
          '每次发布前，自动化测试在浏览器中用 axe-core 检查主要页面，并在 390 像素宽的手机屏幕和键盘操作下走通主要办事流程。',
          'Before each release, automated tests check the main pages with axe-core in a browser and go through the main journeys on a 390-pixel phone screen and with the keyboard.',
        ),
      ],
    },
    {
      heading: b('已知的不足', 'Known limitations'),
      list: [
        b(
          '部分空白表格和样表为 PDF 文件，读屏软件可能无法完整读出；请拨打服务热线获取其他格式。',
          'Some blank forms and samples are PDF files a screen reader may not read fully; call the service line for another format.',
        ),
        b('部分办事指南暂只有中文内容。', 'Some service guides are only in Chinese so far.'),
      ],
    },
    {
      heading: b('反馈', 'Feedback'),
      paragraphs: [
        b(
          '如果您在使用本网站时遇到困难，请拨打服务热线 0000-96110（演示号码），我们将在 5 个工作日内答复，并为您提供其他办理方式。',
          'If you have difficulty using this site, call the service line 0000-96110 (a demo number). We answer within 5 working days and offer you another way to apply.',
        ),
      ],
    },
  ],
};
