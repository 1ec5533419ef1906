-- One login role per service, the owner of that service's database and allowed to connect to nothing else, so
-- "no service reads another's tables" is enforced by Postgres, not only promised. Run by a superuser once the
-- databases exist: by the postgres container on its first start (docker-compose.yml), and on every start of the
-- embedded and the Testcontainers Postgres (local-infrastructure, which reads this same file). Idempotent; a
-- database that does not exist (yet) is skipped.
-- Passwords are not here: compose sets them from its environment (30-service-passwords.sh), the embedded
-- infrastructure its own. Kubernetes sets up the same roles with CloudNativePG (k8s/base/postgres.yaml).
-- The services, their databases and roles are listed in com.example.checkout.services.SystemService;
-- deployment-checks holds this file against that list.
DO $$
DECLARE
    service record;
BEGIN
    FOR service IN SELECT * FROM (VALUES
            -- role,              the database it owns
            ('order_service',     'orders'),
            ('outbox_relay',      NULL),
            ('email_service',     'email'),
            ('inventory_service', 'inventory'),
            ('analytics_service', 'analytics'),
            ('payment_provider',  'payments')) AS services (role_name, database_name) LOOP
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = service.role_name) THEN
            EXECUTE format('CREATE ROLE %I LOGIN', service.role_name);
        END IF;
        IF EXISTS (SELECT FROM pg_database WHERE datname = service.database_name) THEN
            -- The owner owns the public schema too (pg_database_owner): its Flyway migrations create the tables.
            EXECUTE format('ALTER DATABASE %I OWNER TO %I', service.database_name, service.role_name);
            -- No one else may even connect (Postgres grants CONNECT and TEMP to PUBLIC by default).
            EXECUTE format('REVOKE ALL ON DATABASE %I FROM PUBLIC', service.database_name);
        END IF;
    END LOOP;
END
$$;
REVOKE ALL ON DATABASE postgres FROM PUBLIC;

-- REPLICATION, before any of them can log in: order-service's and inventory-service's migrations create the
-- logical replication slot of their outbox (it must exist before the first outbox row is written, or rows
-- committed before the relay's first start are never streamed: the data-loss trap in docs/architecture.md),
-- and the relay streams from those slots.
ALTER ROLE order_service REPLICATION;
ALTER ROLE inventory_service REPLICATION;
ALTER ROLE outbox_relay REPLICATION;

-- The relay reads the outboxes it streams and nothing else: it may connect to their databases, and the owners'
-- migrations (orders V16, inventory V9) grant it their outbox tables only.
GRANT CONNECT ON DATABASE orders, inventory TO outbox_relay;
