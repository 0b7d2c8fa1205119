import type { EntityManager } from 'typeorm';

/** Whatever the caller runs its statements on: a transaction's EntityManager, or the DataSource itself. */
export type Queryable = Pick<EntityManager, 'query'>;
