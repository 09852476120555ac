using Connector.Cli;

return ConnectorCli.Invoke(args);
