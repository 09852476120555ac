using System.Collections;
using System.Collections.Immutable;
using System.Data.SqlTypes;
using System.Globalization;
using System.Text;
using Npgsql;

namespace Connector.Postgres;

/// <summary>One parameter of a <see cref="PgStatement"/>: a scalar or an array of <see cref="Type"/>'s wire type.</summary>
public sealed record PgParameter(PgType Type, object? Value, bool IsArray)
{
    /// <summary>The value as Npgsql sends it: typed arrays, decimals as text, dates without a kind (timestamp).</summary>
    public NpgsqlParameter ToNpgsql() => new()
    {
        NpgsqlDbType = IsArray ? Type.ArrayWire : Type.Wire,
        Value = IsArray ? PgWire.Array((IEnumerable)Value!, Type) : PgWire.Scalar(Value) ?? DBNull.Value,
    };

    public string Literal() => IsArray ? PgLiteral.Array((IEnumerable)Value!) : PgLiteral.Plain(Value);
}

/// <summary>
/// One statement as the applier sends it (<see cref="Sql"/> with <c>$1</c>, <c>$2</c>... and <see cref="Parameters"/>),
/// and as <c>plan</c> prints it (<see cref="WithLiterals"/>): both from one template, so they cannot differ.
/// </summary>
public sealed class PgStatement
{
    private const char Marker = '\0'; // PgIdentifier refuses control characters, so no name holds it.

    private readonly string _template;

    private PgStatement(string template, ImmutableArray<PgParameter> parameters)
    {
        _template = template;
        Parameters = parameters;
    }

    public ImmutableArray<PgParameter> Parameters { get; }

    public string Sql => Render(i => "$" + (i + 1).ToString(CultureInfo.InvariantCulture));

    public string WithLiterals() => Render(i => Parameters[i].Literal());

    public NpgsqlBatchCommand ToBatchCommand()
    {
        var command = new NpgsqlBatchCommand(Sql);
        foreach (var parameter in Parameters)
        {
            command.Parameters.Add(parameter.ToNpgsql());
        }

        return command;
    }

    public override string ToString() => Sql;

    private string Render(Func<int, string> parameter)
    {
        var sql = new StringBuilder(_template.Length);
        for (var i = 0; i < _template.Length; i++)
        {
            if (_template[i] != Marker)
            {
                sql.Append(_template[i]);
                continue;
            }

            var end = _template.IndexOf(Marker, i + 1);
            sql.Append(parameter(int.Parse(_template.AsSpan(i + 1, end - i - 1), CultureInfo.InvariantCulture)));
            i = end;
        }

        return sql.ToString();
    }

    /// <summary>Builds a statement: <see cref="Scalar"/> and <see cref="Array"/> return the placeholder to write where the value goes.</summary>
    public sealed class Builder
    {
        private readonly StringBuilder _sql = new();
        private readonly ImmutableArray<PgParameter>.Builder _parameters = ImmutableArray.CreateBuilder<PgParameter>();

        public Builder Append(string text)
        {
            _sql.Append(text);
            return this;
        }

        public Builder Append(char c)
        {
            _sql.Append(c);
            return this;
        }

        /// <summary>A scalar parameter, cast to its wire type (<c>$1::bigint</c>) so that PostgreSQL never guesses.</summary>
        public string Scalar(object? value, PgType type) => Add(new PgParameter(type, value, IsArray: false)) + "::" + type.ScalarName;

        /// <summary>An array parameter of the wire type (<c>$1::text[]</c>).</summary>
        public string Array(IEnumerable<object?> values, PgType type) => Add(new PgParameter(type, values.ToList(), IsArray: true)) + "::" + type.ArrayName;

        public PgStatement Build() => new(_sql.ToString(), _parameters.ToImmutable());

        private string Add(PgParameter parameter)
        {
            _parameters.Add(parameter);
            return Marker + (_parameters.Count - 1).ToString(CultureInfo.InvariantCulture) + Marker;
        }
    }
}

/// <summary>CLR values of the planner (SqlClient's types) as Npgsql sends them.</summary>
internal static class PgWire
{
    public static object? Scalar(object? value) => value switch
    {
        SqlDecimal d => d.ToString(),
        DateTime t => DateTime.SpecifyKind(t, DateTimeKind.Unspecified),
        _ => value,
    };

    public static Array Array(IEnumerable values, PgType type)
    {
        var items = values.Cast<object?>().Select(Scalar).ToList();
        return type.Wire switch
        {
            NpgsqlTypes.NpgsqlDbType.Boolean => items.Select(v => (bool?)v).ToArray(),
            NpgsqlTypes.NpgsqlDbType.Bigint => items.Select(v => v is null ? null : (long?)Convert.ToInt64(v, CultureInfo.InvariantCulture)).ToArray(),
            NpgsqlTypes.NpgsqlDbType.Integer => items.Select(v => v is null ? null : (int?)Convert.ToInt32(v, CultureInfo.InvariantCulture)).ToArray(),
            NpgsqlTypes.NpgsqlDbType.Real => items.Select(v => (float?)v).ToArray(),
            NpgsqlTypes.NpgsqlDbType.Double => items.Select(v => (double?)v).ToArray(),
            NpgsqlTypes.NpgsqlDbType.Bytea => items.Select(v => (byte[]?)v).ToArray(),
            NpgsqlTypes.NpgsqlDbType.Timestamp => items.Select(v => (DateTime?)v).ToArray(),
            NpgsqlTypes.NpgsqlDbType.Uuid => items.Select(v => (Guid?)v).ToArray(),
            _ => items.Select(v => (string?)v).ToArray(),
        };
    }
}
