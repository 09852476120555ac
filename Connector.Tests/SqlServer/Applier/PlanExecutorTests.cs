using System.Data;
using Connector.Applier;
using Connector.SqlServer.Applier;
using Connector.Tests.Applier;
using Microsoft.Data.SqlClient;

namespace Connector.Tests.SqlServer.Applier;

public class PlanExecutorTests
{
    [Test]
    public void A_call_is_its_quoted_procedure_with_the_context_and_its_arguments_as_parameters()
    {
        var plan = ApplierFixture.Plan(ApplierFixture.Transaction(3,
            """{"type": "INSERT", "object_type": "Dog", "identity": "rex", "values": {"name": "rex"}}"""));

        using var command = PlanExecutor.Command(null, null, plan.Calls[0]);
        var parameters = command.Parameters.Cast<SqlParameter>().ToList();

        Assert.That(command.CommandType, Is.EqualTo(CommandType.StoredProcedure));
        Assert.That(command.CommandText, Is.EqualTo("[realmsync].[app.Dog$upsert]"));
        Assert.That(parameters.Select(p => (p.ParameterName, p.SqlDbType)), Is.EqualTo(new[] { ("@context", SqlDbType.VarBinary), ("@rows", SqlDbType.Structured) }));
        Assert.That(parameters[0].Value, Is.EqualTo("realm-sqlserver"u8.ToArray()));
        Assert.That(parameters[0].Size, Is.EqualTo(128));
        Assert.That(parameters[1].TypeName, Is.EqualTo("[realmsync].[app.Dog$rows]"));
    }

    [Test]
    public void List_edits_send_scalar_parameters_typed_as_their_columns()
    {
        var plan = ApplierFixture.Plan(ApplierFixture.Transaction(3,
            """{"type": "INSERT", "object_type": "Dog", "identity": "rex", "values": {"name": "rex"}}""",
            """{"type": "INSERT", "object_type": "Person", "identity": ["objectId", "5f0000000000000000000001"], "values": {"_id": ["objectId", "5f0000000000000000000001"], "name": "Ann"}}""",
            """{"type": "LIST_INSERT", "object_type": "Person", "identity": ["objectId", "5f0000000000000000000001"], "property": "dogs", "list_index": 0, "object_identity": "rex"}"""));

        using var command = PlanExecutor.Command(null, null, plan.Calls.Single(c => c.Kind == CallKind.ListInsert));
        var parameters = command.Parameters.Cast<SqlParameter>().ToDictionary(p => p.ParameterName);

        Assert.That(command.CommandText, Is.EqualTo("[realmsync].[app.Person__dogs$list_insert]"));
        Assert.That((parameters["@target"].SqlDbType, parameters["@target"].Size, parameters["@target"].Value), Is.EqualTo((SqlDbType.NVarChar, 450, (object)"rex")));
        Assert.That((parameters["@owner"].SqlDbType, parameters["@owner"].Size), Is.EqualTo((SqlDbType.Binary, 12)));
    }
}
