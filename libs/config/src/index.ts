export * from './app-config';
export * from './config.module';
export * from './trust-proxy';
export * from './web-config';
