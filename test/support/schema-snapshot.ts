import type { DataSource } from 'typeorm';

/**
 * What a migration may change in the public schema, as sorted text lines: relations, columns, constraints
 * (with whether they are validated), indexes, triggers, functions, enum types and privileges. The
 * migrations table itself and objects owned by extensions (which a `down` may leave installed) are left out.
 */
const SCHEMA_QUERIES = [
  `SELECT 'relation ' || c.relname || ' ' || c.relkind::text || ' acl=' ||
          -- no ACL means the owner's default one: the same privileges as an ACL spelling them out
          coalesce(c.relacl, acldefault(CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END::"char", c.relowner))::text AS line
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v', 'm', 'S', 'p')
      AND c.relname NOT IN ('migrations', 'migrations_id_seq', 'typeorm_metadata')`,
  `SELECT 'column ' || table_name || '.' || column_name || ' ' || udt_name || ' null=' || is_nullable ||
          ' default=' || coalesce(column_default, '-') || ' identity=' || coalesce(identity_generation, '-') AS line
     FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name NOT IN ('migrations', 'typeorm_metadata')`,
  `SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) ||
          ' validated=' || convalidated AS line
     FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid <> 0
      AND conrelid::regclass::text NOT IN ('migrations', 'typeorm_metadata')`,
  `SELECT 'index ' || indexdef AS line FROM pg_indexes
    WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'typeorm_metadata')`,
  `SELECT 'trigger ' || pg_get_triggerdef(oid) || ' enabled=' || tgenabled::text AS line FROM pg_trigger WHERE NOT tgisinternal`,
  `SELECT 'function ' || pg_get_functiondef(p.oid) AS line FROM pg_proc p
    WHERE p.pronamespace = 'public'::regnamespace AND p.prokind IN ('f', 'p')
      AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`,
  `SELECT 'type ' || t.typname || ' ' || string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) AS line
     FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid
    WHERE t.typnamespace = 'public'::regnamespace GROUP BY t.typname`,
  `SELECT 'default privileges ' || defaclobjtype::text || ' ' || defaclacl::text AS line FROM pg_default_acl`,
];

export async function schemaSnapshot(dataSource: DataSource): Promise<string[]> {
  const lines: string[] = [];
  for (const sql of SCHEMA_QUERIES) {
    const rows = await dataSource.query<{ line: string }[]>(sql);
    lines.push(...rows.map((row) => row.line));
  }
  return lines.sort();
}
