import { Controller, Get, Render } from '@nestjs/common';
import { Public } from '../../auth/auth-metadata';

@Public()
@Controller('accessibility')
export class AccessibilityController {
  @Get()
  @Render('routes/accessibility/accessibility.njk')
  statement(): object {
    return { pageTitle: 'Accessibility statement' };
  }
}
