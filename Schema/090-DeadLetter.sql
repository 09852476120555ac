-- Inbound transactions that could not be applied, whole, with the error (ADAPTER-PROTOCOL.md section 5).
CREATE TABLE [realmsync].[DeadLetter] (
    [DeadLetterId]     bigint        IDENTITY (1, 1) NOT NULL,
    [RealmId]          int           NOT NULL,
    [Version]          bigint        NOT NULL,
    [InstructionIndex] int           NULL,
    [Error]            nvarchar(max) NOT NULL,
    [Transaction]      nvarchar(max) NOT NULL,
    [ReceivedAt]       datetime2(3)  NOT NULL CONSTRAINT [DF_DeadLetter_ReceivedAt] DEFAULT (SYSUTCDATETIME()),
    CONSTRAINT [PK_DeadLetter] PRIMARY KEY CLUSTERED ([DeadLetterId]),
    CONSTRAINT [FK_DeadLetter_MappedRealm] FOREIGN KEY ([RealmId]) REFERENCES [realmsync].[MappedRealm] ([RealmId])
);
