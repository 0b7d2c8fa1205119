export * from './send-update';
