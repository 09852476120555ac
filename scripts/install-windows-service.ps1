<#
.SYNOPSIS
  Installs RealmSqlServer as a Windows service (README.md, "Installing the service (DBA guide)").

.DESCRIPTION
  Run in an elevated PowerShell, after publishing:
    dotnet publish Connector -c Release -r win-x64 -o out\publish
    .\scripts\install-windows-service.ps1 -PublishDir out\publish -ServiceAccount 'DOMAIN\svc-realmsync$'
  Copies the program to C:\Program Files\RealmSqlServer, the configuration (once) to
  C:\ProgramData\RealmSqlServer, sets the connection string as a machine-level environment variable of the
  service only (registry Environment value of the service, not the whole machine), creates or updates the
  service (automatic start, restart on failure). Idempotent: run it again to upgrade the program.

  Not tested by this project's CI (it runs on Linux without Windows); the steps are the documented
  New-Service / sc.exe ones.
#>
[CmdletBinding()]
param(
    [string] $PublishDir = 'out\publish',
    [string] $InstallDir = 'C:\Program Files\RealmSqlServer',
    [string] $DataDir = 'C:\ProgramData\RealmSqlServer',
    # A group managed service account ('DOMAIN\name$') or 'NT SERVICE\realm-sqlserver' (virtual account).
    [string] $ServiceAccount = 'NT SERVICE\realm-sqlserver',
    # The connection string; prompted for when absent, never written to the configuration file.
    [string] $ConnectionString
)
$ErrorActionPreference = 'Stop'
$ServiceName = 'realm-sqlserver'

$exe = Join-Path $PublishDir 'realm-sqlserver.exe'
if (-not (Test-Path $exe)) { throw "$exe not found; run: dotnet publish Connector -c Release -r win-x64 -o $PublishDir" }

$existing = Get-Service -Name $ServiceName -ErrorAction SilentlyContinue
if ($existing -and $existing.Status -ne 'Stopped') { Stop-Service -Name $ServiceName }

New-Item -ItemType Directory -Force -Path $InstallDir, $DataDir, (Join-Path $DataDir 'journal'), (Join-Path $DataDir 'logs') | Out-Null
Copy-Item -Path (Join-Path $PublishDir '*') -Destination $InstallDir -Recurse -Force

$config = Join-Path $DataDir 'connector.config.json'
if (-not (Test-Path $config)) {
    (Get-Content (Join-Path $InstallDir 'connector.config.json') -Raw).Replace(
        '/var/lib/realm-sqlserver/journal', ((Join-Path $DataDir 'journal') -replace '\\', '/')) | Set-Content -Path $config -Encoding utf8
}

$binPath = "`"$(Join-Path $InstallDir 'realm-sqlserver.exe')`" run --config `"$config`""
if ($existing) {
    sc.exe config $ServiceName binPath= $binPath start= delayed-auto obj= $ServiceAccount | Out-Null
} else {
    New-Service -Name $ServiceName -BinaryPathName $binPath -DisplayName 'RealmSqlServer connector' `
        -Description 'Realm <-> SQL Server connector (RealmSqlServer)' -StartupType Automatic | Out-Null
    sc.exe config $ServiceName start= delayed-auto obj= $ServiceAccount | Out-Null
}
# Recovery: restart after 10 s, 30 s, then every 60 s; reset the failure count after a day.
sc.exe failure $ServiceName reset= 86400 actions= restart/10000/restart/30000/restart/60000 | Out-Null
sc.exe failureflag $ServiceName 1 | Out-Null

# The secret and the log folder, as environment variables of this service only. The service's registry key is
# readable by local users: on a shared machine prefer Integrated Security with a gMSA, which needs no secret.
if (-not $ConnectionString) {
    $secure = Read-Host -AsSecureString 'Connection string (RealmSqlServer__SqlServer__ConnectionString)'
    $ConnectionString = [Runtime.InteropServices.Marshal]::PtrToStringBSTR([Runtime.InteropServices.Marshal]::SecureStringToBSTR($secure))
}
$serviceKey = "HKLM:\SYSTEM\CurrentControlSet\Services\$ServiceName"
Set-ItemProperty -Path $serviceKey -Name Environment -Type MultiString -Value @(
    "RealmSqlServer__SqlServer__ConnectionString=$ConnectionString",
    "REALMSQLSERVER_LOGDIR=$(Join-Path $DataDir 'logs')")

# The service account may write its journal and logs; the program folder stays read-only to it.
icacls $DataDir /grant "${ServiceAccount}:(OI)(CI)M" | Out-Null

Write-Host "Installed. Check the database with: & '$InstallDir\realm-sqlserver.exe' doctor --config '$config'"
Write-Host "Then: Start-Service $ServiceName   (logs: $DataDir\logs and the Application event log)"
