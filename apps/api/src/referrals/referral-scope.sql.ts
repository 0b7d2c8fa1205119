import type { SelectQueryBuilder, ObjectLiteral } from 'typeorm';
import { Brackets } from 'typeorm';
import { Actor, referralScopes } from '@rocu/domain';

/**
 * Applies the caller's need-to-know scopes as SQL so every list, count and lookup filters in the
 * database; a caller with no scope matches nothing.
 */
export function whereVisibleTo<T extends ObjectLiteral>(
  query: SelectQueryBuilder<T>,
  actor: Actor,
  alias = 'r',
): SelectQueryBuilder<T> {
  const scopes = referralScopes(actor);
  if (scopes.length === 0) return query.andWhere('1 = 0');
  return query.andWhere(
    new Brackets((scoped) => {
      scopes.forEach((scope, index) => {
        switch (scope.kind) {
          case 'OWNER_ORG':
            scoped.orWhere(`${alias}.owner_org = :scopeOrg${index}`, { [`scopeOrg${index}`]: scope.org });
            break;
          case 'REGION':
            scoped.orWhere(`${alias}.region = :scopeRegion${index}`, { [`scopeRegion${index}`]: scope.region });
            break;
          case 'REFERRED_NATIONAL':
            scoped.orWhere(`${alias}.status = 'REFERRED_NATIONAL'`);
            break;
          case 'ASSIGNED': {
            // The person (sub and organisation) assigned in the role this scope holds.
            const person = scope.role === 'SIO' ? 'sio' : 'lro';
            scoped.orWhere(
              `(${alias}.${person}_sub = :scopeSub${index} AND ${alias}.${person}_org = :scopeOrg${index})`,
              {
                [`scopeSub${index}`]: scope.sub,
                [`scopeOrg${index}`]: scope.org,
              },
            );
            break;
          }
        }
      });
    }),
  );
}
