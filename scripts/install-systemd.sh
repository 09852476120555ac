#!/usr/bin/env bash
# Installs RealmSqlServer as a systemd service (README.md, "Installing the service (DBA guide)").
# Run as root from the repository, after publishing:
#   dotnet publish Connector -c Release -o out/publish
#   sudo scripts/install-systemd.sh out/publish
# Idempotent: run it again to upgrade the program; the configuration and the environment file are kept.
set -euo pipefail

readonly PUBLISH_DIR="${1:-out/publish}"
readonly APP_DIR=/opt/realm-sqlserver
readonly CONFIG_DIR=/etc/realm-sqlserver
readonly DATA_DIR=/var/lib/realm-sqlserver
readonly LOG_DIR=/var/log/realm-sqlserver
readonly SERVICE_USER=realm-sqlserver
readonly UNIT=realm-sqlserver.service
SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
readonly SCRIPT_DIR

if [[ "$(id -u)" -ne 0 ]]; then
    echo "error: run as root (sudo $0 $*)" >&2
    exit 1
fi
if [[ ! -x "$PUBLISH_DIR/realm-sqlserver" ]]; then
    echo "error: $PUBLISH_DIR/realm-sqlserver not found; run: dotnet publish Connector -c Release -o $PUBLISH_DIR" >&2
    exit 1
fi

# The service user: a system account without a login shell, home = the data folder.
if ! id -u "$SERVICE_USER" >/dev/null 2>&1; then
    useradd --system --home-dir "$DATA_DIR" --no-create-home --shell /usr/sbin/nologin "$SERVICE_USER"
fi

install -d -m 0755 -o root -g root "$APP_DIR" "$CONFIG_DIR"
install -d -m 0750 -o "$SERVICE_USER" -g "$SERVICE_USER" "$DATA_DIR" "$DATA_DIR/journal" "$LOG_DIR"

# The program: replaced whole, owned by root so the service cannot modify itself.
if systemctl is-active --quiet "$UNIT"; then
    systemctl stop "$UNIT"
fi
rm -rf "${APP_DIR:?}/"*
cp -R "$PUBLISH_DIR/." "$APP_DIR/"
chown -R root:root "$APP_DIR"
chmod 0755 "$APP_DIR/realm-sqlserver"

# The configuration: installed once, never overwritten (the journal goes under the data folder).
if [[ ! -f "$CONFIG_DIR/connector.config.json" ]]; then
    sed "s#/var/lib/realm-sqlserver/journal#$DATA_DIR/journal#" "$APP_DIR/connector.config.json" > "$CONFIG_DIR/connector.config.json"
    chmod 0644 "$CONFIG_DIR/connector.config.json"
fi
# The secret: an environment file only root and the service can read; filled in by the DBA.
if [[ ! -f "$CONFIG_DIR/realm-sqlserver.env" ]]; then
    install -m 0640 -o root -g "$SERVICE_USER" /dev/null "$CONFIG_DIR/realm-sqlserver.env"
    echo "RealmSqlServer__SqlServer__ConnectionString=" > "$CONFIG_DIR/realm-sqlserver.env"
    echo "note: set the connection string in $CONFIG_DIR/realm-sqlserver.env before starting the service."
fi

install -m 0644 -o root -g root "$SCRIPT_DIR/realm-sqlserver.service" "/etc/systemd/system/$UNIT"
systemctl daemon-reload
systemctl enable "$UNIT"

echo "Installed. Check the database as the service would (same user, same environment file):"
echo "  systemd-run --pipe --wait -p User=$SERVICE_USER -p EnvironmentFile=$CONFIG_DIR/realm-sqlserver.env $APP_DIR/realm-sqlserver doctor --config $CONFIG_DIR/connector.config.json"
echo "then start it: systemctl start $UNIT; logs: journalctl -u $UNIT and $LOG_DIR"
