using System.Runtime.CompilerServices;

namespace Connector.Postgres;

/// <summary>
/// Npgsql settings that must hold before its first use, so set when the connector's assembly loads. By default Npgsql
/// sends DateTime.MinValue and MaxValue as PostgreSQL's -infinity and infinity: a Realm date of 0001-01-01T00:00:00
/// would be stored as -infinity. The connector stores dates as they are ("Date and Time Handling", Npgsql docs).
/// </summary>
internal static class NpgsqlSwitches
{
    [ModuleInitializer]
    internal static void Set() => AppContext.SetSwitch("Npgsql.DisableDateTimeInfinityConversions", true);
}
