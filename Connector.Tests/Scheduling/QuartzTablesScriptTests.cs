using System.Reflection;
using System.Text.RegularExpressions;
using Connector.Configuration;
using Connector.Scheduling;
using Connector.SqlServer.Sql;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Quartz;

namespace Connector.Tests.Scheduling;

/// <summary>
/// A clustered connector's Quartz tables: scripts/quartz-tables.sql creates exactly what the Quartz package the
/// connector is built with creates for itself (its embedded provisioning script, for the same table prefix), and
/// the job store is configured with that prefix and only validates its schema: it never creates tables at run time.
/// </summary>
public class QuartzTablesScriptTests
{
    private const string QuartzResource = "Quartz.Impl.AdoJobStore.Schema.create_sqlServer.sql";

    private static string Script => File.ReadAllText(Path.Combine(RepositoryPaths.Root, "scripts", "quartz-tables.sql"));

    /// <summary>Quartz's own script with our prefix: '{0}' is the whole prefix, '{1}' the part after the schema.</summary>
    private static string QuartzOwn()
    {
        using var stream = typeof(IScheduler).Assembly.GetManifestResourceStream(QuartzResource)
            ?? throw new InvalidOperationException($"the Quartz package no longer holds {QuartzResource}: find its SQL Server schema script and compare again.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd()
            .Replace("--;;", "GO", StringComparison.Ordinal)
            .Replace("{0}", QuartzTables.TablePrefix, StringComparison.Ordinal)
            .Replace("{1}", QuartzTables.NamePrefix, StringComparison.Ordinal);
    }

    [Test]
    public void The_script_parses_and_has_no_sqlcmd_variables()
    {
        Assert.That(TSqlScriptParser.Errors(Script), Is.Empty);
        Assert.That(Script, Does.Not.Contain("$("));
        Assert.That(Script, Does.Not.Match(@"(?im)^\s*USE\s"));
    }

    [Test]
    public void It_creates_the_tables_and_indexes_Quartz_creates_for_itself()
    {
        var ours = Definitions(Script);

        Assert.That(ours, Has.Count.GreaterThan(QuartzTables.Required.Count));
        Assert.That(ours, Is.EqualTo(Definitions(QuartzOwn())));
    }

    [Test]
    public void It_creates_every_table_the_job_store_checks_at_start_up()
    {
        var created = Definitions(Script).Where(d => d.StartsWith("CREATE TABLE", StringComparison.Ordinal))
            .Select(d => Regex.Match(d, @"^CREATE TABLE realmsync\.QRTZ_(\w+)").Groups[1].Value);

        Assert.That(created, Is.SupersetOf(QuartzTables.Required));
    }

    // Quartz keeps the list internal (AdoConstants.AllTableNames); read it so that an upgrade that adds a table fails here.
    [Test]
    public void The_required_tables_are_those_Quartz_validates()
    {
        var field = typeof(IScheduler).Assembly.GetType("Quartz.Impl.AdoJobStore.AdoConstants")?
            .GetField("AllTableNames", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic);
        Assert.That(field, Is.Not.Null, "Quartz.Impl.AdoJobStore.AdoConstants.AllTableNames is gone: check QuartzTables.Required by hand.");

        Assert.That(((System.Collections.IEnumerable)field!.GetValue(null)!).Cast<string>(), Is.EquivalentTo(QuartzTables.Required));
    }

    [Test]
    public void Every_statement_creates_only_what_is_missing()
    {
        var fragment = (TSqlScript)TSqlScriptParser.Parse(Script, out _);
        var creates = fragment.Batches.SelectMany(b => b.Statements).Where(s => s is CreateTableStatement or CreateIndexStatement);

        Assert.That(creates, Is.Empty, "each CREATE sits inside an IF that checks for the object");
        Assert.That(Script, Does.Not.Match(@"(?i)\b(DROP|TRUNCATE|ALTER\s+TABLE)\b"));
    }

    [Test]
    public void The_job_store_uses_the_realmsync_tables_and_only_validates_them()
    {
        var store = new AdoJobStoreOptions();

        ConnectorSchedule.ConfigureStore(store);

        Assert.That((store.TablePrefix, store.SchemaProvisioning), Is.EqualTo(("realmsync.QRTZ_", SchemaProvisioning.Validate)));
    }

    [Test]
    public void A_clustered_schedule_configures_that_store()
    {
        var options = new ConnectorOptions();
        options.SqlServer.ConnectionString = "Server=sql1;Database=RealmSync;Integrated Security=true";
        options.Realm.JournalPath = "/tmp";
        options.Scheduler.Clustered = true;
        var services = new ServiceCollection();

        ConnectorSchedule.Add(services, options);
        using var provider = services.BuildServiceProvider();

        // AddQuartz without a name registers the unnamed scheduler, whose options carry the default name.
        var store = provider.GetRequiredService<IOptionsMonitor<AdoJobStoreOptions>>().Get(Options.DefaultName);
        Assert.That((store.TablePrefix, store.SchemaProvisioning), Is.EqualTo((QuartzTables.TablePrefix, SchemaProvisioning.Validate)));
    }

    /// <summary>Every CREATE TABLE and CREATE INDEX, as ScriptDom writes it back, without brackets or layout.</summary>
    private static List<string> Definitions(string sql)
    {
        var fragment = TSqlScriptParser.Parse(sql, out var errors);
        Assert.That(errors, Is.Empty);
        var collector = new CreateCollector();
        fragment.Accept(collector);
        var generator = new Sql160ScriptGenerator();
        return [.. collector.Statements.Select(s =>
        {
            generator.GenerateScript(s, out var text);
            return Regex.Replace(text.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal), @"\s+", " ").Trim();
        }).Order(StringComparer.Ordinal)];
    }

    private sealed class CreateCollector : TSqlFragmentVisitor
    {
        public List<TSqlStatement> Statements { get; } = [];

        public override void ExplicitVisit(CreateTableStatement node) => Statements.Add(node);

        public override void ExplicitVisit(CreateIndexStatement node) => Statements.Add(node);
    }
}
