export * from './correlation-id';
export * from './logged-url';
export * from './database-metrics';
export * from './metrics-registry';
export * from './ops-server';
export * from './shutdown-bound';
export * from './free-port';
export * from './tracing';
