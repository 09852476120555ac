using Connector.Applier;
using Connector.SqlServer.Applier;
using Connector.SqlServer.Schema;
using static Connector.Tests.Applier.PlannerFixture;

namespace Connector.Tests.SqlServer.Applier;

/// <summary>
/// The queries <see cref="ConflictDetector"/> reads SQL's changes with: exact for a dictionary, and for every class
/// and every replaced collection of the sample, parsed, checked column by column and validated inside the model.
/// </summary>
public class ConflictQueryTests
{
    private static readonly MappingContext Context = MappingContext.For(Sample);

    private static string Keys(string keySqlType) => $", @keys {ApplierObjects.Quote(Context.Objects.KeyTypes[keySqlType])} READONLY";

    [Test]
    public void A_replaced_collection_is_read_per_owner_with_its_latest_sql_change_and_sqls_rows_as_json()
    {
        var sql = ConflictDetector.CollectionChangesQuery(Context.Table("Person__settings"));

        Assert.That(sql, Is.EqualTo(
            "SELECT ct.[_owner] AS [key], MAX(ct.[SYS_CHANGE_VERSION]) AS [SYS_CHANGE_VERSION], N'U' AS [SYS_CHANGE_OPERATION],\n" +
            "    (SELECT c.[_key], c.[_value] FROM [dbo].[Person__settings] AS c WHERE c.[_owner] = ct.[_owner] FOR JSON PATH, INCLUDE_NULL_VALUES) AS [sql]\n" +
            "FROM CHANGETABLE(CHANGES [dbo].[Person__settings], @watermark) AS ct\n" +
            "WHERE (ct.[SYS_CHANGE_CONTEXT] IS NULL OR ct.[SYS_CHANGE_CONTEXT] <> @context)\n" +
            "AND ct.[_owner] IN (SELECT k.[key] FROM @keys AS k)\n" +
            "GROUP BY ct.[_owner];"));
    }

    [Test]
    public void Every_changes_query_of_the_sample_parses_and_validates_inside_the_model_naming_existing_columns()
    {
        using var model = new QueryModel(Sample);
        var queries = Sample.Classes.Select(c => (Owner: c, Sql: ConflictDetector.ChangesQuery(Sample.SqlSchema, c.Table, c.KeyColumn)))
            .Concat(Context.Objects.Collections.Values.Where(r => r.Replace is not null).Select(r =>
                (Owner: Sample.Classes.Single(c => c.Properties.Any(p => p.ChildTable == r.Table)), Sql: ConflictDetector.CollectionChangesQuery(Context.Table(r.Table)))));
        foreach (var (owner, sql) in queries)
        {
            model.Add(sql, Keys(owner.KeySqlType));
        }

        Assert.That(model.Count, Is.EqualTo(7), "4 classes; Person's nicknames (list), luckyNumbers (set) and settings (dictionary)");
        Assert.That(model.Validate(), Is.Empty);
    }

    [Test]
    public void The_column_check_sees_into_a_change_table_a_misspelled_key_column_is_reported()
    {
        using var model = new QueryModel(Sample);
        var procedure = QueryModel.Procedure("typo", ConflictDetector.CollectionChangesQuery(Context.Table("Person__nicknames")), Keys("binary(12)"));

        var problems = model.Checker.Check(procedure.Replace("GROUP BY ct.[_owner]", "GROUP BY ct.[_ownr]", StringComparison.Ordinal));

        Assert.That(problems, Is.EqualTo(new[] { "line 8: ct.[_ownr] does not exist" }));
    }
}
