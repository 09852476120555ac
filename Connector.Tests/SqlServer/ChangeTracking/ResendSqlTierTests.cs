using Connector.ChangeTracking;
using Connector.SchemaGeneration;
using Connector.SqlServer.ChangeTracking;
using Connector.SqlServer.Sql;
using Connector.Tests.SchemaGeneration;

namespace Connector.Tests.SqlServer.ChangeTracking;

/// <summary>
/// The offline proof of what a resend sends to SQL Server: for every corpus schema and every class named alone, the
/// statements of the pass (the reload of each class in its scope, the changes of every other class, each with and
/// without a page key) and the outbox read-back parse with zero errors. <see cref="ChangeTrackingSqlTierTests"/>
/// validates the same statement builders inside the DacFx model.
/// </summary>
public class ResendSqlTierTests
{
    [TestCaseSource(typeof(SchemaCorpus), nameof(SchemaCorpus.Cases))]
    public void Every_statement_of_a_resend_of_any_one_class_parses_with_zero_errors(string file)
    {
        var mapping = SchemaMapper.Map(SchemaCorpus.Load(file), "/corpus", "app");
        var errors = new List<string>();
        foreach (var named in mapping.Classes)
        {
            var scope = ResendScope.Resolve(mapping, [named.Class.Name]);
            var whole = ReloadScope.Classes(mapping, scope.Tables);
            Assert.That(whole, Does.Contain(named.Class.Name));
            errors.AddRange(Statements(mapping, whole).Append(OutboxStatements.ReadRange)
                .SelectMany(sql => TSqlScriptParser.Errors(sql).Select(e => $"resend of {named.Class.Name}: {e}\n{sql}")));
        }

        Assert.That(errors, Is.Empty);
    }

    [Test]
    public void The_outbox_read_back_is_the_documented_statement() =>
        Assert.That(OutboxStatements.ReadRange, Is.EqualTo(
            "SELECT [Transaction] FROM [realmsync].[Outbox]\nWHERE [RealmId] = @realmId AND [Version] BETWEEN @first AND @last ORDER BY [Version];"));

    /// <summary>What PollPass reads for each class: the whole table for a class in <paramref name="whole"/>, else its changes.</summary>
    private static IEnumerable<string> Statements(SchemaMapping mapping, HashSet<string> whole)
    {
        var tables = mapping.Tables.ToDictionary(t => t.Name, StringComparer.Ordinal);
        foreach (var mapped in mapping.Classes)
        {
            var table = tables[mapped.Table];
            var reload = whole.Contains(mapped.Class.Name);
            foreach (var after in new[] { false, true })
            {
                yield return reload ? ChangeTrackingQueries.ClassReload(table, after) : ChangeTrackingQueries.ClassChanges(table, after);
                foreach (var child in mapped.Properties.Where(p => p.ChildTable is not null).Select(p => tables[p.ChildTable!]))
                {
                    yield return reload ? ChangeTrackingQueries.CollectionReload(child, table, after) : ChangeTrackingQueries.CollectionChanges(child, table, after);
                }
            }
        }
    }
}
