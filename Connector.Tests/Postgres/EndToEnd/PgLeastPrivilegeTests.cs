using Connector.Postgres;
using Connector.Tests.Cli;
using Connector.Tests.Journal;
using Npgsql;

namespace Connector.Tests.Postgres.EndToEnd;

/// <summary>
/// <c>scripts/postgres-setup.sql</c> on a real server: the role it makes runs every command of the connector, doctor
/// finds it complete, and names exactly the privilege taken away and the statement that gives it back.
/// </summary>
[TestFixture]
public sealed class PgLeastPrivilegeTests
{
    private const string Password = "Str0ng-but-unused-on-trust";
    private static readonly string Samples = Path.Combine(TestContext.CurrentContext.TestDirectory, "..", "..", "..", "..", "samples");

    [Test]
    public async Task The_role_of_the_script_deploys_installs_syncs_and_reads_changes_and_doctor_names_a_revoked_privilege()
    {
        await PgSetupScript.WithRolesAsync("leastpriv", ["least"], async (database, roles) =>
        {
            var role = roles[0];
            var first = PgSetupScript.Run(database, ("connector_role", role), ("data_schema", "public"), ("connector_password", Password));
            Assert.That(first.ExitCode, Is.EqualTo(0), first.Output);
            Assert.That(first.Output, Does.Contain($"NOTICE:  Creating role {role} (LOGIN REPLICATION)...").And.Contain("Creating schema realmsync (the catalog), owned by"));
            var once = await PgSetupScript.StateAsync(database, role, "public");
            var second = PgSetupScript.Run(database, ("connector_role", role), ("data_schema", "public"), ("connector_password", Password));
            Assert.That(second.ExitCode, Is.EqualTo(0), second.Output);
            Assert.That(second.Output, Does.Not.Contain("NOTICE"), "a second run has nothing to create or change");
            Assert.That(await PgSetupScript.StateAsync(database, role, "public"), Is.EqualTo(once));
            Assert.That(once, Does.Contain($"role {role} super=false createdb=false createrole=false login=true replication=true"));

            using var journal = new JournalDirectory();
            var limited = PgSetupScript.As(database, role, Password);
            var config = PgTestConfig.Write(limited, journal.Root);
            var bootstrap = CliRun.Of("bootstrap", "--provider", "postgres", "--realm-schema", Path.Combine(Samples, "realm-schema.json"), "--out", Path.Combine(journal.Root, "out"), "--apply", "--config", config);
            Assert.That(bootstrap.ExitCode, Is.EqualTo(0), bootstrap.Output + bootstrap.Error);
            var install = CliRun.Of("install", "--config", config);
            Assert.That(install.ExitCode, Is.EqualTo(0), install.Output + install.Error);

            // After install: the applier marks its transactions (pg_logical_emit_message), growth alters tables and adds one to the publication.
            File.Copy(Path.Combine(Samples, "instructions.jsonl"), Path.Combine(journal.Inbound("/default"), "00000000000000000001.jsonl"));
            var sync = CliRun.Of("sync", "--config", config);
            Assert.That(sync.ExitCode, Is.EqualTo(0), sync.Output + sync.Error);
            Assert.That(sync.Output, Does.Contain("Inbound: 4 transaction(s)"));
            Assert.That(await PgSetupScript.AdminAsync(database, "SELECT count(*) FROM pg_catalog.pg_publication_tables WHERE pubname = 'realmsync_1' AND tablename = 'Toy';"), Is.EqualTo(1L));

            // The replication connection, as the role: the connector's writes are left out, a DBA's change is read, the slot advances.
            await PgSetupScript.AdminAsync(database, """UPDATE public."Person" SET "age" = 40;""");
            var reader = new PgChangeReader(limited);
            var (changes, end) = await reader.ReadAsync(1, CancellationToken.None);
            Assert.That(changes.Select(c => (c.Table, c.Kind)), Is.EqualTo(new[] { ("Person", PgChangeKind.Update) }));
            await reader.ConfirmAsync(1, end, CancellationToken.None);

            var doctor = CliRun.Of("doctor", "--config", config);
            Assert.That(doctor.ExitCode, Is.EqualTo(0), doctor.Output + doctor.Error);
            Assert.That(doctor.Output, Does.Not.Contain("[warn]").And.Not.Contain("[FAIL]"), doctor.Output);
            Assert.That(doctor.Output, Does.Contain($"[ok] role: {role} is no superuser and has no CREATEDB or CREATEROLE."));
            Assert.That(doctor.Output, Does.Contain($"[ok] schema public: {role} has USAGE and CREATE (generated tables; schema growth creates tables)."));
            Assert.That(doctor.Output, Does.Contain("[ok] tables of '/default': 9 table(s) in schema public, owned by the connector's role."));

            // Twice more after deployment: with the tables there, the second of those changes nothing either.
            Assert.That(PgSetupScript.Run(database, ("connector_role", role)).ExitCode, Is.EqualTo(0));
            var deployed = await PgSetupScript.StateAsync(database, role, "public");
            Assert.That(PgSetupScript.Run(database, ("connector_role", role)).ExitCode, Is.EqualTo(0));
            Assert.That(await PgSetupScript.StateAsync(database, role, "public"), Is.EqualTo(deployed));
            Assert.That(CliRun.Of("doctor", "--config", config).ExitCode, Is.EqualTo(0));

            await PgSetupScript.AdminAsync(database, $"REVOKE CREATE ON SCHEMA public FROM {role}; ALTER ROLE {role} NOREPLICATION;");
            var revoked = CliRun.Of("doctor", "--config", config);
            Assert.That(revoked.ExitCode, Is.EqualTo(8), revoked.Output + revoked.Error);
            Assert.That(revoked.Output, Does.Contain(
                $"[FAIL] schema public: role {role} lacks CREATE on schema public (generated tables; schema growth creates tables). Fix: GRANT CREATE ON SCHEMA \"public\" TO \"{role}\";"));
            Assert.That(revoked.Output, Does.Contain(
                $"[FAIL] replication: role {role} has no REPLICATION attribute (change capture creates, reads and advances replication slots). install has set up change capture. Fix: ALTER ROLE \"{role}\" REPLICATION; as a superuser"));
            Assert.That(revoked.Output.Split('\n').Count(l => l.StartsWith("[FAIL]", StringComparison.Ordinal)), Is.EqualTo(2), revoked.Output);

            Assert.That(PgSetupScript.Run(database, ("connector_role", role)).ExitCode, Is.EqualTo(0));
            Assert.That(CliRun.Of("doctor", "--config", config).ExitCode, Is.EqualTo(0), "the script puts back what was taken");
        });
    }

