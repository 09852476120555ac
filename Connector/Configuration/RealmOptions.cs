namespace Connector.Configuration;

/// <summary><c>RealmSqlServer:Realm</c>: where Realm transactions come from and go to.</summary>
public sealed class RealmOptions
{
    /// <summary>The journal root (<c>&lt;root&gt;/&lt;realm key&gt;/inbound</c> and <c>/outbound</c>).</summary>
    public string JournalPath { get; set; } = "";

    /// <summary>The Realm paths this node serves; empty means every path mapped in the catalog.</summary>
    public IList<string> RealmPaths { get; } = [];
}
