using Microsoft.SqlServer.Dac.Model;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Connector.SqlServer.Sql;

namespace Connector.Tests.SqlServer.Schema;

/// <summary>
/// Closes DacFx's blind spot (DESIGN.md section 10): a column read from a table-valued parameter
/// (<c>s.[nmae]</c>) gets no message at all. For each statement of a script this resolves every alias (tables,
/// table types of parameters and table variables, derived tables, <c>deleted</c>) and reports every
/// <c>alias.column</c> and INSERT column that does not exist.
/// </summary>
public sealed class ColumnReferenceChecker
{
    private readonly Dictionary<string, HashSet<string>> _objects;

    /// <summary>The primary-key columns of each table: with the SYS_CHANGE_* columns, what CHANGETABLE(CHANGES t, ...) returns.</summary>
    private readonly Dictionary<string, HashSet<string>> _primaryKeys = new(StringComparer.Ordinal);

    public ColumnReferenceChecker(TSqlModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        _objects = ScriptInspector.ModelColumns(model);
        foreach (var key in model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.PrimaryKeyConstraint))
        {
            var host = key.GetReferenced(PrimaryKeyConstraint.Host).Single();
            _primaryKeys[$"{host.Name.Parts[0]}.{host.Name.Parts[1]}"] =
                key.GetReferenced(PrimaryKeyConstraint.Columns).Select(c => c.Name.Parts[^1]).ToHashSet(StringComparer.Ordinal);
        }

