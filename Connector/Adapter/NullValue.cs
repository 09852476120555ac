namespace Connector.Adapter;

public sealed record NullValue : RealmValue
{
    public override string ToString() => "null";
}
