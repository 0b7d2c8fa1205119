import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';
import { loadWebConfig, WebConfig } from './web-config';

/** Provides the validated AppConfig; the one place that reads process.env. */
@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: () => loadConfig(process.env) }],
  exports: [AppConfig],
})
export class AppConfigModule {}

/** Provides the web app's validated WebConfig; the one place apps/web reads process.env. */
@Global()
@Module({
  providers: [{ provide: WebConfig, useFactory: () => loadWebConfig(process.env) }],
  exports: [WebConfig],
})
export class WebConfigModule {}
