#!/usr/bin/env bash
# The services' database passwords, from the postgres container's environment (docker-compose.yml passes the
# same variables to each service). Runs once, on the first start with an empty data volume, after
# 10-databases.sql and 20-service-roles.sql.
set -euo pipefail
set_password() {
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres --set=role="$1" --set=password="$2" \
    <<< "ALTER ROLE :\"role\" PASSWORD :'password';"
}
set_password order_service "$ORDER_SERVICE_DB_PASSWORD"
set_password outbox_relay "$OUTBOX_RELAY_DB_PASSWORD"
set_password email_service "$EMAIL_SERVICE_DB_PASSWORD"
set_password inventory_service "$INVENTORY_SERVICE_DB_PASSWORD"
set_password analytics_service "$ANALYTICS_SERVICE_DB_PASSWORD"
set_password payment_provider "$PAYMENT_PROVIDER_DB_PASSWORD"
