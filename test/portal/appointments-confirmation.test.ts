import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { COLLECTION_SERVICE as COLLECTION } from '../../src/portal/appointments/appointments.collection.tsx';
import { renderConfirmation } from '../../src/portal/appointments/appointments.confirmation.ts';
import { findBooking } from '../../src/portal/appointments/appointments.repository.ts';
import { appointmentBookings } from '../../src/portal/appointments/appointments.tables.ts';
import { applications } from '../../src/portal/applications/applications.tables.ts';
import { caseDocuments } from '../../src/portal/cases/cases.tables.ts';
import { publishCatalogDirectly } from '../../src/portal/catalog/catalog.seed.ts';
import { slotKey } from '../../src/shared/appointments/booking-services.ts';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { registerCitizen } from '../helpers/citizens.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { verifiedCitizen } from './applications.helpers.ts';
import { dayAfter, FAMILY_VISIT, OFFICE, release } from './appointments.support.ts';

// 预约凭证: the booker's PDF with a verification code, the public page that confirms the booking by that code
// (and follows its status), and nobody else's booking printed.

// The configured public address (its trailing slash dropped): the QR code leads there, whatever Host is asked.
const PORTAL = 'https://ga.shifan.example';

let zone: TestZone;
before(async () => {
  zone = await startTestZone('portal', { env: { PUBLIC_PORTAL_URL: `${PORTAL}/` } });
  await publishCatalogDirectly(zone.services.db, loadCatalogItems());
});
after(async () => zone.close());

const verify = (code: string, lang = '') =>
  zone.app.inject({ method: 'GET', url: `/appointments/verify/${code}${lang}` });

describe('the booking confirmation', () => {
  test('printed by the booker only, the same file each time, verified publicly by its code, cancelled shown', async () => {
    const person = await verifiedCitizen(zone, '李示范');
    const date = dayAfter(zone, 5);
    await release(zone, FAMILY_VISIT, [{ date, start: '09:00', end: '10:00', quota: 2 }]);
    const done = await person.client.post(`/services/${FAMILY_VISIT}/book`, {
      slot: slotKey(OFFICE.unitCode, FAMILY_VISIT, date, '09:00'),
      detaineeName: '王某某',
      relationship: '父母',
    });
    assert.equal(done.statusCode, 303, done.body.slice(0, 300));
    const code = /([0-9A-Z]{8})$/.exec(String(done.headers.location))![1]!;
    const page = await person.client.get(`/my/appointments/${code}`);
    assert.ok(page.body.includes(`/my/appointments/${code}/confirmation.pdf`));

    const pdf = await person.client.get(`/my/appointments/${code}/confirmation.pdf`);
    assert.equal(pdf.statusCode, 200);
    assert.equal(pdf.headers['content-type'], 'application/pdf');
    assert.equal(pdf.rawPayload.subarray(0, 5).toString(), '%PDF-');
    const again = await person.client.get(`/my/appointments/${code}/confirmation.pdf`, {
      host: 'attacker.example',
      'x-forwarded-host': 'attacker.example',
    });
    assert.ok(again.rawPayload.equals(pdf.rawPayload), 'one verification code, the same file, any Host');
    const stranger = await registerCitizen(zone);
    assert.equal((await stranger.client.get(`/my/appointments/${code}/confirmation.pdf`)).statusCode, 404);

    const [row] = await zone.services.db
      .select({ verificationCode: appointmentBookings.verificationCode })
      .from(appointmentBookings)
      .where(eq(appointmentBookings.code, code));
    const verificationCode = row?.verificationCode;
    assert.match(verificationCode ?? '', /^[A-Z2-7]{26}$/);
    // The file is the one drawn with the configured address (the same input gives the same bytes).
    const booked = await findBooking(zone.services.db, code);
    const expectedInput = {
      details: { detaineeName: '王某某', relationship: '父母' },
      verificationCode: verificationCode!,
    };
    const expected = await renderConfirmation({ ...booked!, ...expectedInput }, PORTAL);
    assert.ok(pdf.rawPayload.equals(expected), 'the QR code leads to PUBLIC_PORTAL_URL');
    // In English for a person reading the site in English: the English slip, tagged as English.
    const english = await person.client.get(`/my/appointments/${code}/confirmation.pdf?lang=en`);
    assert.equal(english.statusCode, 200);
    assert.match(String(english.headers['content-disposition']), /booking-/);
    const inEnglish = await renderConfirmation({ ...booked!, ...expectedInput }, PORTAL, 'en');
    assert.ok(english.rawPayload.equals(inEnglish), 'the English confirmation');
    assert.ok(!english.rawPayload.equals(pdf.rawPayload));
    assert.match(english.rawPayload.toString('latin1'), /\/Lang \(en\)/);
    assert.match(pdf.rawPayload.toString('latin1'), /\/Lang \(zh-CN\)/);
    const checked = await verify(verificationCode!);
    assert.equal(checked.statusCode, 200);
    assert.match(checked.body, /真实有效/);
    assert.ok(checked.body.includes(code));
    assert.match(checked.body, /示范市拘留所/);
    assert.match(checked.body, /待到场/);
    assert.ok(!checked.body.includes('王某某'), 'no one’s name on the public page');
    assert.match((await verify(verificationCode!, '?lang=en')).body, /is genuine/);
    // The booking code itself opens nothing; neither does an unknown code.
    assert.equal((await verify(code)).statusCode, 404);
    assert.equal((await verify('A'.repeat(26))).statusCode, 404);

    const cancelled = await person.client.post(
      `/my/appointments/${code}/cancel`,
      {},
      { formUrl: `/my/appointments/${code}` },
    );
    assert.equal(cancelled.statusCode, 303, cancelled.body.slice(0, 300));
    assert.match((await verify(verificationCode!)).body, /已取消/);
  });
});

