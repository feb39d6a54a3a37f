#!/usr/bin/env bash
# One MySQL account per service, each allowed into its own database and nothing else.
#
# The mysql image runs this once, when it initialises an empty data volume
# (/docker-entrypoint-initdb.d). docker-compose.yml hands it the passwords: classroom defaults
# that HMALL_*_DB_PASSWORD in the environment or in a .env file replace. After changing one,
# run `docker compose down -v` so the volume is initialised, and this script runs, again.

# No -u: should the image ever source this file instead of running it, its own script goes on.
set -eo pipefail

sql_string() {
  local text=${1//\\/\\\\}
  printf "'%s'" "${text//\'/\'\'}"
}

service_account() {
  local account=$1 database=$2 password=$3
  # In GRANT ... ON db.*, `_` matches any one character; escaped, it names this database only.
  local database_pattern=${database//_/\\_}
  printf "CREATE DATABASE IF NOT EXISTS \`%s\` CHARACTER SET utf8mb4;\n" "$database"
  printf "CREATE USER IF NOT EXISTS '%s'@'%%' IDENTIFIED BY %s;\n" "$account" "$(sql_string "$password")"
  printf "GRANT ALL PRIVILEGES ON \`%s\`.* TO '%s'@'%%';\n" "$database_pattern" "$account"
}

# Check every variable before anything runs: a half-initialised volume is never initialised again.
: "${MYSQL_ROOT_PASSWORD:?}" "${HMALL_USER_DB_PASSWORD:?}" "${HMALL_TRADE_DB_PASSWORD:?}" \
  "${HMALL_PAY_DB_PASSWORD:?}" "${HMALL_NOTIFY_DB_PASSWORD:?}" "${HMALL_POINTS_DB_PASSWORD:?}"

{
  service_account user_svc   hm_user   "$HMALL_USER_DB_PASSWORD"
  service_account trade_svc  hm_trade  "$HMALL_TRADE_DB_PASSWORD"
  service_account pay_svc    hm_pay    "$HMALL_PAY_DB_PASSWORD"
  service_account notify_svc hm_notify "$HMALL_NOTIFY_DB_PASSWORD"
  service_account points_svc hm_points "$HMALL_POINTS_DB_PASSWORD"
} | mysql --defaults-extra-file=<(printf '[client]\nuser=root\npassword="%s"\n' "$MYSQL_ROOT_PASSWORD") \
    --protocol=socket
