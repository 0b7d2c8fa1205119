import { Controller, Get } from '@nestjs/common';
import { Public } from '../../auth/auth-metadata';

@Public()
@Controller('health')
export class HealthController {
  /** Liveness for the stack and compose: the process serves requests. */
  @Get()
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}
