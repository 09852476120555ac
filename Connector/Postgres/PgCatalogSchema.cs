namespace Connector.Postgres;

/// <summary>
/// The catalog (schema <c>realmsync</c>) on PostgreSQL: the tables of <c>Schema/</c> that the Realm-to-database
/// direction uses, with the same table and column names, so that a DBA's queries read alike on both databases.
/// Created when missing and upgraded from version 1 (<see cref="CreateIfMissing"/>): a second Realm path deployed into the same database shares the
/// catalog, and a role without CREATE on the database can deploy it once the catalog exists.
/// </summary>
public static class PgCatalogSchema
{
    public const int Version = 3;

    public static IReadOnlyList<string> Statements { get; } =
    [
        """
        CREATE TABLE realmsync."CatalogVersion" (
            "Version"    integer   NOT NULL PRIMARY KEY,
            "DeployedAt" timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
        );
        """,
        """
        CREATE TABLE realmsync."MappedRealm" (
            "RealmId"     integer   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            "RealmPath"   text      NOT NULL UNIQUE,
            "SqlSchema"   text      NOT NULL,
            "MappingMode" text      NOT NULL CHECK ("MappingMode" IN ('realm-first', 'sql-first')),
            "CreatedAt"   timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
        );
        """,
        """
        CREATE TABLE realmsync."MappedClass" (
            "RealmId"        integer NOT NULL REFERENCES realmsync."MappedRealm" ("RealmId"),
            "ClassName"      text    NOT NULL,
            "Ordinal"        integer NOT NULL,
            "ClassKind"      text    NOT NULL CHECK ("ClassKind" IN ('top-level', 'embedded', 'asymmetric')),
            "PrimaryKey"     text    NULL,
            "SqlTable"       text    NOT NULL,
            "KeyColumn"      text    NOT NULL,
            "KeySqlType"     text    NOT NULL,
            "NameResolution" text    NULL,
            PRIMARY KEY ("RealmId", "ClassName")
        );
        """,
        """
        CREATE TABLE realmsync."MappedProperty" (
            "RealmId"            integer NOT NULL,
            "ClassName"          text    NOT NULL,
            "PropertyName"       text    NOT NULL,
            "Ordinal"            integer NOT NULL,
            "RealmType"          text    NOT NULL,
            "CollectionKind"     text    NOT NULL CHECK ("CollectionKind" IN ('none', 'list', 'set', 'dictionary')),
            "IsOptional"         boolean NOT NULL,
            "IsIndexed"          boolean NOT NULL,
            "IsPrimaryKey"       boolean NOT NULL,
            "ObjectType"         text    NULL,
            "LinkOriginProperty" text    NULL,
            "SqlColumn"          text    NULL,
            "SqlTable"           text    NULL,
            "SqlType"            text    NULL,
            "NameResolution"     text    NULL,
            PRIMARY KEY ("RealmId", "ClassName", "PropertyName"),
            FOREIGN KEY ("RealmId", "ClassName") REFERENCES realmsync."MappedClass" ("RealmId", "ClassName")
        );
        """,
        """
        CREATE TABLE realmsync."InboundCursor" (
            "RealmId"   integer   NOT NULL PRIMARY KEY REFERENCES realmsync."MappedRealm" ("RealmId"),
            "Version"   bigint    NOT NULL,
            "UpdatedAt" timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
        );
        """,
        """
        CREATE TABLE realmsync."SchemaDeployment" (
            "DeploymentId" integer   GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            "RealmId"      integer   NULL REFERENCES realmsync."MappedRealm" ("RealmId"),
            "DeployedAt"   timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
            "DeployedBy"   text      NOT NULL DEFAULT (current_user),
            "Reason"       text      NOT NULL,
            "Script"       text      NOT NULL,
            "Mapping"      text      NOT NULL
        );
        """,
        """
        CREATE TABLE realmsync."DeadLetter" (
            "DeadLetterId"     bigint    GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            "RealmId"          integer   NOT NULL REFERENCES realmsync."MappedRealm" ("RealmId"),
            "Version"          bigint    NOT NULL,
            "InstructionIndex" integer   NULL,
            "Error"            text      NOT NULL,
            "Transaction"      text      NOT NULL,
            "ReceivedAt"       timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
        );
        """,
        """INSERT INTO realmsync."CatalogVersion" ("Version") VALUES (1);""",
    ];

