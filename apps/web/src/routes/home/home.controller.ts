import { Controller, Get, Render, Session } from '@nestjs/common';
import type { WebSession } from '../../auth/web-session';
import { homeView, HomeView } from './home.view-model';

@Controller()
export class HomeController {
  @Get()
  @Render('routes/home/home.njk')
  home(@Session() session: WebSession): HomeView {
    return homeView(session.user);
  }
}