    [Test]
    public async Task Tables_deployed_by_another_role_are_handed_over_and_the_catalog_granted()
    {
        await PgSetupScript.WithRolesAsync("handover", ["handover"], async (database, roles) =>
        {
            var role = roles[0];
            await PgInboundHarness.StartAsync(database, PgInboundHarness.Small, "/handed", sqlSchema: "app");
            await PgSetupScript.AdminAsync(database, $"CREATE ROLE {role} LOGIN REPLICATION;");
            var config = PgTestConfig.Write(PgSetupScript.As(database, role, Password));
            var before = CliRun.Of("doctor", "--config", config);
            Assert.That(before.ExitCode, Is.EqualTo(8), before.Output);
            Assert.That(before.Output, Does.Contain($"[FAIL] schema realmsync: role {role} lacks USAGE and CREATE on schema realmsync (the catalog). Fix: GRANT USAGE, CREATE ON SCHEMA \"realmsync\" TO \"{role}\";"));

            var run = PgSetupScript.Run(database, ("connector_role", role), ("data_schema", "app"));
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Output);
            Assert.That(run.Output, Does.Contain($"Handing table app.\"Dog\" (owner {new NpgsqlConnectionStringBuilder(database).Username}) to role {role}"));
            Assert.That(await PgSetupScript.AdminAsync(database, $"SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = 'app' AND tableowner <> '{role}';"), Is.EqualTo(0L));

            var doctor = CliRun.Of("doctor", "--config", config);
            Assert.That(doctor.ExitCode, Is.EqualTo(0), doctor.Output);
            Assert.That(doctor.Output, Does.Contain("[ok] catalog tables: SELECT, INSERT, UPDATE and DELETE on all 10 table(s) of schema realmsync."));
            Assert.That(doctor.Output, Does.Not.Contain("[FAIL]").And.Not.Contain("[warn]"), doctor.Output);
        });
    }

    [Test]
    public async Task The_script_strips_createdb_and_createrole_refuses_a_superuser_and_needs_a_role_name()
    {
        await PgSetupScript.WithRolesAsync("roleattrs", ["broad", "super"], async (database, roles) =>
        {
            var (broad, super) = (roles[0], roles[1]);
            await PgSetupScript.AdminAsync(database, $"CREATE ROLE {broad} NOLOGIN CREATEDB CREATEROLE; CREATE ROLE {super} LOGIN SUPERUSER;");
            var refused = PgSetupScript.Run(database, ("connector_role", super));
            Assert.That(refused.ExitCode, Is.EqualTo(3), refused.Output);
            Assert.That(refused.Output, Does.Contain($"role {super} is a superuser, which no grant restricts: give the connector a role of its own"));
            Assert.That(await PgSetupScript.AdminAsync(database, "SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = 'realmsync';"), Is.EqualTo(0L), "a refusal changes nothing");

            var unnamed = PgSetupScript.Run(database);
            Assert.That(unnamed.ExitCode, Is.EqualTo(3), unnamed.Output);
            Assert.That(unnamed.Output, Does.Contain("connector_role is not set: run psql with -v connector_role=NAME"));

            var stripped = PgSetupScript.Run(database, ("connector_role", broad));
            Assert.That(stripped.ExitCode, Is.EqualTo(0), stripped.Output);
            Assert.That(stripped.Output, Does.Contain($"Setting role {broad} to LOGIN REPLICATION NOCREATEDB NOCREATEROLE"));
            Assert.That(await PgSetupScript.StateAsync(database, broad, "public"), Does.Contain($"role {broad} super=false createdb=false createrole=false login=true replication=true"));

            var doctor = CliRun.Of("doctor", "--config", PgTestConfig.Write(database));
            Assert.That(doctor.Output, Does.Contain($"[warn] role: {new NpgsqlConnectionStringBuilder(database).Username} is a superuser: more than needed"));
        });
    }
}
