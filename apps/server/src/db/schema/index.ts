export * from './accounts.ts';
export * from './clients.ts';
export * from './common.ts';
export * from './expenses.ts';
export * from './idempotency.ts';
export * from './people.ts';
export * from './projects.ts';
export * from './time.ts';
