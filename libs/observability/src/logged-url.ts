/**
 * A request's URL as a log line may show it: the path alone. Its query can carry what logs must not keep, such as
 * a search by a subject's name or an OpenID Connect authorisation code.
 */
export function loggedUrl(url: string | undefined): string {
  return (url ?? '').split('?', 1)[0];
}
