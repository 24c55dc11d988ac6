import { MUSEUM_COLUMN } from '../../shared/museum/museum.halls.ts';
import type { DemoArticle } from './content.seed.ts';

// The online police museum's demo exhibits: fictional objects and stories of the demo city's police, each
// with a picture drawn for the demo (public/museum/*.svg). Published on the first start like the articles.

interface DemoExhibit {
  hall: string;
  picture: string;
  title: string;
  titleEn: string;
  period: string;
  periodEn: string;
  alt: string;
  altEn: string;
  caption: string;
  captionEn: string;
  body: string;
  bodyEn: string;
}

const exhibits: readonly DemoExhibit[] = [
  {
    hall: 'founding',
    picture: 'cap-badge-1950',
    title: '第一代人民警察帽徽',
    titleEn: 'The first people’s police cap badge',
    period: '1950年',
    periodEn: '1950',
    alt: '圆形帽徽：红色外圈，金色底上一颗红色五角星，下方有金色麦穗弧线',
    altEn: 'A round cap badge: a red rim, a red five-pointed star on gold, a gold arc of wheat below',
    caption: '示范市公安局成立后配发的第一批帽徽之一（演示复原图）。',
    captionEn: 'One of the first cap badges issued after the city bureau was founded (demo reconstruction).',
    body: '1950年，示范市公安局统一配发人民警察帽徽。\n\n## 物件背后\n帽徽由本市一家五金厂赶制，首批共一千二百枚。老民警回忆，戴上新帽徽那天，群众在街口自发鼓掌。',
    bodyEn:
      'In 1950 the city bureau issued the people’s police cap badge to all its officers.\n\n## Behind the object\nA local hardware works made the first 1,200 badges in a hurry. Veterans remember residents applauding in the street the day the new badges were first worn.',
  },
  {
    hall: 'founding',
    picture: 'first-station-1951',
    title: '城关派出所旧址',
    titleEn: 'The old Chengguan police station',
    period: '1951年',
    periodEn: '1951',
    alt: '两层小楼的示意图：坡屋顶，门上方有红色横匾，两侧各一扇窗',
    altEn:
      'A drawing of a small two-storey building: a pitched roof, a red sign above the door, a window either side',
    caption: '全市第一批派出所之一，原址现为社区警务室。',
    captionEn: 'One of the city’s first police stations; the site is now a community police office.',
    body: '1951年，全市设立第一批十二个派出所，城关派出所是其中之一。\n\n所里当时只有七名民警、两辆自行车和一部手摇电话，负责辖区户口登记和治安巡逻。',
    bodyEn:
      'In 1951 the city set up its first twelve police stations; Chengguan was one of them.\n\nIt had seven officers, two bicycles and one crank telephone, and kept the household register and patrolled the streets.',
  },
  {
    hall: 'founding',
    picture: 'household-register-1958',
    title: '第一版常住人口登记簿',
    titleEn: 'The first resident register book',
    period: '1958年',
    periodEn: '1958',
    alt: '深红色硬皮登记簿，封面有金色边框和金色标题条',
    altEn: 'A dark red hardback register with a gold border and a gold title band on the cover',
    caption: '户口登记条例施行后启用的登记簿样式（演示复原图）。',
    captionEn:
      'The register used once the household registration regulations came into force (demo reconstruction).',
    body: '1958年户口登记条例施行，派出所统一启用常住人口登记簿。\n\n- 每户一页，手工誊写\n- 迁入迁出用红笔注记\n- 登记簿至今作为历史档案保存',
    bodyEn:
      'When the household registration regulations came into force in 1958, every station began keeping the same resident register.\n\n- One page per household, written by hand\n- Moves in and out noted in red ink\n- The registers are kept in the archives to this day',
  },
  {
    hall: 'founding',
    picture: 'patrol-bicycle-1965',
    title: '巡逻用“二八”自行车',
    titleEn: 'A patrol bicycle',
    period: '1960年代',
    periodEn: 'The 1960s',
    alt: '一辆深蓝色车架的老式自行车侧视图',
    altEn: 'Side view of an old bicycle with a dark blue frame',
    caption: '当年派出所民警走街串巷的主要交通工具。',
    captionEn: 'How station officers got round their streets at the time.',
    body: '自行车是当年社区民警的“坐骑”。一辆车、一个挎包、一本笔记本，民警骑车走访辖区每一户人家。',
    bodyEn:
      'The bicycle was the community officer’s mount: a bicycle, a satchel and a notebook, and the officer called on every household of the beat.',
  },
  {
    hall: 'reform',
    picture: 'traffic-podium-1982',
    title: '交通指挥岗台',
    titleEn: 'A traffic police podium',
    period: '1982年',
    periodEn: '1982',
    alt: '路口的圆形交通指挥岗台，白色台身有红色条纹，上方有红色遮阳伞',
    altEn: 'A round traffic podium at a crossroads: white with a red band, under a red sunshade',
    caption: '红绿灯普及以前，交警在岗台上用手势指挥车辆。',
    captionEn: 'Before traffic lights were common, officers directed traffic by hand from podiums like this.',
    body: '1982年，示范市中心路口仍由交警站台指挥。随着信号灯普及，岗台在1990年代陆续拆除，这一座按原样复制陈列。',
    bodyEn:
      'In 1982 the city centre’s crossroads were still directed by officers on podiums. As traffic lights spread they were taken away in the 1990s; this one is a faithful copy.',
  },
  {
    hall: 'reform',
    picture: 'hotline-110-1987',
    title: '110报警服务台的第一部电话',
    titleEn: 'The first telephone of the 110 service desk',
    period: '1987年',
    periodEn: '1987',
    alt: '黑色老式台式电话机，拨号盘中央写着红色的110',
    altEn: 'An old black desk telephone with 110 in red in the middle of its dial',
    caption: '110报警服务台开通首日接警用的电话机（演示复原图）。',
    captionEn: 'The telephone that took the first calls on the 110 desk’s opening day (demo reconstruction).',
    body: '1987年，示范市开通110报警服务台。开通第一天接到报警和求助电话三十一个，其中一半是群众求助。\n\n“有困难找警察”从此走进千家万户。',
    bodyEn:
      'The city opened its 110 service desk in 1987. On the first day it took 31 calls, half of them residents asking for help.\n\n“In trouble, call the police” became part of everyday life.',
  },
  {
    hall: 'reform',
    picture: 'exit-entry-form-1992',
    title: '早期出入境申请表',
    titleEn: 'An early exit-entry application form',
    period: '1992年',
    periodEn: '1992',
    alt: '一张竖版申请表，顶部蓝色标题条，右下角盖有红色圆形印章',
    altEn: 'A portrait application form with a blue title band and a red round stamp at the bottom right',
    caption: '手工填写、逐级审批的年代，办一本护照需要一个多月。',
    captionEn: 'Filled in by hand and approved level by level: a passport then took over a month.',
    body: '1992年的出入境申请表需要手工填写、单位盖章、逐级审批。如今，在网上公安局预约后，护照最快七个工作日即可办好。',
    bodyEn:
      'In 1992 an exit-entry application was written by hand, stamped by the employer and approved level by level. Today, booked through the online bureau, a passport takes as little as seven working days.',
  },
  {
    hall: 'technology',
    picture: 'first-computer-2001',
    title: '第一台户籍管理电脑',
    titleEn: 'The first household-register computer',
    period: '2001年',
    periodEn: '2001',
    alt: '米色外壳的台式电脑，屏幕上显示绿色文字，前面放着键盘',
    altEn: 'A beige desktop computer with green text on its screen and a keyboard in front',
    caption: '户籍资料从纸质登记簿录入电脑，全市用了三年。',
    captionEn: 'Moving the registers from paper into the computer took the city three years.',
    body: '2001年，城关派出所用上了第一台户籍管理电脑。全市民警利用晚上和周末，把数十万页登记簿逐条录入系统。',
    bodyEn:
      'In 2001 Chengguan station got the first household-register computer. Officers across the city spent evenings and weekends typing hundreds of thousands of register pages into it.',
  },
  {
    hall: 'technology',
    picture: 'radio-handset-2005',
    title: '数字集群对讲机',
    titleEn: 'A digital trunked radio',
    period: '2005年',
    periodEn: '2005',
    alt: '黑色手持对讲机，顶部有天线，正面有蓝色小屏幕和按键',
    altEn: 'A black handheld radio with an aerial on top and a small blue screen and keys on the front',
    caption: '数字对讲让全市警力第一次能在同一网络内通话。',
    captionEn: 'Digital radio let all the city’s officers talk on one network for the first time.',
    body: '2005年全市建成数字集群通信网，巡逻民警、交警和指挥中心可以随时联络，出警时间明显缩短。',
    bodyEn:
      'In 2005 the city finished its digital trunked radio network: patrols, traffic officers and the command centre could reach one another at any time, and response times fell markedly.',
  },
  {
    hall: 'technology',
    picture: 'online-bureau-2026',
    title: '网上公安局上线',
    titleEn: 'The online police bureau goes live',
    period: '2026年',
    periodEn: '2026',
    alt: '电脑显示器上的网页示意图，顶部深蓝色标题栏，下面是三个服务卡片',
    altEn: 'A drawing of a web page on a monitor: a dark blue header and three service cards below',
    caption: '办事、预约、信箱和警务公开汇集于一个网站。',
    captionEn: 'Services, bookings, the mailbox and disclosure on one site.',
    body: '2026年，示范市网上公安局上线试运行，群众可以在网上申请、预约、缴费和写信。\n\n办事指南见[网上办事](/services)。',
    bodyEn:
      'In 2026 the city’s online police bureau began its trial run: residents apply, book, pay and write to the bureau online.\n\nThe guides are under [Online services](/services).',
  },
  {
    hall: 'service',
    picture: 'community-visit-2012',
    title: '社区民警走访记',
    titleEn: 'A community officer’s rounds',
    period: '2012年',
    periodEn: '2012',
    alt: '插图：一位戴警帽的民警与一位居民面对面交谈',
    altEn: 'An illustration: an officer in a police cap talking with a resident',
    caption: '社区民警每年走访辖区内每一户居民。',
    captionEn: 'Community officers call on every household of their beat each year.',
    body: '2012年起，全市推行“一区一警”，社区民警每年走访辖区每一户居民，帮助独居老人、调解邻里纠纷。\n\n找到您的社区民警，请查看[机构名录](/directory)。',
    bodyEn:
      'Since 2012 every neighbourhood has its own community officer, who calls on every household each year, looks in on older people living alone and settles disputes between neighbours.\n\nTo find yours, see the [police directory](/directory).',
  },
];

export const museumDemo: readonly DemoArticle[] = exhibits.map((e, i) => ({
  column: MUSEUM_COLUMN,
  title: e.title,
  summary: e.caption,
  body: e.body,
  fields: {
    hall: e.hall,
    period: e.period,
    image: `/static/museum/${e.picture}.svg`,
    imageAlt: e.alt,
    caption: e.caption,
    periodEn: e.periodEn,
    imageAltEn: e.altEn,
    captionEn: e.captionEn,
  },
  en: { title: e.titleEn, summary: e.captionEn, body: e.bodyEn },
  // Put on show in the museum's order, one a day a month ago.
  daysAgo: 40 - i,
}));
