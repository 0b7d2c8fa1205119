import { Injectable, OnModuleInit } from '@nestjs/common';
import { createRemoteJWKSet, exportJWK, generateKeyPair, JWTPayload, jwtVerify, SignJWT } from 'jose';
import type { CryptoKey, JWTVerifyGetKey, KeyObject } from 'jose';
import { AppConfig } from '@rocu/config';
import { VerifiedTokenCache } from './verified-token-cache';

const ALGORITHM = 'RS256';
const DEV_TOKEN_LIFETIME = '12h';

type VerificationKey = JWTVerifyGetKey | CryptoKey | KeyObject;

/**
 * Verifies bearer tokens: RS256 only (pinned), with issuer, audience and expiry checked. In production the
 * keys come from the configured JWKS; in dev mode a key pair made at start-up signs dev tokens.
 */
@Injectable()
export class TokenService implements OnModuleInit {
  private verificationKey!: VerificationKey;
  private devSigningKey?: CryptoKey | KeyObject;
  private readonly verified = new VerifiedTokenCache();

  constructor(private readonly config: AppConfig) {}

  async onModuleInit(): Promise<void> {
    if (this.config.AUTH_MODE === 'jwks') {
      this.verificationKey = createRemoteJWKSet(new URL(this.config.JWKS_URL ?? ''), { cooldownDuration: 30_000 });
      return;
    }
    const { publicKey, privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
    this.devSigningKey = privateKey;
    this.verificationKey = publicKey;
    await exportJWK(publicKey); // fails fast if the runtime cannot export RSA keys
  }

  get devMode(): boolean {
    return this.config.AUTH_MODE === 'dev';
  }

  async verify(token: string): Promise<JWTPayload> {
    const known = this.verified.get(token);
    if (known) return known;
    const options = {
      algorithms: [ALGORITHM],
      issuer: this.config.JWT_ISSUER,
      audience: this.config.JWT_AUDIENCE,
      requiredClaims: ['sub', 'exp'],
    };
    const key = this.verificationKey;
    const { payload } =
      typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
    this.verified.set(token, payload);
    return payload;
  }

  async signDevToken(claims: { sub: string; name: string; roles: string[]; org: string }): Promise<string> {
    if (!this.devSigningKey) throw new Error('dev tokens are only available when AUTH_MODE=dev');
    return new SignJWT({ name: claims.name, roles: claims.roles, org: claims.org })
      .setProtectedHeader({ alg: ALGORITHM })
      .setSubject(claims.sub)
      .setIssuer(this.config.JWT_ISSUER)
      .setAudience(this.config.JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(DEV_TOKEN_LIFETIME)
      .sign(this.devSigningKey);
  }
}
