#!/usr/bin/env bash
# One MySQL account per service, each allowed into its own database and nothing else.
#
# The mysql image runs this once, when it initialises an empty data volume
# (/docker-entrypoint-initdb.d). docker-compose.yml hands it the passwords: classroom defaults
# that HMALL_*_DB_PASSWORD in the environment or in a .env file replace. After changing one,
# run `docker compose down -v` so the volume is initialised, and this script runs, again.
#
# Any password works, quotes, backslashes, `#`, `%`, `_` and spaces at either end included: each
# is escaped for where it goes (root's for the client's option file, the accounts' for SQL string
# literals), because a volume whose initialisation failed half-way is never initialised again.
# The databases are created last, after every account and grant (the client stops at the first
# error): the compose health check waits for their directories, so a failed initialisation shows
# as an unhealthy mysql, not as "Access denied" in every service.

# No -u: should the image ever source this file instead of running it, its own script goes on.
set -eo pipefail

# A value for a MySQL option file, which strips surrounding quotes and turns \\ \" \' \n \t \b \r
# \s into other characters: double-quoted, with backslashes, double quotes and line breaks
# escaped, it reads back byte for byte (unescaped, `pa\sss` would come back as "pa ss").
option_value() {
  local text=${1//\\/\\\\}
  text=${text//\"/\\\"}
  text=${text//$'\n'/\\n}
  text=${text//$'\r'/\\r}
  printf '"%s"' "$text"
}

# A SQL string literal. Backslashes are escapes in MySQL literals unless NO_BACKSLASH_ESCAPES,
# which the session below turns off, so both \ and ' are escaped.
sql_string() {
  local text=${1//\\/\\\\}
  printf "'%s'" "${text//\'/\'\'}"
}

service_account() {
  local account=$1 database=$2 password=$3
  # In GRANT ... ON db.*, `_` matches any one character; escaped, it names this database only.
  local database_pattern=${database//_/\\_}
  printf "CREATE USER IF NOT EXISTS '%s'@'%%' IDENTIFIED BY %s;\n" "$account" "$(sql_string "$password")"
  printf "GRANT ALL PRIVILEGES ON \`%s\`.* TO '%s'@'%%';\n" "$database_pattern" "$account"
}

databases() {
  local name
  for name; do
    printf "CREATE DATABASE IF NOT EXISTS \`%s\` CHARACTER SET utf8mb4;\n" "$name"
  done
}

# Check every variable before anything runs: a half-initialised volume is never initialised again.
: "${MYSQL_ROOT_PASSWORD:?}" "${HMALL_USER_DB_PASSWORD:?}" "${HMALL_TRADE_DB_PASSWORD:?}" \
  "${HMALL_PAY_DB_PASSWORD:?}" "${HMALL_NOTIFY_DB_PASSWORD:?}" "${HMALL_POINTS_DB_PASSWORD:?}" \
  "${HMALL_COUPON_DB_PASSWORD:?}"

{
  echo "SET SESSION sql_mode = REPLACE(@@SESSION.sql_mode, 'NO_BACKSLASH_ESCAPES', '');"
  service_account user_svc   hm_user   "$HMALL_USER_DB_PASSWORD"
  service_account trade_svc  hm_trade  "$HMALL_TRADE_DB_PASSWORD"
  service_account pay_svc    hm_pay    "$HMALL_PAY_DB_PASSWORD"
  service_account notify_svc hm_notify "$HMALL_NOTIFY_DB_PASSWORD"
  service_account points_svc hm_points "$HMALL_POINTS_DB_PASSWORD"
  service_account coupon_svc hm_coupon "$HMALL_COUPON_DB_PASSWORD"
  databases hm_user hm_trade hm_pay hm_notify hm_points hm_coupon
} | mysql --defaults-extra-file=<(printf '[client]\nuser=root\npassword=%s\n' "$(option_value "$MYSQL_ROOT_PASSWORD")") \
    --protocol=socket
