import { providerOrigins } from './provider-origins';

describe("the identity provider's origins a form may end at", () => {
  it("are the issuer's before discovery", () => {
    expect(providerOrigins('https://idp.example.police.uk/realms/rocu')).toEqual(['https://idp.example.police.uk']);
  });

  it('add the authorisation and end-session endpoints when they are elsewhere, each origin once', () => {
    expect(
      providerOrigins('https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_abc', {
        authorization_endpoint: 'https://rocu.auth.eu-west-2.amazoncognito.com/oauth2/authorize',
        end_session_endpoint: 'https://rocu.auth.eu-west-2.amazoncognito.com/logout',
      }),
    ).toEqual(['https://cognito-idp.eu-west-2.amazonaws.com', 'https://rocu.auth.eu-west-2.amazoncognito.com']);
    expect(
      providerOrigins('https://idp.example.police.uk/realms/rocu', {
        authorization_endpoint: 'https://idp.example.police.uk/realms/rocu/auth',
      }),
    ).toEqual(['https://idp.example.police.uk']);
  });

  it('leave out what is not an http(s) URL a header can name', () => {
    expect(providerOrigins('', { end_session_endpoint: 'not a url' })).toEqual([]);
    expect(
      providerOrigins('https://idp.example.police.uk', {
        authorization_endpoint: 'javascript:alert(1)',
        end_session_endpoint: 'https://idp;script-src *.example/logout',
      }),
    ).toEqual(['https://idp.example.police.uk']);
    expect(providerOrigins('http://[::1]:8080/realms/rocu')).toEqual(['http://[::1]:8080']);
  });
});
