import { defineTodoSource, waitingTag } from '../home/todo.registry.ts';
import { countOpenOwnQuarantine, monitorState, openAlarms } from './exchange-monitor.repository.ts';

const langText = (lang: 'zh' | 'en', zh: string, en: string) => (lang === 'en' ? en : zh);

export const exchangeTodo = [
  defineTodoSource({
    feature: 'exchange',
    permission: 'exchange.decide',
    async lines({ services, lang }) {
      // Counted as the monitor page's summary counts them: the workbench's own, and the portal's as last reported.
      const [own, portal] = await Promise.all([
        countOpenOwnQuarantine(services.db),
        monitorState(services.db, 'quarantine-open:portal'),
      ]);
      const held = own + (portal?.value ?? 0);
      return [
        {
          href: '/exchange#quarantine',
          title: langText(lang, '隔离区中待处置的消息', 'Quarantined messages waiting for a decision'),
          count: held,
          ...waitingTag(held, langText(lang, '待处置', 'To decide'), 'red'),
        },
      ];
    },
  }),
  defineTodoSource({
    feature: 'exchange',
    permission: 'exchange.read',
    async lines({ services, lang }) {
      const alarms = (await openAlarms(services.db)).length;
      return [
        {
          href: '/exchange#alarms',
          title: langText(lang, '边界交换未消除的告警', 'Open exchange alarms'),
          count: alarms,
          ...waitingTag(alarms, langText(lang, '告警中', 'Alarm'), 'red'),
        },
      ];
    },
  }),
];
