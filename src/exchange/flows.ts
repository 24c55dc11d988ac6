import { whitelist, type ContractDirection, type ExchangeZone } from './contracts/index.ts';

/** A flow is one direction of the exchange; the monitor counts, measures and alarms per flow (and type). */
export type Flow = ContractDirection;

export interface FlowEnds {
  flow: Flow;
  from: ExchangeZone;
  to: ExchangeZone;
}

export const FLOWS: readonly FlowEnds[] = [
  { flow: 'portal-to-workbench', from: 'portal', to: 'workbench' },
  { flow: 'workbench-to-portal', from: 'workbench', to: 'portal' },
];

export function flowOf(from: ExchangeZone, to: ExchangeZone): Flow {
  return from === 'portal' && to === 'workbench' ? 'portal-to-workbench' : 'workbench-to-portal';
}

/** The flow a message-log row of `zone` belongs to: what it sent, or what it received from the other side. */
export function flowOfLog(zone: ExchangeZone, direction: 'outbound' | 'inbound'): Flow {
  const other: ExchangeZone = zone === 'portal' ? 'workbench' : 'portal';
  return direction === 'outbound' ? flowOf(zone, other) : flowOf(other, zone);
}

/** The types whitelisted for a flow, so an idle flow still shows a row for each of them. */
export function whitelistedTypes(flow: Flow): string[] {
  return [...new Set([...whitelist.values()].filter((c) => c.direction === flow).map((c) => c.type))].sort();
}