    /// <summary>
    /// Version 2 (PostgreSQL to Realm, issue 11): the outbox, the position each Realm path's slot was read up to
    /// (written in the same transaction as the outbox rows it produced), and the conflicts, as on SQL Server.
    /// </summary>
    public static IReadOnlyList<string> Version2 { get; } =
    [
        """
        CREATE TABLE realmsync."Outbox" (
            "RealmId"     integer   NOT NULL REFERENCES realmsync."MappedRealm" ("RealmId"),
            "Version"     bigint    NOT NULL,
            "Transaction" text      NOT NULL,
            "CreatedAt"   timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
            "ShippedAt"   timestamp NULL,
            PRIMARY KEY ("RealmId", "Version")
        );
        """,
        """CREATE INDEX "IX_Outbox_Unshipped" ON realmsync."Outbox" ("RealmId", "Version") WHERE "ShippedAt" IS NULL;""",
        """
        CREATE TABLE realmsync."CapturePosition" (
            "RealmId"   integer   NOT NULL PRIMARY KEY REFERENCES realmsync."MappedRealm" ("RealmId"),
            "Lsn"       pg_lsn    NOT NULL,
            "UpdatedAt" timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
        );
        """,
        """
        CREATE TABLE realmsync."Conflict" (
            "ConflictId"       bigint    GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            "RealmId"          integer   NOT NULL REFERENCES realmsync."MappedRealm" ("RealmId"),
            "Version"          bigint    NOT NULL,
            "InstructionIndex" integer   NOT NULL,
            "ClassName"        text      NOT NULL,
            "ObjectIdentity"   text      NOT NULL,
            "Policy"           text      NOT NULL CHECK ("Policy" IN ('sql-wins', 'realm-wins')),
            "SqlChangeVersion" bigint    NOT NULL,
            "RealmValues"      text      NULL,
            "SqlValues"        text      NULL,
            "DetectedAt"       timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
        );
        """,
        """INSERT INTO realmsync."CatalogVersion" ("Version") VALUES (2);""",
    ];

    /// <summary>
    /// Version 3 (many Realms in shared tables, issue 12): a partitioned mapping is a MappedRealm row of its own
    /// ('partitioned', RealmPath holding the Realm path pattern, owning the classes, deployments and capture position);
    /// each Realm path registered under it is a 'partition' row naming it in "PartitionOf", with its own cursor, outbox
    /// sequence, dead letters and conflicts. A row of the shared tables names its Realm by "RealmId" in "_realm_id".
    /// </summary>
    public static IReadOnlyList<string> Version3 { get; } =
    [
        """ALTER TABLE realmsync."MappedRealm" ADD COLUMN "PartitionOf" integer NULL REFERENCES realmsync."MappedRealm" ("RealmId");""",
        """
        ALTER TABLE realmsync."MappedRealm" DROP CONSTRAINT "MappedRealm_MappingMode_check",
            ADD CONSTRAINT "MappedRealm_MappingMode_check" CHECK ("MappingMode" IN ('realm-first', 'sql-first', 'partitioned', 'partition')),
            ADD CONSTRAINT "MappedRealm_PartitionOf_check" CHECK (("MappingMode" = 'partition') = ("PartitionOf" IS NOT NULL));
        """,
        """CREATE INDEX "IX_MappedRealm_PartitionOf" ON realmsync."MappedRealm" ("PartitionOf") WHERE "PartitionOf" IS NOT NULL;""",
        """INSERT INTO realmsync."CatalogVersion" ("Version") VALUES (3);""",
    ];

    /// <summary>
    /// One DO block that creates the schema and the catalog tables unless the catalog is there. IF NOT EXISTS is not
    /// enough: CREATE SCHEMA IF NOT EXISTS needs CREATE on the database even when the schema exists (CREATE SCHEMA).
    /// </summary>
    public static string CreateIfMissing() => PgDeployScript.Do(
        // The deployments' lock inside the block, so that install's upgrade and a deploy.sql take turns too.
        $"BEGIN\n    PERFORM pg_advisory_xact_lock({PgDeployScript.DeployLock});\n    IF to_regclass('realmsync.\"CatalogVersion\"') IS NULL THEN\n" +
        "        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = 'realmsync') THEN\n            CREATE SCHEMA realmsync;\n        END IF;\n" +
        string.Concat(Statements.Select(st => Indent(st.Trim()) + "\n")) +
        "    END IF;\n" +
        "    IF NOT EXISTS (SELECT 1 FROM realmsync.\"CatalogVersion\" WHERE \"Version\" = 2) THEN\n" +
        string.Concat(Version2.Select(st => Indent(st.Trim()) + "\n")) +
        "    END IF;\n" +
        "    IF NOT EXISTS (SELECT 1 FROM realmsync.\"CatalogVersion\" WHERE \"Version\" = 3) THEN\n" +
        string.Concat(Version3.Select(st => Indent(st.Trim()) + "\n")) +
        "    END IF;\nEND");

    private static string Indent(string statement) => string.Join("\n", statement.Split('\n').Select(line => "        " + line));
}
