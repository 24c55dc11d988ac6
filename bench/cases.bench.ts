import { randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  cpuDuring,
  csrfIn,
  https,
  Jar,
  latencies,
  percentile,
  request,
  startZone,
  stopZone,
  watchRss,
  zoneKeys,
  type RunningZone,
} from './lib/cases-zones.ts';
import { freshDatabase, load, loadAverage, measureBaseline, report, type Figure } from './lib/harness.ts';
import {
  CITIZEN_PASSWORD,
  mobileOf,
  seedDraftPool,
  seedPortalCases,
  seedPortalCitizens,
} from './lib/seed-applications.ts';
import { badgeOf, OFFICERS, seedWorkbenchCases, STAFF_PASSWORD, totpCode } from './lib/seed-cases.ts';

/**
 * Online handling at the scale of a city after some years, on PostgreSQL: the real portal and workbench (`openpsb
 * portal`, `openpsb workbench`) in production mode, each in its own process. The workbench holds 1,000,000
 * cases and 1,000 officers; the portal a few thousand verified citizens, one of whom has fifty cases.
 *
 * Figures: submission of applications (a pool of drafts completed to the check page, each posted once with its
 * own session and submit key), one question-page step (GET + POST with session and CSRF), the officer's queue,
 * the case page by number, 我的办件, and each process's resident memory under that load.
 *
 * Knobs: BENCH_KEEP, BENCH_CASES (default 1,000,000), BENCH_DRAFTS (default 3,000), BENCH_SECONDS, BENCH_SAMPLES,
 * BENCH_PROFILE_DIR (a CPU profile of each zone).
 */

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const DRAFTS = Number(process.env.BENCH_DRAFTS ?? 3_000);
const APPLICANTS = Math.min(100_000, Math.max(1, Math.floor(CASES / 10)));
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 300);
const WARM_UP = 30;
/** BENCH_KEEP=1 leaves both databases behind, to read the query plans afterwards. */
const KEEP = process.env.BENCH_KEEP === '1';
const SLUG = 'no-criminal-record-certificate';

type Draft = { id: string; cookie: string };

/** The certificate's answers page by page, as citizen 0 (verified, no former name) posts them. */
const certificatePages = (): [string, Record<string, string>][] => [
  ['applicant', { name: '林示范', sex: 'male', 'id-number': '', mobile: mobileOf(0) }],
  ['former-names', { 'has-former-names': 'no' }],
  [
    'addresses',
    {
      'household-address.division': '350404',
      'household-address.address': '示范路1号',
      'current-address-same': 'same',
    },
  ],
  ['purpose', { purpose: 'employment', 'receiving-organisation': '示范科技有限公司' }],
  ['declaration', { declaration: 'agree' }],
];

/** Citizen 0 signs in and walks every page to the check page, as a browser does; returns what it made. */
async function walkOneDraft(base: string) {
  const jar = new Jar();
  const loginPage = await request(jar, `${base}/login`);
  const login = await request(jar, `${base}/login`, {
    _csrf: csrfIn(loginPage.body),
    mobile: mobileOf(0),
    password: CITIZEN_PASSWORD,
  });
  if (login.status !== 303) throw new Error(`citizen login answered ${login.status}`);
  const start = await request(jar, `${base}/services/${SLUG}/apply`);
  const started = await request(jar, `${base}/services/${SLUG}/apply`, { _csrf: csrfIn(start.body) });
  if (started.status !== 303)
    throw new Error(`start answered ${started.status}: ${started.body.slice(0, 300)}`);
  const id = /\/applications\/([0-9a-f-]{36})\//.exec(started.location)?.[1] ?? '';
  let next = started.location;
  for (const [pageId, fields] of certificatePages()) {
    const url = `${base}/applications/${id}/pages/${pageId}`;
    const page = await request(jar, url);
    const prefilled =
      pageId === 'applicant' ? /name="id-number"[^>]*value="([^"]*)"/.exec(page.body)?.[1] : '';
    const body: Record<string, string> = { ...fields, _csrf: csrfIn(page.body) };
    if (pageId === 'applicant') body['id-number'] = prefilled ?? '';
    const posted = await request(jar, url, body);
    if (posted.status !== 303) throw new Error(`page ${pageId} answered ${posted.status}`);
    next = posted.location;
  }
  if (!next.endsWith('/check')) throw new Error(`the walk ended at ${next}`);
  const sid = (jar.cookies.get('psb_session') ?? '').split('.')[0] ?? '';
  return { id, jar, sid: decodeURIComponent(sid) };
}

