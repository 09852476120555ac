using System.Text;
using Connector.SchemaGeneration;

namespace Connector.Tests.SchemaGeneration;

/// <summary>
/// Pins the DDL generated for a small schema, so that any change to the generated SQL shows in review.
/// On a difference the test writes <c>*.received.sql</c> beside the approved file: compare, and copy it over
/// the approved file when the change is intended.
/// </summary>
public class GeneratedDdlApprovalTests
{
    [Test]
    public void The_DDL_of_the_small_schema_matches_the_approved_file()
    {
        var mapping = SchemaMapper.Map(SchemaCorpus.Load("Connector.Tests/SchemaGeneration/Corpus", "small.json"), "/small", "app");
        var received = new StringBuilder();
        foreach (var table in mapping.Tables)
        {
            received.Append(TableDdlWriter.Write(table));
        }

        var approvedPath = Path.Combine(RepositoryPaths.Root, "Connector.Tests", "SchemaGeneration", "Approved", "small.ddl.sql");
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : string.Empty;
        if (received.ToString() != approved)
        {
            File.WriteAllText(Path.ChangeExtension(approvedPath, ".received.sql"), received.ToString());
        }

        Assert.That(received.ToString(), Is.EqualTo(approved), $"generated DDL differs from {approvedPath}");
    }
}
