import { Injectable, NotFoundException } from '@nestjs/common';
import { DomainError } from '@rocu/domain';
import { ReferenceDataService } from '../reference/reference-data.service';
import { DevTokenRequest, DevTokenResponse } from './dev-token.dto';
import { TokenService } from './token-service';

@Injectable()
export class DevTokenService {
  constructor(
    private readonly tokens: TokenService,
    private readonly reference: ReferenceDataService,
  ) {}

  async issue(request: DevTokenRequest): Promise<DevTokenResponse> {
    // Outside dev mode the route does not exist as far as callers can tell.
    if (!this.tokens.devMode) throw new NotFoundException('Not found');
    if (!(await this.reference.findOrganisation(request.org))) {
      throw new DomainError('VALIDATION', 'Unknown organisation', {
        errors: [{ field: 'org', code: 'unknown_code', message: `unknown organisation code ${request.org}` }],
      });
    }
    return { token: await this.tokens.signDevToken(request) };
  }
}