/** An officer signs in through the real forms: badge and password, then the TOTP code. */
async function officerSession(base: string, badgeNo: string): Promise<string> {
  const jar = new Jar();
  const page = await request(jar, `${base}/staff/login`);
  const step1 = await request(jar, `${base}/staff/login`, {
    _csrf: csrfIn(page.body),
    badgeNo,
    password: STAFF_PASSWORD,
  });
  if (step1.status !== 303) throw new Error(`officer password step answered ${step1.status}`);
  const codePage = await request(jar, `${base}/staff/login/totp`);
  const step2 = await request(jar, `${base}/staff/login/totp`, {
    _csrf: csrfIn(codePage.body),
    code: totpCode(badgeNo),
  });
  if (step2.status !== 303) throw new Error(`officer code step answered ${step2.status}`);
  return jar.header();
}

export async function run(): Promise<boolean> {
  const baseline = await measureBaseline();
  const portalDb = await freshDatabase('cases_portal');
  const workbenchDb = await freshDatabase('cases_workbench');
  const portalKeys = zoneKeys();
  const workbenchKeys = zoneKeys();
  const zones: RunningZone[] = [];
  try {
    const seedStart = performance.now();
    await seedPortalCitizens(portalDb.url, portalKeys, DRAFTS + 1);
    await seedPortalCases(portalDb.url);
    const portalSeeded = (performance.now() - seedStart) / 1000;
    const portal = await startZone('portal', portalDb.url, portalKeys, '/');
    zones.push(portal);
    const walked = await walkOneDraft(portal.base);
    const poolStart = performance.now();
    const pool = await seedDraftPool(
      portalDb.url,
      portalKeys,
      { applicationId: walked.id, sessionSid: walked.sid },
      DRAFTS + 1,
    );
    const poolSeeded = (performance.now() - poolStart) / 1000;
    const wb = await seedWorkbenchCases(workbenchDb.url, workbenchKeys, {
      cases: CASES,
      applicants: APPLICANTS,
      answers: await answersOf(portalDb.url, walked.id),
    });
    const workbench = await startZone('workbench', workbenchDb.url, workbenchKeys, '/staff/login');
    zones.push(workbench);

    const portalRss = watchRss(portal.child);
    const workbenchRss = watchRss(workbench.child);

    // The officer's queue and the case page by number come first: measured after the submissions, they would
    // share the two cores with the portal's work on what was submitted (notifications, signing the outbox).
    const officers = [0, 1, 2, 3, 4].map((k) => badgeOf(k * 7));
    const sessions = [] as string[];
    for (const badge of officers) sessions.push(await officerSession(workbench.base, badge));
    // Three views an officer opens all day: his unit's queue, the unclaimed cases, and the next page (keyset:
    // the first page's JSON names where the next one starts).
    const firstPage = await fetch(`${workbench.base}/cases`, {
      headers: { ...https, cookie: sessions[0] ?? '', accept: 'application/json' },
    });
    const { next } = (await firstPage.json()) as { next: string | null };
    const queueViews = ['/cases', '/cases?claim=unclaimed', `/cases?after=${encodeURIComponent(next ?? '')}`];
    const queueTimes: number[] = [];
    const byView = queueViews.map(() => [] as number[]);
    const queueFailed = { n: 0 };
    for (let i = 0; i < SAMPLES + WARM_UP; i++) {
      const view = i % queueViews.length;
      const r = await latencies([`${workbench.base}${queueViews[view] ?? ''}`], 1, {
        ...https,
        cookie: sessions[i % sessions.length] ?? '',
      });
      queueFailed.n += r.failed;
      // The first requests of a fresh process pay for JIT compilation and query plans; a warm-up is left out.
      if (i < WARM_UP) continue;
      queueTimes.push(r.p50);
      byView[view]?.push(r.p50);
    }
    queueTimes.sort((a, b) => a - b);
    for (const [k, times] of byView.entries()) {
      times.sort((a, b) => a - b);
      process.stdout.write(
        `  queue ${queueViews[k]}: p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${(times.at(-1) ?? 0).toFixed(1)} ms\n`,
      );
    }
    const lookups = await caseLookups(workbenchDb.url, workbench.base, officers, sessions, wb.unitCodes);
    const byId = await lookupByIdNumberSql(
      workbenchDb.url,
      wb.sampleCases.map((c) => c.idNumberHash),
    );

    // A form step: a citizen's purpose page and his answer, posted with his session and the token of the page
    // he was shown. Each step is another citizen's draft, as when many people fill in forms at once.
    const purposePage = await request(walked.jar, `${portal.base}/applications/${walked.id}/pages/purpose`);
    const csrfCookie =
      walked.jar
        .header()
        .split('; ')
        .find((c) => c.startsWith('__Host-psb_csrf=')) ?? '';
    let nextStep = 0;
    const stepOutcome = { ok: 0, failed: 0 };
    const step = await load({
      url: portal.base,
      requests: [
        {
          method: 'GET',
          setupRequest: (req, ctx) => {
            const context = ctx as { draft?: Draft; token?: string };
            context.draft = pool[nextStep++ % pool.length];
            const draft = context.draft;
            return {
              ...req,
              path: `/applications/${draft?.id ?? ''}/pages/purpose`,
              headers: { ...https, cookie: `${draft?.cookie ?? ''}; ${csrfCookie}` },
            };
          },
          onResponse: (_status, body, ctx) => {
            (ctx as { token?: string }).token = csrfIn(body);
          },
        },
        {
          method: 'POST',
          setupRequest: (req, ctx) => {
            const context = ctx as { draft?: Draft; token?: string };
            return {
              ...req,
              path: `/applications/${context.draft?.id ?? ''}/pages/purpose`,
              headers: {
                ...https,
                cookie: `${context.draft?.cookie ?? ''}; ${csrfCookie}`,
                'content-type': 'application/x-www-form-urlencoded',
              },
              body: new URLSearchParams({
                _csrf: context.token ?? '',
                purpose: 'employment',
                'receiving-organisation': '示范科技有限公司',
              }).toString(),
            };
          },
          onResponse: (status) => (status === 303 ? stepOutcome.ok++ : stepOutcome.failed++),
        },
      ],
    });

    // Submission: each request takes the next draft of the pool, with its owner's session and a fresh key.
    const csrfToken = csrfIn(purposePage.body);
    let nextDraft = 0;
    const submitOutcome = { ok: 0, failed: 0 };
    const locks = await watchLockWaits(portalDb.url);
    const submitStarted = performance.now();
    const measured = await cpuDuring(portal.child, portalDb.url, () =>
      load({
        url: portal.base,
        amount: pool.length,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => {
              const draft = pool[nextDraft++ % pool.length];
              return {
                ...req,
                path: `/applications/${draft?.id ?? ''}/submit`,
                headers: {
                  ...https,
                  cookie: `${draft?.cookie ?? ''}; ${csrfCookie}`,
                  'content-type': 'application/x-www-form-urlencoded',
                },
                body: new URLSearchParams({ _csrf: csrfToken, submitKey: randomUUID() }).toString(),
              };
            },
            onResponse: (status, _body, _ctx, headers) => {
              const location = Array.isArray(headers)
                ? String(
                    headers[
                      (headers as string[]).findIndex((h) => String(h).toLowerCase() === 'location') + 1
                    ],
                  )
                : String((headers as Record<string, string>).location ?? '');
              if (status === 303 && location.endsWith('/confirmation')) submitOutcome.ok++;
              else submitOutcome.failed++;
            },
          },
        ],
      }),
    );
    const submit = measured.result;
    const submitSeconds = (performance.now() - submitStarted) / 1000;
    const lockWaits = await locks.stop();
    const submitted = await countOf(
      portalDb.url,
      `SELECT count(*) AS n FROM applications WHERE submitted_at > now() - interval '1 hour'`,
    );

    // 我的办件 of the citizen with fifty cases, one request at a time.
    const heavy = await heavySession(portal.base);
    await latencies([`${portal.base}/my/cases`], WARM_UP, { ...https, cookie: heavy });
    const myCases = await latencies([`${portal.base}/my/cases`], SAMPLES, { ...https, cookie: heavy });

    const figures: Figure[] = [
      {
        name: `seeding (${CASES} cases, ${OFFICERS} officers)`,
        value: wb.seconds + portalSeeded + poolSeeded,
        unit: 's',
        target: 600,
        better: 'lower',
      },
      {
        name: 'submission per second',
        value: submitted / submitSeconds,
        unit: 'sub/s',
        target: 1000,
        better: 'higher',
        baseline: baseline.requestsPerSecond,
      },
      {
        name: 'submission (autocannon) req/s',
        value: submit.requestsPerSecond,
        unit: 'req/s',
        target: 1000,
        better: 'higher',
        baseline: baseline.requestsPerSecond,
      },
      {
        name: 'submissions refused or failed',
        value: submitOutcome.failed + submit.errors,
        unit: 'count',
        target: 0,
        better: 'lower',
      },
      {
        name: 'submission p99 latency',
        value: submit.p99,
        unit: 'ms',
        target: 300,
        better: 'lower',
        baseline: baseline.p99,
      },
      {
        name: 'form step (GET + POST) per second',
        value: step.requestsPerSecond / 2,
        unit: 'step/s',
        target: 0.1,
        targetIsRatio: true,
        better: 'higher',
        baseline: baseline.requestsPerSecond,
      },
      {
        name: 'form step answers refused',
        value: stepOutcome.failed + step.errors,
        unit: 'count',
        target: 0,
        better: 'lower',
      },
      {
        name: "officer's queue p95",
        value: percentile(queueTimes, 95),
        unit: 'ms',
        target: 20,
        better: 'lower',
      },
      {
        name: "officer's queue p50",
        value: percentile(queueTimes, 50),
        unit: 'ms',
        target: 20,
        better: 'lower',
      },
      { name: 'queue failures', value: queueFailed.n, unit: 'count', target: 0, better: 'lower' },
      { name: '我的办件 p95 (50 cases)', value: myCases.p95, unit: 'ms', target: 20, better: 'lower' },
      { name: '我的办件 failures', value: myCases.failed, unit: 'count', target: 0, better: 'lower' },
      { name: 'case page by number p95', value: lookups.p95, unit: 'ms', target: 20, better: 'lower' },
      { name: 'case page failures', value: lookups.failed, unit: 'count', target: 0, better: 'lower' },
      {
        name: 'cases by applicant ID (SQL only) p95',
        value: byId.p95,
        unit: 'ms',
        target: 20,
        better: 'lower',
      },
      {
        name: 'portal resident memory (peak)',
        value: portalRss.stop(),
        unit: 'MB',
        target: 300,
        better: 'lower',
      },
      {
        name: 'workbench resident memory (peak)',
        value: workbenchRss.stop(),
        unit: 'MB',
        target: 300,
        better: 'lower',
      },
    ];
    process.stdout.write(
      `  seeding: workbench ${wb.seconds.toFixed(1)} s, portal ${portalSeeded.toFixed(1)} s, draft pool ${poolSeeded.toFixed(1)} s; ` +
        `submitted ${submitted} of ${pool.length} in ${submitSeconds.toFixed(1)} s; ` +
        `portal sessions waiting on a row lock during submission: ${lockWaits.toFixed(1)} of 10 on average\n` +
        `  CPU per submission: portal ${((measured.zoneSeconds * 1000) / Math.max(1, submitted)).toFixed(2)} ms, ` +
        `PostgreSQL ${((measured.databaseSeconds * 1000) / Math.max(1, submitted)).toFixed(2)} ms; load ${loadAverage()}\n`,
    );
    return report('cases', figures);
  } finally {
    for (const zone of zones) await stopZone(zone);
    if (KEEP) process.stdout.write(`  kept: ${portalDb.url} ${workbenchDb.url}\n`);
    else {
      await portalDb.drop();
      await workbenchDb.drop();
    }
  }
}

