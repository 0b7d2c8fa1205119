import { DEFAULT_MEETING_SETTINGS } from '@rocu/domain';
import { ConfigError, loadConfig, meetingSettingsOf } from './app-config';

const BASE = { DATABASE_URL: 'postgres://localhost/rocu' };

describe('meeting settings from configuration', () => {
  it('uses the domain defaults unless MEETING_SETTINGS_JSON overrides some of them', () => {
    expect(meetingSettingsOf(loadConfig(BASE))).toEqual(DEFAULT_MEETING_SETTINGS);
    const config = loadConfig({ ...BASE, MEETING_SETTINGS_JSON: '{"quorumForceFraction":1,"covertEveryDays":7}' });
    expect(meetingSettingsOf(config)).toEqual({
      ...DEFAULT_MEETING_SETTINGS,
      quorumForceFraction: 1,
      covertEveryDays: 7,
    });
  });

  it('refuses to start with a bad value, naming it', () => {
    expect(() => loadConfig({ ...BASE, MEETING_SETTINGS_JSON: '{"covertEveryDays":0}' })).toThrow(ConfigError);
    expect(() => loadConfig({ ...BASE, MEETING_SETTINGS_JSON: '{"covertEveryDays":0}' })).toThrow(
      /MEETING_SETTINGS_JSON: .*covertEveryDays/,
    );
  });
});

describe('audit seal key', () => {
  const production = { ...BASE, NODE_ENV: 'production', AUTH_MODE: 'jwks', JWKS_URL: 'https://idp.example/jwks' };

  it('must be set, and long enough, in production', () => {
    expect(() => loadConfig(production)).toThrow(/AUDIT_SEAL_KEY must be set when NODE_ENV=production/);
    expect(() => loadConfig({ ...production, AUDIT_SEAL_KEY: 'short' })).toThrow(/AUDIT_SEAL_KEY/);
    const key = 'k'.repeat(32);
    expect(loadConfig({ ...production, AUDIT_SEAL_KEY: key }).AUDIT_SEAL_KEY).toBe(key);
  });
});

describe('trace export', () => {
  it('is off unless OTEL_EXPORTER_OTLP_ENDPOINT names an http(s) collector', () => {
    expect(loadConfig(BASE).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(loadConfig({ ...BASE, OTEL_EXPORTER_OTLP_ENDPOINT: '' }).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    const endpoint = 'http://otel-collector:4318';
    expect(loadConfig({ ...BASE, OTEL_EXPORTER_OTLP_ENDPOINT: endpoint }).OTEL_EXPORTER_OTLP_ENDPOINT).toBe(endpoint);
    expect(() => loadConfig({ ...BASE, OTEL_EXPORTER_OTLP_ENDPOINT: 'otel-collector:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
  });
});
