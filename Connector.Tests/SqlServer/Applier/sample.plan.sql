DECLARE @RealmId int = (SELECT r.[RealmId] FROM [realmsync].[MappedRealm] AS r WHERE r.[RealmPath] = N'/default');
DECLARE @context varbinary(128) = 0x7265616C6D2D73716C736572766572;
-- instruction 0: Upsert 'Person'
DECLARE @t1_rows [realmsync].[dbo.Person$rows];
INSERT INTO @t1_rows ([_ordinal], [_id], [name], [email], [age], [height], [isAdmin], [born], [balance], [avatar], [badge], [extra], [bestFriend], [address], [name$set], [email$set], [age$set], [height$set], [isAdmin$set], [born$set], [balance$set], [avatar$set], [badge$set], [extra$set], [bestFriend$set], [address$set]) VALUES
    (0, 0x5F1B2C3D4E5F60718293A4B5, N'Ada O''Brien', N'ada@example.com', 36, 1.68E0, 1, CAST('1969-12-31T23:59:59.0000000' AS datetime2(7)), CAST('12345.678' AS decimal(38,18)), 0x000102, CAST('3b241101-e2bb-4255-8caf-4136c566a962' AS uniqueidentifier), N'["timestamp",1700000000,123456789]', NULL, NULL, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0);
EXEC [realmsync].[dbo.Person$upsert] @context = @context, @rows = @t1_rows;
-- instruction 0: Replace 'Person'
DECLARE @t2_owners [realmsync].[keys$binary12];
INSERT INTO @t2_owners ([key]) VALUES
    (0x5F1B2C3D4E5F60718293A4B5);
DECLARE @t2_items [realmsync].[dbo.Person__nicknames$items];
INSERT INTO @t2_items ([_owner], [_position], [_value]) VALUES
    (0x5F1B2C3D4E5F60718293A4B5, 0, N'Ada'),
    (0x5F1B2C3D4E5F60718293A4B5, 1, N'Countess');
EXEC [realmsync].[dbo.Person__nicknames$replace] @context = @context, @owners = @t2_owners, @items = @t2_items;
-- instruction 0: Replace 'Person'
DECLARE @t3_owners [realmsync].[keys$binary12];
INSERT INTO @t3_owners ([key]) VALUES
    (0x5F1B2C3D4E5F60718293A4B5);
DECLARE @t3_items [realmsync].[dbo.Person__luckyNumbers$items];
INSERT INTO @t3_items ([_owner], [_position], [_value]) VALUES
    (0x5F1B2C3D4E5F60718293A4B5, 0, 7),
    (0x5F1B2C3D4E5F60718293A4B5, 1, 3);
EXEC [realmsync].[dbo.Person__luckyNumbers$replace] @context = @context, @owners = @t3_owners, @items = @t3_items;
-- instruction 0: Replace 'Person'
DECLARE @t4_owners [realmsync].[keys$binary12];
INSERT INTO @t4_owners ([key]) VALUES
    (0x5F1B2C3D4E5F60718293A4B5);
DECLARE @t4_items [realmsync].[dbo.Person__settings$items];
INSERT INTO @t4_items ([_owner], [_key], [_value]) VALUES
    (0x5F1B2C3D4E5F60718293A4B5, N'theme', N'dark'),
    (0x5F1B2C3D4E5F60718293A4B5, N'lang', NULL);
EXEC [realmsync].[dbo.Person__settings$replace] @context = @context, @owners = @t4_owners, @items = @t4_items;
-- instructions 1-2: Upsert 'Dog'
DECLARE @t5_rows [realmsync].[dbo.Dog$rows];
INSERT INTO @t5_rows ([_ordinal], [name], [breed], [breed$set]) VALUES
    (1, N'Rex', N'Collie', 1),
    (2, N'Fido', NULL, 0);
EXEC [realmsync].[dbo.Dog$upsert] @context = @context, @rows = @t5_rows;
-- instruction 3: ListInsert 'Person'
EXEC [realmsync].[dbo.Person__dogs$list_insert] @context = @context, @owner = 0x5F1B2C3D4E5F60718293A4B5, @index = 0, @target = N'Rex';
-- instruction 4: ListInsert 'Person'
EXEC [realmsync].[dbo.Person__dogs$list_insert] @context = @context, @owner = 0x5F1B2C3D4E5F60718293A4B5, @index = 1, @target = N'Fido';
UPDATE c SET c.[Version] = 1, c.[UpdatedAt] = SYSUTCDATETIME() FROM [realmsync].[InboundCursor] AS c WHERE c.[RealmId] = @RealmId AND c.[Version] < 1;
IF @@ROWCOUNT = 0 THROW 50010, N'version 1 is at or below the cursor of this Realm path: already applied; nothing was changed', 1;
DECLARE @RealmId int = (SELECT r.[RealmId] FROM [realmsync].[MappedRealm] AS r WHERE r.[RealmPath] = N'/default');
DECLARE @context varbinary(128) = 0x7265616C6D2D73716C736572766572;
-- instruction 0: Update 'Person'
DECLARE @t1_rows [realmsync].[dbo.Person$rows];
INSERT INTO @t1_rows ([_ordinal], [_id], [name], [email], [age], [height], [isAdmin], [born], [balance], [avatar], [badge], [extra], [bestFriend], [address], [name$set], [email$set], [age$set], [height$set], [isAdmin$set], [born$set], [balance$set], [avatar$set], [badge$set], [extra$set], [bestFriend$set], [address$set]) VALUES
    (0, 0x5F1B2C3D4E5F60718293A4B5, NULL, NULL, 37, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0x5F1B2C3D4E5F60718293A4B5, NULL, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0);
EXEC [realmsync].[dbo.Person$update] @context = @context, @rows = @t1_rows;
-- instruction 1: Upsert 'Reading'
DECLARE @t2_rows [realmsync].[dbo.Reading$rows];
INSERT INTO @t2_rows ([_ordinal], [_realm_object_id], [sensor], [value], [at], [sensor$set], [value$set], [at$set]) VALUES
    (1, N'{0002-0000}', N't1', CAST(21.5E0 AS real), CAST('2023-11-14T22:13:20.0000000' AS datetime2(7)), 1, 1, 1);
EXEC [realmsync].[dbo.Reading$upsert] @context = @context, @rows = @t2_rows;
-- instruction 2: ListErase 'Person'
EXEC [realmsync].[dbo.Person__dogs$list_erase] @context = @context, @owner = 0x5F1B2C3D4E5F60718293A4B5, @index = 0;
-- instruction 3: Delete 'Dog'
DECLARE @t4_keys [realmsync].[keys$nvarchar450];
INSERT INTO @t4_keys ([key]) VALUES
    (N'Rex');
EXEC [realmsync].[dbo.Dog$delete] @context = @context, @keys = @t4_keys;
UPDATE c SET c.[Version] = 2, c.[UpdatedAt] = SYSUTCDATETIME() FROM [realmsync].[InboundCursor] AS c WHERE c.[RealmId] = @RealmId AND c.[Version] < 2;
IF @@ROWCOUNT = 0 THROW 50010, N'version 2 is at or below the cursor of this Realm path: already applied; nothing was changed', 1;
