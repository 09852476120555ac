using System.Text;
using Connector.SchemaGeneration;
using Connector.SqlServer.Schema;
using Connector.Tests.SchemaGeneration;

namespace Connector.Tests.SqlServer.Schema;

/// <summary>
/// Pins the SQL generated for a small schema (tables, then the applier's types and procedures), so that any
/// change to generated SQL shows in review. On a difference the test writes <c>*.received.sql</c> beside the
/// approved file: compare, and copy it over the approved file when the change is intended.
/// </summary>
public class GeneratedDdlApprovalTests
{
    private static SchemaMapping Small =>
        SchemaMapper.Map(SchemaCorpus.Load("Connector.Tests/SchemaGeneration/Corpus", "small.json"), "/small", "app");

    [Test]
    public void The_DDL_of_the_small_schema_matches_the_approved_file() =>
        Approval.Verify("small.ddl.sql", string.Concat(Small.Tables.Select(TableDdlWriter.Write)));

    [Test]
    public void The_applier_routines_of_the_small_schema_match_the_approved_file() =>
        Approval.Verify("small.routines.sql", string.Join("GO\n", ApplierRoutineScripts.Write(Small)));
}
