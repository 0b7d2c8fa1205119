import * as entityClasses from './entity-classes';

export * from './entity-classes';

/** Every entity, for TypeORM: the exports of entity-classes.ts, so the list is written once. */
export const ENTITIES = Object.values(entityClasses);
