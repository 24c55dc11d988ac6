import pg from 'pg';
import { applyRelease } from '../src/portal/appointments/appointments.repository.ts';
import { openDatabase } from '../src/shared/db/database.ts';
import { csrfIn, https, Jar, request, startZone, stopZone, zoneKeys } from './lib/cases-zones.ts';
import { freshDatabase, measureBaseline, report, type Figure } from './lib/harness.ts';
import { CITIZEN_PASSWORD, mobileOf, seedPortalCitizens } from './lib/seed-applications.ts';

// A hot slot release: an office publishes one slot with fewer places than people waiting, and a hundred
// signed-in clients book it at the same instant through the real portal (`openpsb portal`, production mode,
// PostgreSQL). Each round is one service's slot; the places taken must equal the quota exactly, never more.

const CLIENTS = 100;
const QUOTA = 40;
const OFFICE = { unitCode: 'SF-JG', unitName: '示范市拘留所' };
const ROUNDS: { itemId: string; details: Record<string, string> }[] = [
  {
    itemId: 'lawyer-meeting-booking',
    details: { detaineeName: '王某某', licenceNumber: '13501201910123456' },
  },
  { itemId: 'detainee-family-visit-booking', details: { detaineeName: '王某某', relationship: '配偶' } },
  // One visitor each: a group holds a place per visitor, and each round counts one place per booking.
  { itemId: 'detention-open-day-booking', details: { visitors: '1' } },
  { itemId: 'fire-education-visit-booking', details: { visitors: '1' } },
];

/** The Beijing date some days from now. */
function dayFromNow(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** One slot of the service, released as the office's publication arrives in the portal. */
async function releaseHotSlot(url: string, itemId: string): Promise<string> {
  const database = await openDatabase({ url });
  try {
    const date = dayFromNow(3);
    await database.db.transaction((tx) =>
      applyRelease(
        tx,
        {
          ...OFFICE,
          itemId,
          from: date,
          to: date,
          slots: [{ date, start: '09:00', end: '10:00', quota: QUOTA }],
        },
        new Date(),
      ),
    );
  } finally {
    await database.close();
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const slot = await client.query<{ slot_key: string }>(
      `SELECT slot_key FROM appointment_slots WHERE item_id = $1`,
      [itemId],
    );
    return slot.rows[0]!.slot_key;
  } finally {
    await client.end();
  }
}

async function placesTaken(url: string, slotKey: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const slot = await client.query<{ booked: number; quota: number }>(
      `SELECT booked, quota FROM appointment_slots WHERE slot_key = $1`,
      [slotKey],
    );
    const live = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM appointment_bookings WHERE slot_key = $1 AND status = 'booked'`,
      [slotKey],
    );
    return { counter: slot.rows[0]?.booked ?? -1, bookings: Number(live.rows[0]?.n ?? -1) };
  } finally {
    await client.end();
  }
}

/** A signed-in client: its cookies, after the portal's own sign-in form. */
async function signedIn(base: string, i: number): Promise<Jar> {
  const jar = new Jar();
  const form = await request(jar, `${base}/login`);
  const done = await request(jar, `${base}/login`, {
    _csrf: csrfIn(form.body),
    mobile: mobileOf(i),
    password: CITIZEN_PASSWORD,
  });
  if (done.status !== 303) throw new Error(`sign-in of client ${String(i)} answered ${String(done.status)}`);
  return jar;
}

export async function run(): Promise<boolean> {
  const baseline = await measureBaseline();
  const database = await freshDatabase('bookings');
  const keys = zoneKeys();
  await seedPortalCitizens(database.url, keys, CLIENTS);
  const portal = await startZone('portal', database.url, keys, '/');
  try {
    const clients: Jar[] = [];
    for (let i = 0; i < CLIENTS; i++) clients.push(await signedIn(portal.base, i));
    let seconds = 0;
    let attempts = 0;
    let booked = 0;
    let overbooked = 0;
    let unexpected = 0;
    for (const round of ROUNDS) {
      const slot = await releaseHotSlot(database.url, round.itemId);
      const formUrl = `${portal.base}/services/${round.itemId}/book`;
      // Each client has the form open (its CSRF token) before the release is announced.
      const tokens = await Promise.all(
        clients.map(async (jar) => csrfIn((await request(jar, formUrl)).body)),
      );
      const started = performance.now();
      const answers = await Promise.all(
        clients.map((jar, i) =>
          request(jar, formUrl, { _csrf: tokens[i] ?? '', slot, ...round.details }, https),
        ),
      );
      seconds += (performance.now() - started) / 1000;
      attempts += answers.length;
      const won = answers.filter((a) => a.status === 303).length;
      // The others must be told the slot is full (409) — never an error, never a place.
      unexpected += answers.filter((a) => a.status !== 303 && a.status !== 409).length;
      const taken = await placesTaken(database.url, slot);
      booked += won;
      overbooked +=
        Math.max(0, won - QUOTA) + Math.abs(taken.bookings - won) + Math.max(0, taken.counter - QUOTA);
      process.stdout.write(
        `  ${round.itemId}: ${String(won)} of ${String(CLIENTS)} booked ${String(QUOTA)} places (counter ${String(taken.counter)}, rows ${String(taken.bookings)})\n`,
      );
      if (won !== QUOTA) unexpected += Math.abs(QUOTA - won);
    }
    const figures: Figure[] = [
      {
        name: 'booking requests on a hot slot/s',
        value: attempts / seconds,
        unit: 'req/s',
        target: 100,
        better: 'higher',
        baseline: baseline.requestsPerSecond,
      },
      {
        name: 'places booked/s',
        value: booked / seconds,
        unit: 'book/s',
        target: 30,
        better: 'higher',
        baseline: baseline.requestsPerSecond,
      },
      { name: 'overbooked places', value: overbooked, unit: 'count', target: 0, better: 'lower' },
      {
        name: 'errors or places left unsold',
        value: unexpected,
        unit: 'count',
        target: 0,
        better: 'lower',
      },
    ];
    return report('bookings', figures);
  } finally {
    await stopZone(portal);
    await database.drop();
  }
}
