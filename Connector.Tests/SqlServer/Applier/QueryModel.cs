using Connector.Applier;
using Connector.SchemaGeneration;
using Connector.SqlServer.Schema;
using Connector.SqlServer.Sql;
using Connector.Tests.SqlServer.Schema;
using Microsoft.SqlServer.Dac.Model;

namespace Connector.Tests.SqlServer.Applier;

/// <summary>
/// The applier's read queries (sent as text with @watermark, @context and a call's arguments) checked as the offline
/// tier checks the generated routines: each parsed, wrapped in a procedure that declares its parameters, checked
/// column by column, and added to the mapping's model, which must then validate with zero messages.
/// </summary>
public sealed class QueryModel(SchemaMapping mapping) : IDisposable
{
    private readonly TSqlModel _model = SqlModelBuilder.Build(mapping);
    private ColumnReferenceChecker? _checker;

    public int Count { get; private set; }

    public ColumnReferenceChecker Checker => _checker ??= new ColumnReferenceChecker(_model);

    /// <summary>The procedure a query is checked in; <paramref name="parameters"/> as <see cref="Parameters"/> writes them.</summary>
    public static string Procedure(string name, string sql, string parameters) =>
        $"CREATE PROCEDURE [realmsync].[{name}] @watermark bigint, @context varbinary(128){parameters} AS\nBEGIN\n{sql}\nEND\n";

    /// <summary>The declarations of a call's arguments, each after a comma.</summary>
    public static string Parameters(IEnumerable<CallArgument> arguments) => string.Concat(arguments.Select(a => a switch
    {
        TableArgument t => $", {t.Name} {ApplierObjects.Quote(t.TypeName)} READONLY",
        ScalarArgument v => $", {v.Name} {v.Type.Text}",
        _ => throw new InvalidOperationException(a.Name),
    }));

    public void Add(string sql, string parameters)
    {
        var procedure = Procedure($"query_{++Count}", sql, parameters);
        Assert.That(TSqlScriptParser.Errors(sql), Is.Empty, sql);
        Assert.That(Checker.Check(procedure), Is.Empty, sql);
        _model.AddObjects(procedure);
    }

    public IEnumerable<string> Validate() => _model.Validate().Select(m => $"SQL{m.Number}: {m.Message}");

    public void Dispose() => _model.Dispose();
}
