import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { eq } from 'drizzle-orm';
import { appointmentBookings } from '../../src/portal/appointments/appointments.tables.ts';
import { publishCatalogDirectly } from '../../src/portal/catalog/catalog.seed.ts';
import { slotKey } from '../../src/shared/appointments/booking-services.ts';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { registerCitizen } from '../helpers/citizens.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { verifiedCitizen } from './applications.helpers.ts';
import { dayAfter, FAMILY_VISIT, OFFICE, release } from './appointments.support.ts';

// 预约凭证: the booker's PDF with a verification code, the public page that confirms the booking by that code
// (and follows its status), and nobody else's booking printed.

let zone: TestZone;
before(async () => {
  zone = await startTestZone('portal');
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
    const again = await person.client.get(`/my/appointments/${code}/confirmation.pdf`);
    assert.ok(again.rawPayload.equals(pdf.rawPayload), 'one verification code, the same file');
    const stranger = await registerCitizen(zone);
    assert.equal((await stranger.client.get(`/my/appointments/${code}/confirmation.pdf`)).statusCode, 404);

    const [row] = await zone.services.db
      .select({ verificationCode: appointmentBookings.verificationCode })
      .from(appointmentBookings)
      .where(eq(appointmentBookings.code, code));
    const verificationCode = row?.verificationCode;
    assert.match(verificationCode ?? '', /^[A-Z2-7]{26}$/);
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
