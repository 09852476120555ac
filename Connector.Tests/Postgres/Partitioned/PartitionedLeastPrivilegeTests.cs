using Connector.Tests.Cli;
using Connector.Tests.Journal;
using Connector.Tests.Postgres.EndToEnd;

namespace Connector.Tests.Postgres.Partitioned;

/// <summary>
/// A partitioned mapping served by the least-privilege role of <c>scripts/postgres-setup.sql</c> (issue 12): the role
/// deploys it (the per-Realm views' schema too), installs capture, registers two users' paths, applies and captures,
/// and doctor finds nothing missing.
/// </summary>
[TestFixture]
public sealed class PartitionedLeastPrivilegeTests
{
    private const string Password = "Str0ng-but-unused-on-trust";

    [Test]
    public async Task The_least_privilege_role_serves_a_partitioned_mapping()
    {
        await PgSetupScript.WithRolesAsync("partleast", ["partleast"], async (database, roles) =>
        {
            var role = roles[0];
            Assert.That(PgSetupScript.Run(database, ("connector_role", role), ("data_schema", "public"), ("connector_password", Password)).ExitCode, Is.EqualTo(0));
            using var journal = new JournalDirectory();
            var config = PgTestConfig.Write(PgSetupScript.As(database, role, Password), journal.Root);
            var bootstrap = CliRun.Of("bootstrap", "--provider", "postgres", "--realm-schema", Path.Combine(PgSample.Samples, "realm-schema.json"),
                "--realm-path-pattern", PartitionedRunner.Pattern, "--out", Path.Combine(journal.Root, "out"), "--apply", "--config", config);
            Assert.That(bootstrap.ExitCode, Is.EqualTo(0), bootstrap.Output + bootstrap.Error);
            var install = CliRun.Of("install", "--config", config);
            Assert.That(install.ExitCode, Is.EqualTo(0), install.Output + install.Error);

            SeedScenarioTests.Write(journal, "/0a11/private", 1, """{"type":"INSERT","object_type":"Dog","identity":"rex","values":{"name":"rex","breed":"lab"}}""");
            SeedScenarioTests.Write(journal, "/0b0b/private", 1, """{"type":"INSERT","object_type":"Dog","identity":"rex","values":{"name":"rex","breed":"pug"}}""");
            var sync = SeedScenarioTests.Sync(config);
            Assert.That(sync.ExitCode, Is.EqualTo(0), sync.Output + sync.Error);
            Assert.That(await PgSetupScript.AdminAsync(database, """SELECT count(DISTINCT _realm_id) FROM public."Dog";"""), Is.EqualTo(2L));
            await PgSetupScript.AdminAsync(database, """UPDATE public."Dog" SET breed = 'boxer' WHERE breed = 'pug';""");
            Assert.That(SeedScenarioTests.Sync(config).ExitCode, Is.EqualTo(0));
            Assert.That(SeedScenarioTests.Outbound(journal, "/0b0b/private").OfType<Connector.Adapter.SetInstruction>().Any(), Is.True, "the DBA's update reached Bob's Realm");
            Assert.That(SeedScenarioTests.Outbound(journal, "/0a11/private").OfType<Connector.Adapter.SetInstruction>().Any(), Is.False);

            var doctor = CliRun.Of("doctor", "--config", config);
            Assert.That(doctor.ExitCode, Is.EqualTo(0), doctor.Output + doctor.Error);
            Assert.That(doctor.Output, Does.Contain($"[ok] schema public_realm: {role} has USAGE and CREATE"), doctor.Output);
            Assert.That(doctor.Output, Does.Not.Contain("[FAIL]").And.Contain($"[ok] partitioned mapping '{PartitionedRunner.Pattern}': 2 Realm path(s) registered; every row belongs to one of them."), doctor.Output);
        });
    }
}
