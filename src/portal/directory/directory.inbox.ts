import { directoryUnitPublished, directoryUnitWithdrawn } from '../../exchange/contracts/index.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import { publicContentChanged } from '../../shared/http/public-content.ts';
import { applyPublishedUnit, applyWithdrawnUnit } from './directory.repository.ts';

// What the portal does with the workbench's directory messages: keep the highest revision of each unit.

export const directoryInboxHandlers: readonly MessageHandler[] = [
  onMessage(directoryUnitPublished, async (tx, unit) => {
    await applyPublishedUnit(tx, unit);
    publicContentChanged('/directory');
  }),
  onMessage(directoryUnitWithdrawn, async (tx, withdrawal) => {
    await applyWithdrawnUnit(tx, withdrawal);
    publicContentChanged('/directory');
  }),
];
