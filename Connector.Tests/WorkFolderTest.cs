namespace Connector.Tests;

/// <summary>A test class whose every test gets a fresh temporary folder, <see cref="Work"/>, deleted afterwards.</summary>
public abstract class WorkFolderTest
{
    protected string Work { get; private set; } = null!;

    [SetUp]
    public void CreateWorkFolder() => Work = Directory.CreateTempSubdirectory("realm-sqlserver-test-").FullName;

    [TearDown]
    public void DeleteWorkFolder() => Directory.Delete(Work, recursive: true);
}