describe('an approved pre-application ends in a booked visit', () => {
  /** His pre-application at 待来窗领取, its 预审通过通知 received, as the case steps leave it. */
  async function approvedCase(
    citizenId: string,
    caseNumber: string,
    withNotice = true,
    itemId = 'no-criminal-record-certificate',
  ) {
    const db = zone.services.db;
    const [application] = await db
      .insert(applications)
      .values({
        citizenId,
        itemId,
        itemVersion: 1,
        formId: itemId,
        formVersion: 1,
        caseNumber,
        submittedAt: zone.services.now(),
        status: 'approved',
        applicantMay: [],
        inFlight: true,
      })
      .returning({ id: applications.id });
    if (!withNotice) return;
    await db.insert(caseDocuments).values({
      id: randomUUID(),
      applicationId: application!.id,
      caseNumber,
      kind: 'pre-approval-notice',
      documentNumber: `SF-ZA-预字〔2026〕第${caseNumber.slice(-6)}号`,
      verificationCode: randomUUID().replaceAll('-', '').slice(0, 26).toUpperCase(),
      holderMasked: '李*',
      unitName: '示范市公安局治安支队',
      issuedAt: zone.services.now(),
      sha256: '0'.repeat(64),
      fileName: 'notice.pdf',
      content: Buffer.from('%PDF-1.4'),
      bytes: 8,
      receivedAt: zone.services.now(),
    });
  }

  test('the case page offers the visit with the case number; the booking carries it; a stranger’s number is refused', async () => {
    const person = await verifiedCitizen(zone, '李示范');
    const date = dayAfter(zone, 3);
    await release(zone, COLLECTION, [{ date, start: '14:00', end: '15:00', quota: 3 }]);
    const caseNumber = `SF-ZA-20261206-${String(Date.now()).slice(-6)}`;
    await approvedCase(person.id, caseNumber);

    const casePage = await person.client.get(`/my/cases/${caseNumber}`);
    assert.equal(casePage.statusCode, 200);
    const offer = `/services/${COLLECTION}/book?caseNumber=${caseNumber}`;
    assert.ok(casePage.body.includes(offer.replaceAll('&', '&amp;')), 'the visit is offered');
    const form = await person.client.get(offer);
    assert.match(form.body, new RegExp(`name="caseNumber" value="${caseNumber}"`));

    // Another person's approved case (or a made-up number) is no case to book for.
    const other = await verifiedCitizen(zone, '王示范');
    const slot = slotKey(OFFICE.unitCode, COLLECTION, date, '14:00');
    const stranger = await other.client.post(`/services/${COLLECTION}/book`, { slot, caseNumber });
    assert.equal(stranger.statusCode, 422);
    assert.match(stranger.body, /预审已通过的办件/);

    const done = await person.client.post(`/services/${COLLECTION}/book`, { slot, caseNumber });
    assert.equal(done.statusCode, 303, done.body.slice(0, 300));
    const code = /([0-9A-Z]{8})$/.exec(String(done.headers.location))![1]!;
    const booking = await person.client.get(`/my/appointments/${code}`);
    assert.ok(booking.body.includes(caseNumber));
    // Back on the case: the booking instead of the offer.
    const after = await person.client.get(`/my/cases/${caseNumber}`);
    assert.ok(after.body.includes(`href="/my/appointments/${code}"`));
    assert.ok(!after.body.includes(`/services/${COLLECTION}/book`));
  });

  test('two approved pre-applications end in two collection visits, but never two for the same case', async () => {
    const person = await verifiedCitizen(zone, '钱示范');
    const date = dayAfter(zone, 4);
    await release(zone, COLLECTION, [{ date, start: '10:00', end: '11:00', quota: 5 }]);
    const slot = slotKey(OFFICE.unitCode, COLLECTION, date, '10:00');
    const suffix = String(Date.now()).slice(-5);
    const [first, second] = [`SF-ZA-20261208-1${suffix}`, `SF-ZA-20261208-2${suffix}`];
    // Two services' pre-applications, both collected through the one collection booking.
    await approvedCase(person.id, first);
    await approvedCase(person.id, second, true, 'ethnicity-change');

    const book = (caseNumber: string) =>
      person.client.post(`/services/${COLLECTION}/book`, { slot, caseNumber });
    const codeOf = (location: unknown) => /([0-9A-Z]{8})$/.exec(String(location))![1]!;
    const one = await book(first);
    assert.equal(one.statusCode, 303, one.body.slice(0, 300));
    const two = await book(second);
    assert.equal(two.statusCode, 303, two.body.slice(0, 300));
    assert.notEqual(codeOf(one.headers.location), codeOf(two.headers.location));
    // Each case page shows its own booking.
    for (const [caseNumber, answer] of [
      [first, one],
      [second, two],
    ] as const) {
      const page = await person.client.get(`/my/cases/${caseNumber}`);
      assert.ok(page.body.includes(`href="/my/appointments/${codeOf(answer.headers.location)}"`));
    }

    const again = await book(first);
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /您已有该事项的有效预约/);
    const live = await zone.services.db
      .select({ caseNumber: appointmentBookings.caseNumber })
      .from(appointmentBookings)
      .where(eq(appointmentBookings.citizenId, person.id));
    assert.deepEqual(live.map((b) => b.caseNumber).sort(), [first, second]);
  });

  test('a service not booked for a case keeps no case number, so made-up ones book nothing twice', async () => {
    const person = await verifiedCitizen(zone, '孙示范');
    const date = dayAfter(zone, 6);
    await release(zone, FAMILY_VISIT, [{ date, start: '15:00', end: '16:00', quota: 5 }]);
    const book = (caseNumber: string) =>
      person.client.post(`/services/${FAMILY_VISIT}/book`, {
        slot: slotKey(OFFICE.unitCode, FAMILY_VISIT, date, '15:00'),
        detaineeName: '王某某',
        relationship: '父母',
        caseNumber,
      });
    assert.equal((await book('X-1')).statusCode, 303);
    const again = await book('X-2');
    assert.equal(again.statusCode, 409);
    assert.match(again.body, /您已有该事项的有效预约/);
    const [row] = await zone.services.db
      .select({ caseNumber: appointmentBookings.caseNumber })
      .from(appointmentBookings)
      .where(eq(appointmentBookings.citizenId, person.id));
    assert.equal(row?.caseNumber, null);
  });

  test('a case not yet approved online is offered no visit', async () => {
    const person = await verifiedCitizen(zone, '赵示范');
    const caseNumber = `SF-ZA-20261207-${String(Date.now()).slice(-6)}`;
    await approvedCase(person.id, caseNumber, false);
    const page = await person.client.get(`/my/cases/${caseNumber}`);
    assert.equal(page.statusCode, 200);
    assert.ok(!page.body.includes(`/services/${COLLECTION}/book`));
  });
});
