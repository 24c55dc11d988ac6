import {
  directoryUnitPublished,
  directoryUnitPublishedV1,
  directoryUnitWithdrawn,
} from '../../exchange/contracts/index.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import { publicContentChanged } from '../../shared/http/public-content.ts';
import { applyPublishedUnit, applyWithdrawnUnit, upgradePublishedUnit } from './directory.repository.ts';

// What the portal does with the workbench's directory messages: keep the highest revision of each unit.

const publishedV2 = onMessage(directoryUnitPublished, async (tx, unit) => {
  await applyPublishedUnit(tx, unit);
  publicContentChanged('/directory');
});
const publishedV1 = onMessage(directoryUnitPublishedV1, async (tx, unit) => {
  await applyPublishedUnit(tx, upgradePublishedUnit(unit));
  publicContentChanged('/directory');
});

export const directoryInboxHandlers: readonly MessageHandler[] = [
  // One handler per type: a version 1 message still in the outbox from before version 2 is read as a unit
  // without a responsibility area.
  {
    type: directoryUnitPublished.type,
    version: directoryUnitPublished.version,
    handle: (tx, payload, message) =>
      message.version === directoryUnitPublishedV1.version
        ? publishedV1.handle(tx, payload, message)
        : publishedV2.handle(tx, payload, message),
  },
  onMessage(directoryUnitWithdrawn, async (tx, withdrawal) => {
    await applyWithdrawnUnit(tx, withdrawal);
    publicContentChanged('/directory');
  }),
];
