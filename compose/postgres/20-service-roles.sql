-- One login role per service, the owner of that service's database and allowed to connect to nothing else, so
-- "no service reads another's tables" is enforced by Postgres, not only promised. Run by a superuser once the
-- databases exist: by the postgres container on its first start (docker-compose.yml), and on every start of the
-- embedded and the Testcontainers Postgres (local-infrastructure, which reads this same file). Idempotent.
-- Passwords are not here: compose sets them from its environment (30-service-passwords.sh), the embedded
-- infrastructure its own. Kubernetes sets up the same roles with CloudNativePG (k8s/base/postgres.yaml).
-- The list of services, their databases and roles is com.example.checkout.services.SystemService;
-- deployment-checks holds this file against it.
DO $$
DECLARE
    role_name text;
BEGIN
    FOREACH role_name IN ARRAY ARRAY['order_service', 'outbox_relay', 'email_service', 'inventory_service',
                                     'analytics_service'] LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = role_name) THEN
            EXECUTE format('CREATE ROLE %I LOGIN', role_name);
        END IF;
    END LOOP;
END
$$;

-- REPLICATION, before either can log in: order-service's migration creates the relay's logical replication slot
-- (it must exist before the first outbox row is written, or rows committed before the relay's first start are never
-- streamed: the data-loss trap in docs/architecture.md), and the relay streams from it.
ALTER ROLE order_service REPLICATION;
ALTER ROLE outbox_relay REPLICATION;

-- Each service owns its database, and with it the public schema (owned by pg_database_owner): its Flyway migrations
-- create the tables as that role.
ALTER DATABASE orders OWNER TO order_service;
ALTER DATABASE email OWNER TO email_service;
ALTER DATABASE inventory OWNER TO inventory_service;
ALTER DATABASE analytics OWNER TO analytics_service;

-- No one else may even connect (Postgres grants CONNECT and TEMP to PUBLIC by default).
REVOKE ALL ON DATABASE postgres, orders, email, inventory, analytics FROM PUBLIC;

-- The relay reads the order service's outbox and nothing else there: it may connect to orders, and order-service's
-- migration V16 grants it SELECT on outbox and relay_heartbeat (and the heartbeat's upsert) only.
GRANT CONNECT ON DATABASE orders TO outbox_relay;
