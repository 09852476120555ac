/*
RealmSqlServer: a least-privilege PostgreSQL role for the connector (README.md, "PostgreSQL: least-privilege role").
Run it with psql as a superuser, connected to the connector's database, once before 'bootstrap --provider postgres
--apply' (then run bootstrap, install, sync and run AS THE ROLE, so that it owns the catalog tables and the generated
tables it creates):

  psql "host=<server> dbname=<database> user=postgres" -v ON_ERROR_STOP=1 -f scripts/postgres-setup.sql \
      -v connector_role=realm_connector -v data_schema=public

psql variables:
  connector_role      (required) the role the connector logs in as: created when missing (LOGIN REPLICATION).
  data_schema         the schema of the generated tables (Postgres.Schema, default public): created when missing.
  connector_password  optional: sets the role's password. It travels in the statement text (and a server logging
                      statements writes it down): you may leave it out and run \password <role> in psql instead.

It is idempotent: one transaction, what exists is left alone, and running it again changes nothing. A database owner
who is not a superuser may run it once the role exists with LOGIN REPLICATION (only a superuser gives REPLICATION)
and when no table needs a new owner. The connector's role gets exactly what the connector does (doctor checks the same):
  - role attributes: LOGIN and REPLICATION (change capture reads a pgoutput slot through a replication connection,
    and creates and advances slots: pg_create_logical_replication_slot, pg_replication_slot_advance). Never
    SUPERUSER (refused: no grant restricts a superuser), CREATEDB or CREATEROLE (removed when present);
  - the database: CONNECT, and CREATE, which CREATE PUBLICATION needs (install makes one per Realm path; PostgreSQL
    has no narrower privilege for it: CREATE on a database also lets the role create schemas in it);
  - schema realmsync (the catalog): created owned by the role when missing, so that every catalog table the
    connector creates (bootstrap, and the tables later versions add) is the role's. Whoever owns it: USAGE,
    CREATE, and SELECT, INSERT, UPDATE, DELETE on its tables, now and (ALTER DEFAULT PRIVILEGES) on those the
    user running this script creates there later (deploy.sql run by hand);
  - the data schema and every schema realmsync."MappedRealm" maps: USAGE and CREATE (schema growth, ADD_TYPE and
    ADD_PROPERTIES, creates tables there). The generated tables must be the role's: ALTER TABLE ... ADD COLUMN and
    CREATE PUBLICATION ... FOR TABLE / ALTER PUBLICATION ... ADD TABLE need their ownership. A mapped table another
    role owns (deploy.sql run as someone else) is handed to the connector's role, with a notice per table.
It also says (a warning, nothing changed) when wal_level is not logical. Logical replication connections need a
pg_hba.conf line for the role with database 'replication' (host replication realm_connector <address> scram-sha-256).
*/
\set ON_ERROR_STOP on
\if :{?connector_role}
\else
    \set connector_role ''
\endif
\if :{?data_schema}
\else
    \set data_schema public
\endif
\if :{?connector_password}
\else
    \set connector_password ''
\endif

BEGIN;
-- The DO blocks below read the psql variables from settings of this transaction (psql does not substitute
-- variables inside dollar quotes).
SET LOCAL realmsync.connector_role = :'connector_role';
SET LOCAL realmsync.data_schema = :'data_schema';
SET LOCAL realmsync.connector_password = :'connector_password';

-- The role: LOGIN REPLICATION, nothing more.
DO $setup$
DECLARE
    role_name text := current_setting('realmsync.connector_role');
    password text := current_setting('realmsync.connector_password');
    found_role pg_catalog.pg_roles;
BEGIN
    IF role_name = '' THEN
        RAISE EXCEPTION 'connector_role is not set: run psql with -v connector_role=NAME (the role the connector logs in as)';
    END IF;
    IF role_name = current_user THEN
        RAISE EXCEPTION 'this script runs as role %, the connector''s role: run it as a superuser (or the database owner)', role_name;
    END IF;
    SELECT * INTO found_role FROM pg_catalog.pg_roles AS r WHERE r.rolname = role_name;
    IF NOT FOUND THEN
        RAISE NOTICE 'Creating role % (LOGIN REPLICATION)...', role_name;
        EXECUTE format('CREATE ROLE %I LOGIN REPLICATION NOSUPERUSER NOCREATEDB NOCREATEROLE', role_name);
    ELSIF found_role.rolsuper THEN
        RAISE EXCEPTION 'role % is a superuser, which no grant restricts: give the connector a role of its own, or run ALTER ROLE % NOSUPERUSER first', role_name, quote_ident(role_name);
    ELSIF NOT (found_role.rolcanlogin AND found_role.rolreplication) OR found_role.rolcreatedb OR found_role.rolcreaterole THEN
        RAISE NOTICE 'Setting role % to LOGIN REPLICATION NOCREATEDB NOCREATEROLE (the connector needs no more)...', role_name;
        BEGIN
            EXECUTE format('ALTER ROLE %I LOGIN REPLICATION NOCREATEDB NOCREATEROLE', role_name);
        EXCEPTION WHEN insufficient_privilege THEN
            RAISE EXCEPTION 'only a superuser may give role % the REPLICATION attribute: run this script as a superuser, or have one run ALTER ROLE % LOGIN REPLICATION NOCREATEDB NOCREATEROLE first', role_name, quote_ident(role_name);
        END;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_database AS d WHERE d.datname = current_database() AND pg_catalog.pg_get_userbyid(d.datdba) = role_name) THEN
        RAISE EXCEPTION 'role % owns database %, which gives it every privilege there (schema public included): give the connector a role of its own, or ALTER DATABASE % OWNER TO another role', role_name, current_database(), quote_ident(current_database());
    END IF;
    IF password <> '' THEN
        EXECUTE format('ALTER ROLE %I PASSWORD %L', role_name, password);
    END IF;
    EXECUTE format('GRANT CONNECT, CREATE ON DATABASE %I TO %I', current_database(), role_name);
