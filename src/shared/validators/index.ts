export * from './id-number.ts';
export * from './credit-code.ts';
export * from './mobile.ts';
export * from './plate.ts';
export * from './division.ts';
