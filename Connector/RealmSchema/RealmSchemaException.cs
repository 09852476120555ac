using System.Collections.Immutable;

namespace Connector.RealmSchema;

/// <summary>
/// A Realm schema that is not valid JSON or not a valid schema. The message has one line per problem,
/// each naming the source, the class and the property, and saying what to fix.
/// </summary>
public sealed class RealmSchemaException : ConnectorException
{
    public RealmSchemaException(string message)
        : base(message, ExitCodes.BadInput) => Errors = [message];

    public RealmSchemaException(string sourceName, IEnumerable<string> errors)
        : this(errors.Select(error => $"{sourceName}: {error}").ToImmutableArray())
    {
    }

    private RealmSchemaException(ImmutableArray<string> lines)
        : base(string.Join('\n', lines), ExitCodes.BadInput) => Errors = lines;

    /// <summary>Each problem on its own, as the lines of <see cref="Exception.Message"/>.</summary>
    public ImmutableArray<string> Errors { get; }
}
