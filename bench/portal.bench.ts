import pg from 'pg';
import { applyPublishedArticle } from '../src/portal/content/content.service.ts';
import { storeFigures } from '../src/portal/transparency/transparency.repository.ts';
import type { PublishedStatistics } from '../src/portal/transparency/transparency.tables.ts';
import { hashPassword } from '../src/shared/auth/password.ts';
import { openDatabase } from '../src/shared/db/database.ts';
import { demoBeats } from '../src/workbench/org/demo-beats.ts';
import { demoCityUnits } from '../src/workbench/org/demo-city.ts';
import {
  freshDatabase,
  load,
  measureBaseline,
  report,
  stopProcess,
  type Figure,
  startPortal,
} from './lib/harness.ts';

const PASSWORD = 'Shifan-Demo-2026';

/**
 * One account per connection: logins of one account are counted before the password is checked, so ten at
 * once would be throttled like parallel guessing, and the figure would measure refusals.
 */
async function benchAccounts(databaseUrl: string, count: number): Promise<string[]> {
  const mobiles = Array.from({ length: count }, (_, i) => String(13900009000 + i));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const passwordHash = await hashPassword(PASSWORD);
  for (const mobile of mobiles) {
    await client.query(
      `INSERT INTO citizens (mobile, password_hash, display_name) VALUES ($1, $2, '压测') ON CONFLICT DO NOTHING`,
      [mobile, passwordHash],
    );
  }
  await client.end();
  return mobiles;
}

/** The demo city's public units in the portal's directory, as the workbench's publications would leave them. */
async function benchDirectory(databaseUrl: string): Promise<void> {
  const units = demoCityUnits();
  const beats = new Map(demoBeats(units).map((b) => [b.code, b]));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  for (const u of units.filter((x) => x.isPublic)) {
    const b = beats.get(u.code);
    await client.query(
      `INSERT INTO directory_units (code, revision, kind, name, name_en, district, address, phone, hours, schedule,
         lat, lng, beat, officer_name, officer_badge, published_at)
       VALUES ($1, 1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, now()) ON CONFLICT DO NOTHING`,
      [
        u.code,
        u.kind,
        u.name,
        u.nameEn,
        u.district,
        u.address,
        u.phone,
        u.hours,
        u.schedule,
        u.lat,
        u.lng,
        b ? JSON.stringify(b.beat) : null,
        b?.officerName ?? null,
        b?.officerBadge ?? null,
      ],
    );
  }
  await client.end();
}

const ARTICLES = 60;

/** A column of police news as the workbench's publications would leave it: enough for three pages. */
async function benchArticles(databaseUrl: string): Promise<void> {
  const database = await openDatabase({ url: databaseUrl, poolSize: 1 });
  try {
    const body = '<p>示范市公安局近日开展社区安全宣传活动，提醒群众注意防范电信网络诈骗。</p>'.repeat(20);
    for (let id = 1; id <= ARTICLES; id++) {
      await database.db.transaction((tx) =>
        applyPublishedArticle(tx, {
          id,
          version: 1,
          column: 'police-news',
          title: `示范市公安局警务动态第${String(id)}期`,
          summary: '社区安全宣传活动',
          body,
          fields: {},
          english: null,
          unitName: '示范市公安局',
          publishedAt: new Date(Date.now() - id * 3_600_000).toISOString(),
          expiresOn: null,
          overrides: [],
        }),
      );
    }
  } finally {
    await database.close();
  }
}

/** A year of the bureau's daily figures, as the workbench's nightly publication would leave them. */
async function benchTransparency(databaseUrl: string): Promise<void> {
  const months = Array.from({ length: 12 }, (_, i) => ({
    month: `2026-${String(i + 1).padStart(2, '0')}`,
    applications: 12_000 + i * 310,
    concluded: 11_500 + i * 290,
    onTimeRate: 96 + (i % 3),
    avgCycleDays: 3.6,
    zeroVisitRate: 61 + i,
    oneVisitRate: 97.5,
    letters: 1_400 + i * 20,
    replyRate: 99.1,
  }));
  const last = months[11]!;
  const figures: PublishedStatistics = {
    asOf: '2026-12-06',
    publishedAt: new Date().toISOString(),
    bureau: { zh: '示范市公安局', en: 'Shifan City Public Security Bureau' },
    total: { ...last, applications: 165_000, concluded: 158_000, letters: 18_000 },
    months,
    services: ['passport-first-issue', 'no-criminal-record-certificate', 'residence-permit'].map((itemId) => {
      const { month: _month, ...rest } = last;
      return { itemId, zh: itemId, en: itemId, ...rest };
    }),
  };
  const database = await openDatabase({ url: databaseUrl, poolSize: 1 });
  try {
    await database.db.transaction((tx) => storeFigures(tx, figures, 250_000, new Date()));
  } finally {
    await database.close();
  }
}

/** autocannon hands over response headers as an object or as a flat [name, value, …] list. */
function csrfCookieFrom(headers: unknown): string {
  const pairs: [string, string][] = Array.isArray(headers)
    ? (headers as string[]).flatMap((v, i, all) =>
        i % 2 === 0 ? [[v, all[i + 1] ?? ''] as [string, string]] : [],
      )
    : Object.entries(headers as Record<string, string | string[]>).flatMap(([k, v]) =>
        (Array.isArray(v) ? v : [v]).map((x) => [k, x] as [string, string]),
      );
  // Over https (production) the CSRF cookie carries the __Host- prefix.
  const cookie = pairs.find(([k, v]) => k.toLowerCase() === 'set-cookie' && v.startsWith('__Host-psb_csrf='));
  return cookie ? (cookie[1].split(';')[0] ?? '') : '';
}

