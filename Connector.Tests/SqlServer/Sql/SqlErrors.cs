using System.Reflection;
using Microsoft.Data.SqlClient;

namespace Connector.Tests.SqlServer.Sql;

/// <summary>
/// A <see cref="SqlException"/> carrying one error number, for tests of the code that classifies failures
/// without a server. SqlClient has no public constructor for it, so the test builds one through the
/// internals SqlClient itself uses (pinned by Directory.Packages.props); a SqlClient upgrade that renames them
/// fails these tests at once rather than silently.
/// </summary>
internal static class SqlErrors
{
    private const BindingFlags Internal = BindingFlags.NonPublic | BindingFlags.Instance;

    public static SqlException Exception(int number, byte severity = 16, string message = "simulated SQL Server error")
    {
        var errorConstructor = typeof(SqlError).GetConstructors(Internal).OrderByDescending(c => c.GetParameters().Length).First();
        var error = (SqlError)errorConstructor.Invoke([.. errorConstructor.GetParameters().Select(p => Argument(p, number, severity, message))]);
        var errors = (SqlErrorCollection)typeof(SqlErrorCollection).GetConstructor(Internal, Type.EmptyTypes)!.Invoke(null);
        typeof(SqlErrorCollection).GetMethod("Add", Internal)!.Invoke(errors, [error]);
        var create = typeof(SqlException).GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
            .Where(m => m.Name == "CreateException" && m.GetParameters().Length >= 2 && m.GetParameters()[0].ParameterType == typeof(SqlErrorCollection))
            .OrderBy(m => m.GetParameters().Length)
            .First();
        return (SqlException)create.Invoke(null, [.. create.GetParameters().Select((p, i) => i == 0 ? errors : p.ParameterType == typeof(string) ? "16.0" : Default(p))])!;
    }

    private static object? Argument(ParameterInfo parameter, int number, byte severity, string message) => parameter.Name switch
    {
        "infoNumber" => number,
        "errorClass" => severity,
        "errorMessage" => message,
        _ when parameter.ParameterType == typeof(string) => string.Empty,
        _ => Default(parameter),
    };

    private static object? Default(ParameterInfo parameter) =>
        parameter.HasDefaultValue ? parameter.DefaultValue : parameter.ParameterType.IsValueType ? Activator.CreateInstance(parameter.ParameterType) : null;
}