        // A partitioned mapping's procedures write through per-Realm views: their columns as the model resolves them.
        foreach (var view in model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.View))
        {
            _objects[$"{view.Name.Parts[0]}.{view.Name.Parts[1]}"] =
                view.GetReferenced(View.Columns).Select(c => c.Name.Parts[^1]).ToHashSet(StringComparer.Ordinal);
        }

        foreach (var type in model.GetObjects(DacQueryScopes.UserDefined, ModelSchema.TableType))
        {
            _objects[$"{type.Name.Parts[0]}.{type.Name.Parts[1]}"] =
                type.GetReferenced(TableType.Columns).Select(c => c.Name.Parts[^1]).ToHashSet(StringComparer.Ordinal);
        }
    }

    public List<string> Check(string script)
    {
        var fragment = TSqlScriptParser.Parse(script, out var errors);
        var problems = errors.Select(e => $"parse error line {e.Line}: {e.Message}").ToList();
        var variables = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        var collector = new VariableCollector(this, variables);
        fragment.Accept(collector);
        foreach (var statement in collector.Statements)
        {
            CheckStatement(statement, variables, problems);
        }

        return problems;
    }

    private HashSet<string>? ObjectColumns(SchemaObjectName name) =>
        name.SchemaIdentifier is null ? null : _objects.GetValueOrDefault($"{name.SchemaIdentifier.Value}.{name.BaseIdentifier.Value}");

    private HashSet<string>? PrimaryKey(SchemaObjectName name) =>
        name.SchemaIdentifier is null ? null : _primaryKeys.GetValueOrDefault($"{name.SchemaIdentifier.Value}.{name.BaseIdentifier.Value}");

    private void CheckStatement(TSqlStatement statement, Dictionary<string, HashSet<string>> variables, List<string> problems)
    {
        var aliases = new AliasCollector(this, variables);
        statement.Accept(aliases);
        var references = new ReferenceCollector();
        statement.Accept(references);
        foreach (var (alias, column, line) in references.Qualified)
        {
            var key = alias.ToUpperInvariant() is "DELETED" or "INSERTED" ? aliases.DmlTarget ?? alias : alias;
            if (!aliases.Map.TryGetValue(key, out var columns))
            {
                problems.Add($"line {line}: unknown alias '{alias}'");
            }
            else if (!columns.Contains(column))
            {
                problems.Add($"line {line}: {alias}.[{column}] does not exist");
            }
        }

        foreach (var (target, columns, line) in references.InsertColumns)
        {
            var known = target is NamedTableReference named ? ObjectColumns(named.SchemaObject) ?? aliases.Map.GetValueOrDefault(named.SchemaObject.BaseIdentifier.Value)
                : target is VariableTableReference variable ? variables.GetValueOrDefault(variable.Variable.Name) : null;
            foreach (var column in columns.Where(c => known is null || !known.Contains(c)))
            {
                problems.Add($"line {line}: INSERT names [{column}], which its target does not have");
            }
        }
    }

    private sealed class VariableCollector(ColumnReferenceChecker owner, Dictionary<string, HashSet<string>> variables) : TSqlFragmentVisitor
    {
        public List<TSqlStatement> Statements { get; } = [];

        public override void Visit(ProcedureParameter node)
        {
            if (node.DataType is UserDataTypeReference type && owner.ObjectColumns(type.Name) is { } columns)
            {
                variables[node.VariableName.Value] = columns;
            }
        }

        public override void Visit(DeclareVariableElement node)
        {
            if (node.DataType is UserDataTypeReference type && owner.ObjectColumns(type.Name) is { } columns)
            {
                variables[node.VariableName.Value] = columns;
            }
        }

        public override void Visit(DeclareTableVariableBody node) =>
            variables[node.VariableName.Value] = node.Definition.ColumnDefinitions.Select(c => c.ColumnIdentifier.Value).ToHashSet(StringComparer.Ordinal);

        public override void Visit(UpdateStatement node) => Statements.Add(node);

        public override void Visit(DeleteStatement node) => Statements.Add(node);

        public override void Visit(InsertStatement node) => Statements.Add(node);

        public override void Visit(SelectStatement node) => Statements.Add(node);

        public override void Visit(IfStatement node) => Statements.Add(new PredicateStatement(node.Predicate));

        public override void Visit(DeclareVariableStatement node) => Statements.Add(node);
    }

    /// <summary>An IF's predicate checked as a statement of its own.</summary>
    private sealed class PredicateStatement(BooleanExpression predicate) : TSqlStatement
    {
        public override void Accept(TSqlFragmentVisitor visitor) => predicate.Accept(visitor);
    }

    private sealed class AliasCollector(ColumnReferenceChecker owner, Dictionary<string, HashSet<string>> variables) : TSqlFragmentVisitor
    {
        public Dictionary<string, HashSet<string>> Map { get; } = new(StringComparer.OrdinalIgnoreCase);

        public string? DmlTarget { get; private set; }

        public override void Visit(NamedTableReference node)
        {
            if (owner.ObjectColumns(node.SchemaObject) is { } columns)
            {
                Map[node.Alias?.Value ?? node.SchemaObject.BaseIdentifier.Value] = columns;
            }
        }

        public override void Visit(VariableTableReference node)
        {
            if (variables.TryGetValue(node.Variable.Name, out var columns))
            {
                Map[node.Alias?.Value ?? node.Variable.Name] = columns;
            }
        }

        public override void Visit(ChangeTableVersionTableReference node)
        {
            // CHANGETABLE(VERSION t, (keys), (values)): the change columns and the table's key columns.
            var columns = new HashSet<string>(["SYS_CHANGE_VERSION", "SYS_CHANGE_CONTEXT"], StringComparer.Ordinal);
            columns.UnionWith(node.PrimaryKeyColumns.Select(c => c.Value));
            Map[node.Alias.Value] = columns;
        }

        public override void Visit(ChangeTableChangesTableReference node)
        {
            // CHANGETABLE(CHANGES t, v): the change columns and the table's primary-key columns, nothing else of t.
            if (owner.PrimaryKey(node.Target) is { } key)
            {
                var columns = new HashSet<string>(
                    ["SYS_CHANGE_VERSION", "SYS_CHANGE_CREATION_VERSION", "SYS_CHANGE_OPERATION", "SYS_CHANGE_COLUMNS", "SYS_CHANGE_CONTEXT"], StringComparer.Ordinal);
                columns.UnionWith(key);
                Map[node.Alias.Value] = columns;
            }
        }

        public override void Visit(QueryDerivedTable node)
        {
            if (node.QueryExpression is QuerySpecification query)
            {
                Map[node.Alias.Value] = query.SelectElements.OfType<SelectScalarExpression>()
                    .Select(e => e.ColumnName?.Value ?? ((ColumnReferenceExpression)e.Expression).MultiPartIdentifier.Identifiers[^1].Value)
                    .ToHashSet(StringComparer.Ordinal);
            }
        }

        public override void Visit(DeleteSpecification node) => DmlTarget = (node.Target as NamedTableReference)?.SchemaObject.BaseIdentifier.Value;

        public override void Visit(UpdateSpecification node) => DmlTarget = (node.Target as NamedTableReference)?.SchemaObject.BaseIdentifier.Value;
    }

    private sealed class ReferenceCollector : TSqlFragmentVisitor
    {
        public List<(string Alias, string Column, int Line)> Qualified { get; } = [];

        public List<(TableReference Target, List<string> Columns, int Line)> InsertColumns { get; } = [];

        public override void Visit(ColumnReferenceExpression node)
        {
            var parts = node.MultiPartIdentifier?.Identifiers;
            if (parts is { Count: 2 } && node.ColumnType == Microsoft.SqlServer.TransactSql.ScriptDom.ColumnType.Regular)
            {
                Qualified.Add((parts[0].Value, parts[1].Value, node.StartLine));
            }
        }

        public override void Visit(InsertSpecification node) =>
            InsertColumns.Add((node.Target, node.Columns.Select(c => c.MultiPartIdentifier.Identifiers[^1].Value).ToList(), node.StartLine));

        public override void Visit(OutputIntoClause node) =>
            InsertColumns.Add((node.IntoTable, node.IntoTableColumns.Select(c => c.MultiPartIdentifier.Identifiers[^1].Value).ToList(), node.StartLine));
    }
}
