namespace Connector.Tests;

/// <summary>Approval files: generated text compared with a reviewed copy kept in the repository.</summary>
public static class Approval
{
    public static void Verify(string approvedName, string received, string folder = "Connector.Tests/SqlServer/Schema/Approved")
    {
        var approvedPath = Path.Combine(RepositoryPaths.Root, folder, approvedName);
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath) : string.Empty;
        if (received != approved)
        {
            File.WriteAllText(Path.ChangeExtension(approvedPath, ".received.sql"), received);
        }

        Assert.That(received, Is.EqualTo(approved), $"generated SQL differs from {approvedPath}; see the .received.sql file beside it");
    }
}
