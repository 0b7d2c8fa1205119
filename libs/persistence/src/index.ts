export * from './entities';
export * from './data-source-options';
export * from './seed-reference-data';
export * from './audit-writer';
export { MIGRATIONS } from './migrations';
export * from './agenda-candidates';
export * from './audit-verification';
export * from './conflict-register';
export * from './idempotency-keys';
