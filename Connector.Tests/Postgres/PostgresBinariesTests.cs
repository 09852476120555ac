namespace Connector.Tests.Postgres;

/// <summary>Finding the binaries, and a cluster that cannot start: an error with the tool's output, nothing left behind.</summary>
public sealed class PostgresBinariesTests
{
    private string _root = null!;

    [SetUp]
    public void CreateFakeInstallation()
    {
        _root = Directory.CreateTempSubdirectory("realmsync-fixture-test-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            // Readable by the postgres user, who runs the fake tools when the tests run as root.
            File.SetUnixFileMode(_root, (UnixFileMode)0b111_101_101);
        }
    }

    [TearDown]
    public void DeleteFakeInstallation() => Directory.Delete(_root, recursive: true);

    [Test]
    public void The_newest_version_with_all_three_tools_is_chosen()
    {
        FakeTools("9.6", "initdb", "pg_ctl", "postgres");
        FakeTools("15", "initdb", "pg_ctl", "postgres");
        FakeTools("16", "initdb", "pg_ctl"); // a client-only or broken installation

        var found = PostgresBinaries.Find(out var lookedAt, _root);

        Assert.That(found?.Directory, Is.EqualTo(Path.Combine(_root, "15", "bin")));
        Assert.That(lookedAt, Is.EqualTo($"{_root}/16/bin, {_root}/15/bin, {_root}/9.6/bin"));
    }

    [Test]
    public void Without_an_installation_nothing_is_found_and_the_looked_at_path_is_named()
    {
        var missing = Path.Combine(_root, "postgresql");

        Assert.That(PostgresBinaries.Find(out var lookedAt, missing), Is.Null);
        Assert.That(lookedAt, Is.EqualTo($"{missing}/*/bin (no such folder)"));
    }

    [Test]
    public void A_failing_initdb_is_an_error_with_its_output_and_leaves_no_folder()
    {
        FakeTools("15", "pg_ctl", "postgres");
        WriteTool("15", "initdb", "echo 'initdb: error: simulated failure' >&2; exit 1");
        var binaries = PostgresBinaries.Find(out _, _root)!;

        var error = Assert.Throws<InvalidOperationException>(() => ThrowawayCluster.Start(binaries, _root))!;

        Assert.That(error.Message, Does.StartWith("initdb could not create the PostgreSQL test cluster in "));
        Assert.That(error.Message, Does.Contain("exited with 1:\ninitdb: error: simulated failure"));
        Assert.That(Directory.GetDirectories(_root, ClusterFolder.NamePrefix + "*"), Is.Empty);
    }

    [Test]
    public void A_server_that_does_not_start_is_an_error_with_the_server_log_and_leaves_no_folder()
    {
        FakeTools("15", "postgres");
        WriteTool("15", "initdb", "mkdir -p \"$2\""); // initdb -D DATA ...
        WriteTool("15", "pg_ctl", "echo 'FATAL:  simulated start failure' >> \"$5\"; echo 'pg_ctl: could not start server'; exit 1");
        var binaries = PostgresBinaries.Find(out _, _root)!;

        var error = Assert.Throws<InvalidOperationException>(() => ThrowawayCluster.Start(binaries, _root))!;

        Assert.That(error.Message, Does.Match(@"^The PostgreSQL test cluster in \S+ did not start on 127\.0\.0\.1:\d+\."));
        Assert.That(error.Message, Does.Contain("exited with 1: pg_ctl: could not start server"));
        Assert.That(error.Message, Does.EndWith("last lines:\nFATAL:  simulated start failure"));
        Assert.That(Directory.GetDirectories(_root, ClusterFolder.NamePrefix + "*"), Is.Empty);
    }

    private void FakeTools(string version, params string[] tools)
    {
        foreach (var tool in tools)
        {
            WriteTool(version, tool, "exit 0");
        }
    }

    private void WriteTool(string version, string tool, string script)
    {
        var bin = Directory.CreateDirectory(Path.Combine(_root, version, "bin")).FullName;
        var path = Path.Combine(bin, tool);
        File.WriteAllText(path, $"#!/bin/sh\n{script}\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }
    }
}