async function answersOf(url: string, applicationId: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const found = await client.query<{ answers: unknown }>(`SELECT answers FROM applications WHERE id = $1`, [
      applicationId,
    ]);
    return found.rows[0]?.answers ?? {};
  } finally {
    await client.end();
  }
}

async function countOf(url: string, sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query<{ n: string }>(sql)).rows[0]?.n ?? 0);
  } finally {
    await client.end();
  }
}

/** Citizen 0 again, in a session of his own (the walk's session posted the form step many times). */
async function heavySession(base: string): Promise<string> {
  const jar = new Jar();
  const page = await request(jar, `${base}/login`);
  await request(jar, `${base}/login`, {
    _csrf: csrfIn(page.body),
    mobile: mobileOf(0),
    password: CITIZEN_PASSWORD,
  });
  return jar.header();
}

/** Open cases of each officer's own unit, opened by number through the case page (an audited read). */
async function caseLookups(
  url: string,
  base: string,
  officers: string[],
  sessions: string[],
  unitCodes: string[],
) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const numbers: string[][] = [];
  try {
    for (const badge of officers) {
      const unit = unitCodes[Number(badge.slice(2)) % unitCodes.length];
      const found = await client.query<{ case_number: string }>(
        `SELECT case_number FROM cases WHERE unit_code = $1 AND NOT closed ORDER BY random() LIMIT 100`,
        [unit],
      );
      numbers.push(found.rows.map((r) => r.case_number));
    }
  } finally {
    await client.end();
  }
  const times: number[] = [];
  let failed = 0;
  for (let i = 0; i < SAMPLES + WARM_UP; i++) {
    const k = i % officers.length;
    const list = numbers[k] ?? [];
    const r = await latencies([`${base}/cases/${list[i % list.length] ?? ''}`], 1, {
      ...https,
      cookie: sessions[k] ?? '',
    });
    failed += r.failed;
    if (i >= WARM_UP) times.push(r.p50);
  }
  times.sort((a, b) => a - b);
  return { p95: percentile(times, 95), failed };
}

/**
 * The workbench has no page or API yet that finds cases by the applicant's ID number; the figure is the query
 * such a route would run (the keyed hash through cases_id_number_idx), timed from here.
 */
async function lookupByIdNumberSql(url: string, hashes: string[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const times: number[] = [];
  try {
    for (let i = 0; i < SAMPLES; i++) {
      const started = performance.now();
      await client.query(
        `SELECT case_number, item_name, state, state_due_on, submitted_at FROM cases WHERE id_number_hash = $1 ORDER BY submitted_at DESC LIMIT 50`,
        [hashes[i % hashes.length]],
      );
      times.push(performance.now() - started);
    }
  } finally {
    await client.end();
  }
  times.sort((a, b) => a - b);
  return { p95: percentile(times, 95) };
}

/**
 * How many of the portal's connections wait on a lock while submissions run, sampled every 100 ms: submissions
 * that queue behind one another on a shared row show here rather than as CPU.
 */
async function watchLockWaits(url: string): Promise<{ stop: () => Promise<number> }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const samples: number[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const found = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
      );
      samples.push(Number(found.rows[0]?.n ?? 0));
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      await client.end();
      return samples.reduce((a, b) => a + b, 0) / Math.max(1, samples.length);
    },
  };
}
