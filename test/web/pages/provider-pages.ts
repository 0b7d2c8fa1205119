import { BasePage } from './base-page';

/**
 * The test OpenID provider's own pages (oidc-provider's development login, consent and logout pages): any
 * password signs in the account named by the login.
 */
export class ProviderPages extends BasePage {
  async logIn(login: string): Promise<void> {
    await this.page.locator('input[name="login"]').fill(login);
    await this.page.locator('input[name="password"]').fill('any password will do');
    await this.submitWith('Sign-in');
  }

  consent(): Promise<void> {
    return this.submitWith('Continue');
  }

  confirmSignOut(): Promise<void> {
    return this.submitWith('Yes, sign me out');
  }

  isLoginPage(): Promise<boolean> {
    return this.page.locator('input[name="login"]').isVisible();
  }
}
