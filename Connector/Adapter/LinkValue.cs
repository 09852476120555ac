namespace Connector.Adapter;

/// <summary>A link inside a Mixed value: <c>["link", "&lt;class&gt;", &lt;identity&gt;]</c>.</summary>
public sealed record LinkValue(string ClassName, RealmValue Identity) : RealmValue;