END
$setup$;

-- The schemas: realmsync (the catalog), the data schema and every schema the catalog maps.
DO $setup$
DECLARE
    role_name text := current_setting('realmsync.connector_role');
    data_schema text := current_setting('realmsync.data_schema');
    schemas text[];
    item text;
BEGIN
    IF data_schema = '' OR data_schema = 'realmsync' OR data_schema LIKE 'pg\_%' OR data_schema = 'information_schema' THEN
        RAISE EXCEPTION 'data_schema ''%'' cannot hold the generated tables (realmsync is the catalog; pg_* and information_schema are PostgreSQL''s): give the connector''s Postgres.Schema, such as public', data_schema;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'realmsync') THEN
        RAISE NOTICE 'Creating schema realmsync (the catalog), owned by %...', role_name;
        EXECUTE format('CREATE SCHEMA realmsync AUTHORIZATION %I', role_name);
    END IF;
    -- Granted to the owner too: an owner's privileges can be revoked, and a grant puts them back.
    EXECUTE format('GRANT USAGE, CREATE ON SCHEMA realmsync TO %I', role_name);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA realmsync TO %I', role_name);
    EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA realmsync GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I', role_name);

    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = data_schema) THEN
        RAISE NOTICE 'Creating schema % (the generated tables)...', data_schema;
        EXECUTE format('CREATE SCHEMA %I', data_schema);
    END IF;
    schemas := ARRAY[data_schema];
    IF to_regclass('realmsync."MappedRealm"') IS NOT NULL THEN
        -- Planned only when the catalog exists.
        schemas := schemas || ARRAY(SELECT DISTINCT r."SqlSchema" FROM realmsync."MappedRealm" AS r
                                    WHERE r."SqlSchema" <> data_schema AND EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = r."SqlSchema"));
    END IF;
    FOREACH item IN ARRAY schemas
    LOOP
        EXECUTE format('GRANT USAGE, CREATE ON SCHEMA %I TO %I', item, role_name);
    END LOOP;
END
$setup$;

-- The generated tables the catalog maps (classes and link tables) belong to the role: growth alters them, and
-- publications need their owner.
DO $setup$
DECLARE
    role_name text := current_setting('realmsync.connector_role');
    mapped record;
BEGIN
    IF to_regclass('realmsync."MappedProperty"') IS NULL THEN
        RETURN;
    END IF;
    FOR mapped IN
        SELECT DISTINCT n.nspname AS schema_name, c.relname AS table_name, pg_catalog.pg_get_userbyid(c.relowner) AS owner
        FROM (SELECT r."SqlSchema", mc."SqlTable" FROM realmsync."MappedClass" AS mc JOIN realmsync."MappedRealm" AS r ON r."RealmId" = mc."RealmId"
              UNION
              SELECT r."SqlSchema", mp."SqlTable" FROM realmsync."MappedProperty" AS mp JOIN realmsync."MappedRealm" AS r ON r."RealmId" = mp."RealmId"
              WHERE mp."SqlTable" IS NOT NULL) AS t
        JOIN pg_catalog.pg_namespace AS n ON n.nspname = t."SqlSchema"
        JOIN pg_catalog.pg_class AS c ON c.relnamespace = n.oid AND c.relname = t."SqlTable" AND c.relkind IN ('r', 'p')
        WHERE pg_catalog.pg_get_userbyid(c.relowner) <> role_name
        ORDER BY 1, 2
    LOOP
        RAISE NOTICE 'Handing table %.% (owner %) to role %: schema growth alters it and its publication needs its owner...',
            quote_ident(mapped.schema_name), quote_ident(mapped.table_name), mapped.owner, role_name;
        EXECUTE format('ALTER TABLE %I.%I OWNER TO %I', mapped.schema_name, mapped.table_name, role_name);
    END LOOP;
END
$setup$;

DO $setup$
BEGIN
    IF current_setting('wal_level') <> 'logical' THEN
        RAISE WARNING 'wal_level is %: change capture (PostgreSQL to Realm) needs wal_level = logical in postgresql.conf (or ALTER SYSTEM SET wal_level = logical) and a restart', current_setting('wal_level');
    END IF;
END
$setup$;
COMMIT;

\echo RealmSqlServer: database :DBNAME is ready for role :connector_role (catalog schema realmsync, data schema :data_schema).
\echo As that role run: realm-sqlserver bootstrap --provider postgres --apply, then install; check with: realm-sqlserver doctor