/**
 * The portal's public home page (cached, anonymous), the login page as a crawler sees it (no cookies: a fresh
 * CSRF cookie every time, and no session written) and the login POST, served by the real CLI (`openpsb
 * portal`) in production mode on PostgreSQL in its own process.
 */
export async function run(): Promise<boolean> {
  const baseline = await measureBaseline();
  const database = await freshDatabase('portal');
  const { base, child: server } = await startPortal(database.url);
  try {
    const home = await load({ url: `${base}/` });
    await benchDirectory(database.url);
    // The directory's answers are the same for every visitor, so the page cache keeps them too.
    const search = await load({ url: `${base}/directory?q=${encodeURIComponent('湖滨')}` });
    const nearest = await load({ url: `${base}/directory/nearest?from=${encodeURIComponent('湖滨路')}` });
    const officer = await load({ url: `${base}/directory/officer?q=${encodeURIComponent('湖滨路12号')}` });
    await benchArticles(database.url);
    const column = await load({ url: `${base}/news/police-news` });
    const article = await load({ url: `${base}/articles/7` });
    await benchTransparency(database.url);
    const transparency = await load({ url: `${base}/transparency` });
    const mobiles = await benchAccounts(database.url, 20);
    let nextAccount = 0;
    // Production sits behind a TLS-terminating proxy; secure cookies are set only over https.
    const https = { 'x-forwarded-proto': 'https' };
    const loginPage = await load({ url: `${base}/login`, headers: https });
    const loginOutcomes = { ok: 0, failed: 0 };
    const login = await load({
      url: base,
      requests: [
        {
          method: 'GET',
          path: '/login',
          headers: https,
          onResponse: (_status, body, ctx, headers) => {
            const context = ctx as Record<string, string>;
            context.cookie = csrfCookieFrom(headers);
            context.csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';
            context.mobile = mobiles[nextAccount++ % mobiles.length] ?? '';
          },
        },
        {
          method: 'POST',
          path: '/login',
          setupRequest: (request, ctx) => {
            const context = ctx as Record<string, string>;
            return {
              ...request,
              headers: {
                'content-type': 'application/x-www-form-urlencoded',
                cookie: String(context.cookie),
              },
              body: new URLSearchParams({
                _csrf: String(context.csrf),
                mobile: String(context.mobile),
                password: PASSWORD,
              }).toString(),
            };
          },
          onResponse: (status) => {
            // A successful login answers 303; anything else means the figure measured refusals.
            if (status === 303) loginOutcomes.ok++;
            else loginOutcomes.failed++;
          },
        },
      ],
    });
    const cachedPage = (name: string, r: typeof home): Figure[] => [
      {
        name: `${name} (cached) req/s`,
        value: r.requestsPerSecond,
        unit: 'req/s',
        target: 0.3,
        targetIsRatio: true,
        better: 'higher',
        baseline: baseline.requestsPerSecond,
      },
      { name: `${name} non-2xx`, value: r.non2xx + r.errors, unit: 'count', target: 0, better: 'lower' },
    ];
    const figures: Figure[] = [
      ...cachedPage('directory search', search),
      ...cachedPage('directory nearest', nearest),
      ...cachedPage('找片警 by address', officer),
      ...cachedPage('news column page', column),
      ...cachedPage('article page', article),
      ...cachedPage('transparency page', transparency),
      {
        name: 'home page (cached) req/s',
        value: home.requestsPerSecond,
        unit: 'req/s',
        target: 0.3,
        targetIsRatio: true,
        better: 'higher',
        baseline: baseline.requestsPerSecond,
      },
      {
        name: 'home page p99 latency',
        value: home.p99,
        unit: 'ms',
        target: 50,
        better: 'lower',
        baseline: baseline.p99,
      },
      {
        name: 'home page non-2xx',
        value: home.non2xx + home.errors,
        unit: 'count',
        target: 0,
        better: 'lower',
      },
      {
        name: 'login page GET (anonymous) req/s',
        value: loginPage.requestsPerSecond,
        unit: 'req/s',
        target: 0.15,
        targetIsRatio: true,
        better: 'higher',
        baseline: baseline.requestsPerSecond,
      },
      {
        name: 'login page non-2xx',
        value: loginPage.non2xx + loginPage.errors,
        unit: 'count',
        target: 0,
        better: 'lower',
      },
      // Each login is a GET of the form (CSRF cookie + token) and the POST; argon2id (~6 ms) bounds it.
      {
        name: 'login (GET form + POST) per second',
        value: login.requestsPerSecond / 2,
        unit: 'login/s',
        target: 100,
        better: 'higher',
        baseline: baseline.requestsPerSecond,
      },
      { name: 'login POSTs refused', value: loginOutcomes.failed, unit: 'count', target: 0, better: 'lower' },
      {
        name: 'login requests p99 latency',
        value: login.p99,
        unit: 'ms',
        target: 300,
        better: 'lower',
        baseline: baseline.p99,
      },
    ];
    return report('portal', figures);
  } finally {
    await stopProcess(server);
    await database.drop();
  }
}
