-- 0001_core: the foundation.
-- Schemas core, catalog, stock, sales, crm, purchase, fulfil; group roles and their grants;
-- audit columns; live-update notifications.  Runs as the database owner (a superuser in
-- embedded mode, a role with CREATEROLE on a shared server).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE SCHEMA core;
CREATE SCHEMA catalog;
CREATE SCHEMA stock;
CREATE SCHEMA sales;
CREATE SCHEMA crm;
CREATE SCHEMA purchase;
CREATE SCHEMA fulfil;

-- ---------------------------------------------------------------------------------------------
-- Roles.  PostgreSQL roles belong to the whole server, so every group role of this company
-- database carries a prefix chosen when the database was initialised (its name then):
-- database "erp" has the groups erp_admin, erp_sales, ...; database "erp_demo" has
-- erp_demo_admin, ...  Login roles are "<user>@<prefix>".
-- ---------------------------------------------------------------------------------------------

CREATE TABLE core.instance (
    singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    role_prefix text NOT NULL CHECK (role_prefix ~ '^[a-z][a-z0-9_]{0,39}$'),
    created_at  timestamptz NOT NULL DEFAULT now()
);
INSERT INTO core.instance (role_prefix) VALUES (lower(regexp_replace(current_database(), '[^A-Za-z0-9_]', '_', 'g')));

CREATE TABLE core.role_area (
    area        text PRIMARY KEY,
    description text NOT NULL
);
INSERT INTO core.role_area VALUES
    ('admin',          'Everything, including users and settings'),
    ('finance',        'Money: prices, costs, journals'),
    ('sales',          'Products, shops, orders and customers'),
    ('service',        'Customers and service tickets'),
    ('warehouse',      'Stock moves, picking, packing; reads products'),
    ('warehouse_lead', 'Warehouse staff who may also post adjustments and stocktakes'),
    ('purchasing',     'Suppliers, purchase orders, costs'),
    ('viewer',         'Reads, changes nothing');

CREATE FUNCTION core.group_role(p_area text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, core AS $$
    SELECT role_prefix || '_' || p_area FROM core.instance
$$;

CREATE FUNCTION core.login_role(p_login text) RETURNS text
LANGUAGE sql STABLE SET search_path = pg_catalog, core AS $$
    SELECT p_login || '@' || role_prefix FROM core.instance
$$;

-- grant PRIVS ON OBJECTS TO the group role of AREA (objects as in GRANT, e.g. 'TABLE catalog.sku')
CREATE FUNCTION core.grant_to(p_privs text, p_objects text, p_area text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, core AS $$
BEGIN
    EXECUTE format('GRANT %s ON %s TO %I', p_privs, p_objects, core.group_role(p_area));
END $$;

DO $$
DECLARE a text;
BEGIN
    FOR a IN SELECT area FROM core.role_area LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = core.group_role(a)) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', core.group_role(a));
        END IF;
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), core.group_role(a));
        EXECUTE format('GRANT USAGE ON SCHEMA core, catalog, stock, sales, crm, purchase, fulfil TO %I',
                       core.group_role(a));
    END LOOP;
    -- a warehouse lead is warehouse staff and more
    EXECUTE format('GRANT %I TO %I', core.group_role('warehouse'), core.group_role('warehouse_lead'));
END $$;

-- ---------------------------------------------------------------------------------------------
-- Audit columns and live updates
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION core.touch() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    NEW.updated_at := now();
    NEW.updated_by := current_user;
    IF TG_OP = 'UPDATE' THEN
        NEW.created_at := OLD.created_at;
        NEW.created_by := OLD.created_by;
    END IF;
    RETURN NEW;
END $$;

-- Live updates (DESIGN.md §7).  A trigger queues one entry per statement: table, operation and
-- the ids it touched (null when there are too many to list: listeners reload the table).
-- Sending NOTIFY from the writing transaction would make every such commit wait for the
-- cluster-wide notification lock until its commit record is flushed, so busy writers (stock
-- reservations) could no longer share disk flushes.  Instead one listening client at a time (it
-- holds an advisory lock) calls core.flush_changes() a few times a second, which takes what is
-- committed off the queue and sends it as notifications on the channel 'erp_changes':
-- {"t": "catalog.sku", "op": "U", "ids": [1, 2]}.  The queue is unlogged: after a crash it is
-- empty, and clients reload everything when their listener reconnects anyway.
CREATE UNLOGGED TABLE core.change_queue (
    seq  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tbl  text NOT NULL,
    op   char(1) NOT NULL,
    ids  bigint[]
);

CREATE FUNCTION core.queue_change(p_table text, p_op text, p_ids bigint[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    INSERT INTO core.change_queue (tbl, op, ids)
    VALUES (p_table, left(p_op, 1), CASE WHEN cardinality(p_ids) >= 500 THEN NULL ELSE p_ids END)
$$;

CREATE FUNCTION core.notify_changes() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    ids bigint[];
BEGIN
    IF TG_OP = 'DELETE' THEN
        SELECT array_agg(id) INTO ids FROM (SELECT id FROM old_rows LIMIT 500) s;
    ELSE
        SELECT array_agg(id) INTO ids FROM (SELECT id FROM new_rows LIMIT 500) s;
    END IF;
    IF ids IS NOT NULL THEN
        PERFORM core.queue_change(TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME, TG_OP, ids);
    END IF;
    RETURN NULL;
END $$;

-- Take what is committed off the queue and notify it, one notification per table and operation.
-- Returns how many notifications went out.
CREATE FUNCTION core.flush_changes() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r record;
    n integer := 0;
BEGIN
    FOR r IN
        WITH taken AS (DELETE FROM core.change_queue RETURNING tbl, op, ids),
        per_group AS (SELECT tbl, op, bool_or(ids IS NULL) AS everything FROM taken GROUP BY tbl, op),
        listed AS (SELECT DISTINCT t.tbl, t.op, x.id FROM taken t, unnest(t.ids) AS x(id))
        SELECT g.tbl, g.op,
               CASE WHEN g.everything OR count(l.id) >= 500 THEN NULL
                    ELSE jsonb_agg(l.id ORDER BY l.id) FILTER (WHERE l.id IS NOT NULL) END AS ids
        FROM per_group g LEFT JOIN listed l ON l.tbl = g.tbl AND l.op = g.op
        GROUP BY g.tbl, g.op, g.everything
    LOOP
        PERFORM pg_notify('erp_changes', json_build_object('t', r.tbl, 'op', r.op, 'ids', r.ids)::text);
        n := n + 1;
    END LOOP;
    RETURN n;
END $$;

-- Adds the audit trigger and the three statement-level notify triggers to a table.
CREATE FUNCTION core.track(p_table regclass, p_notify boolean DEFAULT true) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    EXECUTE format('CREATE TRIGGER touch BEFORE INSERT OR UPDATE ON %s
                    FOR EACH ROW EXECUTE FUNCTION core.touch()', p_table);
    IF p_notify THEN
        EXECUTE format('CREATE TRIGGER notify_ins AFTER INSERT ON %s REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION core.notify_changes()', p_table);
        EXECUTE format('CREATE TRIGGER notify_upd AFTER UPDATE ON %s REFERENCING NEW TABLE AS new_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION core.notify_changes()', p_table);
        EXECUTE format('CREATE TRIGGER notify_del AFTER DELETE ON %s REFERENCING OLD TABLE AS old_rows
                        FOR EACH STATEMENT EXECUTE FUNCTION core.notify_changes()', p_table);
    END IF;
END $$;

-- ---------------------------------------------------------------------------------------------
-- core
-- ---------------------------------------------------------------------------------------------

CREATE TABLE core.company (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL CHECK (name <> ''),
    legal_name  text,
    tax_id      text,
    address     text,
    phone       text,
    currency    char(3) NOT NULL DEFAULT 'CNY',
    is_demo     boolean NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL DEFAULT current_user,
    updated_by  text NOT NULL DEFAULT current_user
);

CREATE TABLE core.app_user (
    id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login        text NOT NULL UNIQUE CHECK (login ~ '^[a-z][a-z0-9_.-]{0,30}$'),
    role_name    text NOT NULL UNIQUE,
    display_name text NOT NULL,
    area         text NOT NULL REFERENCES core.role_area,
    active       boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text NOT NULL DEFAULT current_user,
    updated_by   text NOT NULL DEFAULT current_user
);

CREATE TABLE core.setting (
    key         text PRIMARY KEY,
    value       jsonb NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL DEFAULT current_user,
    updated_by  text NOT NULL DEFAULT current_user
);

-- append-only outbox of what happened; other areas consume it
CREATE TABLE core.business_event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor       text NOT NULL DEFAULT current_user,
    kind        text NOT NULL,
    entity      text NOT NULL,
    entity_id   bigint,
    payload     jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX business_event_entity_idx ON core.business_event (entity, entity_id);

CREATE FUNCTION core.forbid_change() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_SCHEMA || '.' || TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON core.business_event
    FOR EACH ROW EXECUTE FUNCTION core.forbid_change();

-- ---------------------------------------------------------------------------------------------
-- catalog
-- ---------------------------------------------------------------------------------------------

-- GTIN family check digit (EAN-8, UPC-A, EAN-13, GTIN-14): the database refuses a bad one too.
CREATE FUNCTION catalog.gtin_ok(p_code text) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT SET search_path = pg_catalog AS $$
DECLARE
    n int := length(p_code);
    s int := 0;
    d int;
    i int;
BEGIN
    IF p_code !~ '^[0-9]+$' OR n NOT IN (8, 12, 13, 14) THEN
        RETURN false;
    END IF;
    FOR i IN 1 .. n - 1 LOOP
        d := substr(p_code, n - i, 1)::int;
        s := s + CASE WHEN i % 2 = 1 THEN d * 3 ELSE d END;
    END LOOP;
    RETURN (10 - s % 10) % 10 = substr(p_code, n, 1)::int;
END $$;

CREATE TABLE catalog.category (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    parent_id   integer REFERENCES catalog.category ON DELETE RESTRICT,
    code        text NOT NULL UNIQUE CHECK (code <> ''),
    name        text NOT NULL CHECK (name <> ''),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL DEFAULT current_user,
    updated_by  text NOT NULL DEFAULT current_user
);

CREATE TABLE catalog.unit (
    code        text PRIMARY KEY CHECK (code <> ''),
    name        text NOT NULL,
    name_zh     text NOT NULL
);
INSERT INTO catalog.unit VALUES
    ('pcs', 'piece', '件'), ('box', 'box', '盒'), ('set', 'set', '套'), ('pair', 'pair', '双'),
    ('bottle', 'bottle', '瓶'), ('bag', 'bag', '袋'), ('kg', 'kilogram', '千克'), ('m', 'metre', '米');

CREATE TABLE catalog.product (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (code <> ''),
    name        text NOT NULL CHECK (name <> ''),
    category_id integer REFERENCES catalog.category ON DELETE RESTRICT,
    brand       text,
    description text,
    custom      jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL DEFAULT current_user,
    updated_by  text NOT NULL DEFAULT current_user
);
CREATE INDEX product_category_idx ON catalog.product (category_id);

-- A SKU is what is stocked and sold: a product's variant, or a kit (组合商品) of other SKUs.
CREATE TABLE catalog.sku (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id  integer NOT NULL REFERENCES catalog.product ON DELETE RESTRICT,
    code        text NOT NULL CHECK (code ~ '^\S+$'),
    name        text NOT NULL CHECK (name <> ''),
    spec        text NOT NULL DEFAULT '',
    pinyin      text NOT NULL DEFAULT '',          -- initials of the Chinese name, lower case
    category_id integer REFERENCES catalog.category ON DELETE RESTRICT,  -- the product's, kept for filters
    status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'discontinued')),
    is_kit      boolean NOT NULL DEFAULT false,
    unit        text NOT NULL DEFAULT 'pcs' REFERENCES catalog.unit,
    price       numeric(14,2) NOT NULL DEFAULT 0 CHECK (price >= 0),
    cost        numeric(14,2) NOT NULL DEFAULT 0 CHECK (cost >= 0),
    weight_kg   numeric(10,3) CHECK (weight_kg >= 0),
    length_cm   numeric(8,1) CHECK (length_cm >= 0),
    width_cm    numeric(8,1) CHECK (width_cm >= 0),
    height_cm   numeric(8,1) CHECK (height_cm >= 0),
    custom      jsonb NOT NULL DEFAULT '{}'::jsonb,
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL DEFAULT current_user,
    updated_by  text NOT NULL DEFAULT current_user
);
CREATE UNIQUE INDEX sku_code_key ON catalog.sku (lower(code));
CREATE INDEX sku_code_id_idx ON catalog.sku (code, id);
CREATE INDEX sku_name_id_idx ON catalog.sku (name, id);
CREATE INDEX sku_price_id_idx ON catalog.sku (price, id);
CREATE INDEX sku_category_code_idx ON catalog.sku (category_id, code, id);
CREATE INDEX sku_status_code_idx ON catalog.sku (status, code, id);
CREATE INDEX sku_product_idx ON catalog.sku (product_id);
CREATE INDEX sku_search_trgm_idx ON catalog.sku USING gin ((code || ' ' || name || ' ' || pinyin) gin_trgm_ops);

-- each save of a SKU bumps its version (optimistic locking across desktops)
CREATE FUNCTION catalog.bump_version() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    NEW.version := OLD.version + 1;
    RETURN NEW;
END $$;
CREATE TRIGGER bump_version BEFORE UPDATE ON catalog.sku
    FOR EACH ROW EXECUTE FUNCTION catalog.bump_version();

CREATE TABLE catalog.barcode (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku_id      integer NOT NULL REFERENCES catalog.sku ON DELETE CASCADE,
    code        text NOT NULL UNIQUE CHECK (code ~ '^[\x21-\x7e]+$'),
    kind        text NOT NULL CHECK (kind IN ('EAN13', 'EAN8', 'UPCA', 'GTIN14', 'CODE128')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL DEFAULT current_user,
    updated_by  text NOT NULL DEFAULT current_user,
    CONSTRAINT barcode_check_digit CHECK (kind = 'CODE128' OR catalog.gtin_ok(code)),
    CONSTRAINT barcode_length CHECK (
        (kind = 'EAN13' AND length(code) = 13) OR (kind = 'EAN8' AND length(code) = 8)
        OR (kind = 'UPCA' AND length(code) = 12) OR (kind = 'GTIN14' AND length(code) = 14)
        OR kind = 'CODE128')
);
CREATE INDEX barcode_sku_idx ON catalog.barcode (sku_id);

CREATE TABLE catalog.kit_component (
    kit_sku_id       integer NOT NULL REFERENCES catalog.sku ON DELETE CASCADE,
    component_sku_id integer NOT NULL REFERENCES catalog.sku ON DELETE RESTRICT,
    quantity         numeric(14,3) NOT NULL CHECK (quantity > 0),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL DEFAULT current_user,
    updated_by  text NOT NULL DEFAULT current_user,
    PRIMARY KEY (kit_sku_id, component_sku_id),
    CHECK (kit_sku_id <> component_sku_id)
);
CREATE INDEX kit_component_component_idx ON catalog.kit_component (component_sku_id);

-- a kit is made of plain SKUs only, and only a kit has components
CREATE FUNCTION catalog.check_kit_component() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    IF NOT (SELECT is_kit FROM catalog.sku WHERE id = NEW.kit_sku_id) THEN
        RAISE EXCEPTION 'SKU % is not a kit', NEW.kit_sku_id USING ERRCODE = 'check_violation';
    END IF;
    IF (SELECT is_kit FROM catalog.sku WHERE id = NEW.component_sku_id) THEN
        RAISE EXCEPTION 'a kit cannot contain another kit (SKU %)', NEW.component_sku_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER check_kit_component BEFORE INSERT OR UPDATE ON catalog.kit_component
    FOR EACH ROW EXECUTE FUNCTION catalog.check_kit_component();

-- ---------------------------------------------------------------------------------------------
-- stock (warehouses and bins; the ledger comes with the inventory issue)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE stock.warehouse (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE CHECK (code <> ''),
    name        text NOT NULL CHECK (name <> ''),
    province    text,
    city        text,
    address     text,
    active      boolean NOT NULL DEFAULT true,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL DEFAULT current_user,
    updated_by  text NOT NULL DEFAULT current_user
);

CREATE TABLE stock.location (
    id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    warehouse_id integer NOT NULL REFERENCES stock.warehouse ON DELETE RESTRICT,
    code         text NOT NULL CHECK (code <> ''),
    kind         text NOT NULL DEFAULT 'bin' CHECK (kind IN ('bin', 'receiving', 'shipping', 'staging')),
    pick_order   integer NOT NULL DEFAULT 0,
    active       boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text NOT NULL DEFAULT current_user,
    updated_by   text NOT NULL DEFAULT current_user,
    UNIQUE (warehouse_id, code)
);
CREATE INDEX location_pick_idx ON stock.location (warehouse_id, pick_order);

-- ---------------------------------------------------------------------------------------------
-- sales: platforms and shops
-- ---------------------------------------------------------------------------------------------

CREATE TABLE sales.platform (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    name_zh     text NOT NULL,
    has_api     boolean NOT NULL DEFAULT false
);
INSERT INTO sales.platform VALUES
    ('taobao', 'Taobao', '淘宝', false), ('tmall', 'Tmall', '天猫', false), ('jd', 'JD', '京东', false),
    ('pdd', 'Pinduoduo', '拼多多', false), ('douyin', 'Douyin Shop', '抖店', false),
    ('shopify', 'Shopify', 'Shopify', true), ('woocommerce', 'WooCommerce', 'WooCommerce', true),
    ('amazon', 'Amazon', '亚马逊', false), ('own', 'Own shop', '自有商城', false);

CREATE TABLE sales.shop (
    id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code          text NOT NULL UNIQUE CHECK (code <> ''),
    name          text NOT NULL CHECK (name <> ''),
    platform_code text NOT NULL REFERENCES sales.platform,
    stock_ratio   numeric(5,4) NOT NULL DEFAULT 1 CHECK (stock_ratio BETWEEN 0 AND 1),
    active        boolean NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text NOT NULL DEFAULT current_user,
    updated_by    text NOT NULL DEFAULT current_user
);

-- ---------------------------------------------------------------------------------------------
-- minimal master data: customers, suppliers, carriers (later issues extend them)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE crm.customer (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL CHECK (name <> ''),
    phone       text,
    email       text,
    province    text,
    city        text,
    district    text,
    address     text,
    note        text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL DEFAULT current_user,
    updated_by  text NOT NULL DEFAULT current_user
);
CREATE INDEX customer_phone_idx ON crm.customer (phone);

CREATE TABLE purchase.supplier (
    id             integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code           text NOT NULL UNIQUE CHECK (code <> ''),
    name           text NOT NULL CHECK (name <> ''),
    contact        text,
    phone          text,
    email          text,
    address        text,
    lead_time_days integer NOT NULL DEFAULT 7 CHECK (lead_time_days >= 0),
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    created_by     text NOT NULL DEFAULT current_user,
    updated_by     text NOT NULL DEFAULT current_user
);

CREATE TABLE fulfil.carrier (
    id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code         text NOT NULL UNIQUE CHECK (code <> ''),
    name         text NOT NULL CHECK (name <> ''),
    tracking_url text,
    active       boolean NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text NOT NULL DEFAULT current_user,
    updated_by   text NOT NULL DEFAULT current_user
);

-- audit triggers everywhere; live-update notifications on what clients show
SELECT core.track('core.company'), core.track('core.app_user'), core.track('core.setting', false);
SELECT core.track('catalog.category'), core.track('catalog.product'), core.track('catalog.sku'),
       core.track('catalog.barcode', false), core.track('stock.warehouse'), core.track('stock.location'),
       core.track('sales.shop'), core.track('crm.customer'), core.track('purchase.supplier'),
       core.track('fulfil.carrier');
SELECT core.track('catalog.kit_component', false);

-- barcode and kit changes notify as a change of their SKU
CREATE FUNCTION catalog.notify_sku_children() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE ids bigint[];
BEGIN
    IF TG_OP = 'DELETE' THEN
        EXECUTE format('SELECT array_agg(DISTINCT %I) FROM old_rows', TG_ARGV[0]) INTO ids;
    ELSE
        EXECUTE format('SELECT array_agg(DISTINCT %I) FROM new_rows', TG_ARGV[0]) INTO ids;
    END IF;
    IF ids IS NOT NULL THEN
        PERFORM core.queue_change('catalog.sku', 'U', ids);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER notify_sku_ins AFTER INSERT ON catalog.barcode REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog.notify_sku_children('sku_id');
CREATE TRIGGER notify_sku_del AFTER DELETE ON catalog.barcode REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog.notify_sku_children('sku_id');
CREATE TRIGGER notify_sku_ins AFTER INSERT ON catalog.kit_component REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog.notify_sku_children('kit_sku_id');
CREATE TRIGGER notify_sku_del AFTER DELETE ON catalog.kit_component REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog.notify_sku_children('kit_sku_id');

-- ---------------------------------------------------------------------------------------------
-- Users: each a PostgreSQL login role in one group.  Only admins may call these; they run
-- with the rights of the role that initialised the database.
-- ---------------------------------------------------------------------------------------------

-- p_secret is a SCRAM-SHA-256 verifier made by the client (never a clear-text password),
-- or null for a role that logs in without a password (the local user in embedded mode).
CREATE FUNCTION core.create_user(p_login text, p_display_name text, p_area text, p_secret text)
RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, core AS $$
DECLARE
    r text := core.login_role(p_login);
    uid integer;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM core.role_area WHERE area = p_area) THEN
        RAISE EXCEPTION 'unknown role %', p_area USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF p_secret IS NOT NULL AND p_secret !~ '^SCRAM-SHA-256\$' THEN
        RAISE EXCEPTION 'the password must be sent as a SCRAM-SHA-256 verifier'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    INSERT INTO core.app_user (login, role_name, display_name, area)
        VALUES (p_login, r, coalesce(nullif(p_display_name, ''), p_login), p_area)
        RETURNING id INTO uid;
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
        RAISE EXCEPTION 'a login role % exists already', r USING ERRCODE = 'duplicate_object';
    END IF;
    IF p_secret IS NULL THEN
        EXECUTE format('CREATE ROLE %I LOGIN', r);
    ELSE
        EXECUTE format('CREATE ROLE %I LOGIN PASSWORD %L', r, p_secret);
    END IF;
    EXECUTE format('GRANT %I TO %I', core.group_role(p_area), r);
    RETURN uid;
END $$;

CREATE FUNCTION core.set_user_password(p_login text, p_secret text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, core AS $$
DECLARE r text;
BEGIN
    SELECT role_name INTO r FROM core.app_user WHERE login = p_login;
    IF r IS NULL THEN
        RAISE EXCEPTION 'no user %', p_login USING ERRCODE = 'no_data_found';
    END IF;
    -- a user may change their own password; an admin anybody's
    IF r <> session_user AND NOT pg_has_role(session_user, core.group_role('admin'), 'MEMBER') THEN
        RAISE EXCEPTION 'only an administrator may set another user''s password'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_secret !~ '^SCRAM-SHA-256\$' THEN
        RAISE EXCEPTION 'the password must be sent as a SCRAM-SHA-256 verifier'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    EXECUTE format('ALTER ROLE %I PASSWORD %L', r, p_secret);
END $$;

CREATE FUNCTION core.set_user_active(p_login text, p_active boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, core AS $$
DECLARE r text;
BEGIN
    UPDATE core.app_user SET active = p_active WHERE login = p_login RETURNING role_name INTO r;
    IF r IS NULL THEN
        RAISE EXCEPTION 'no user %', p_login USING ERRCODE = 'no_data_found';
    END IF;
    EXECUTE format('ALTER ROLE %I %s', r, CASE WHEN p_active THEN 'LOGIN' ELSE 'NOLOGIN' END);
END $$;

CREATE FUNCTION core.set_user_area(p_login text, p_area text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, core AS $$
DECLARE r text; old_area text;
BEGIN
    SELECT role_name, area INTO r, old_area FROM core.app_user WHERE login = p_login FOR UPDATE;
    IF r IS NULL THEN
        RAISE EXCEPTION 'no user %', p_login USING ERRCODE = 'no_data_found';
    END IF;
    UPDATE core.app_user SET area = p_area WHERE login = p_login;
    EXECUTE format('REVOKE %I FROM %I', core.group_role(old_area), r);
    EXECUTE format('GRANT %I TO %I', core.group_role(p_area), r);
END $$;

-- who am I: the app user behind the current login, with their area
CREATE FUNCTION core.whoami(OUT login text, OUT display_name text, OUT area text, OUT role_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, core AS $$
    SELECT u.login, u.display_name, u.area, u.role_name FROM core.app_user u WHERE u.role_name = session_user
$$;

REVOKE ALL ON FUNCTION core.queue_change(text, text, bigint[]), core.flush_changes() FROM PUBLIC;
REVOKE ALL ON FUNCTION core.create_user(text, text, text, text), core.set_user_password(text, text),
                       core.set_user_active(text, boolean), core.set_user_area(text, text)
    FROM PUBLIC;

-- ---------------------------------------------------------------------------------------------
-- Grants: each group exactly what it needs
-- ---------------------------------------------------------------------------------------------

DO $$
DECLARE a text;
BEGIN
    -- everybody reads the reference data and their own identity
    FOR a IN SELECT area FROM core.role_area LOOP
        PERFORM core.grant_to('SELECT', 'core.instance, core.role_area, core.company, core.setting, '
                                        'catalog.unit, sales.platform', a);
        PERFORM core.grant_to('EXECUTE', 'FUNCTION core.whoami()', a);
        PERFORM core.grant_to('EXECUTE', 'FUNCTION core.flush_changes()', a);
        PERFORM core.grant_to('EXECUTE', 'FUNCTION core.set_user_password(text, text)', a);
    END LOOP;

    -- everybody but viewers records what they did
    FOR a IN SELECT area FROM core.role_area WHERE area <> 'viewer' LOOP
        PERFORM core.grant_to('SELECT, INSERT', 'core.business_event', a);
    END LOOP;

    -- admin: everything
    PERFORM core.grant_to('ALL', 'ALL TABLES IN SCHEMA core, catalog, stock, sales, crm, purchase, fulfil', 'admin');
    PERFORM core.grant_to('EXECUTE', 'FUNCTION core.create_user(text, text, text, text), '
                          'core.set_user_active(text, boolean), core.set_user_area(text, text)', 'admin');

    -- viewer: reads business data, changes nothing, sees no users
    PERFORM core.grant_to('SELECT', 'ALL TABLES IN SCHEMA catalog, stock, sales, crm, purchase, fulfil', 'viewer');
    PERFORM core.grant_to('SELECT', 'core.business_event', 'viewer');

    -- sales (运营): the catalogue with prices, shops, customers
    PERFORM core.grant_to('SELECT', 'ALL TABLES IN SCHEMA catalog, stock, sales, crm, fulfil', 'sales');
    PERFORM core.grant_to('SELECT, INSERT, UPDATE, DELETE',
                          'catalog.category, catalog.product, catalog.sku, catalog.barcode, catalog.kit_component, '
                          'sales.shop, crm.customer', 'sales');
    PERFORM core.grant_to('SELECT', 'purchase.supplier', 'sales');

    -- finance: reads everything commercial; sets costs and prices
    PERFORM core.grant_to('SELECT', 'ALL TABLES IN SCHEMA catalog, stock, sales, crm, purchase, fulfil', 'finance');
    PERFORM core.grant_to('UPDATE (price, cost)', 'catalog.sku', 'finance');

    -- service: customers, and the catalogue to answer questions
    PERFORM core.grant_to('SELECT', 'ALL TABLES IN SCHEMA catalog, sales, fulfil', 'service');
    PERFORM core.grant_to('SELECT, INSERT, UPDATE', 'crm.customer', 'service');

    -- warehouse: reads products (not customers or suppliers), keeps weights, sizes and barcodes,
    -- and the warehouse layout.  Prices are not theirs to change.
    PERFORM core.grant_to('SELECT', 'ALL TABLES IN SCHEMA catalog, stock', 'warehouse');
    PERFORM core.grant_to('SELECT', 'fulfil.carrier, sales.shop', 'warehouse');
    PERFORM core.grant_to('UPDATE (weight_kg, length_cm, width_cm, height_cm)', 'catalog.sku', 'warehouse');
    PERFORM core.grant_to('INSERT', 'catalog.barcode', 'warehouse');
    PERFORM core.grant_to('INSERT, UPDATE', 'stock.location', 'warehouse_lead');

    -- purchasing: suppliers, costs
    PERFORM core.grant_to('SELECT', 'ALL TABLES IN SCHEMA catalog, stock, purchase', 'purchasing');
    PERFORM core.grant_to('SELECT, INSERT, UPDATE', 'purchase.supplier', 'purchasing');
    PERFORM core.grant_to('UPDATE (cost)', 'catalog.sku', 'purchasing');
    PERFORM core.grant_to('INSERT', 'catalog.barcode', 'purchasing');
END $$;

-- every client reads the schema revision to check it matches its own
DO $$
DECLARE a text;
BEGIN
    IF to_regclass('public.alembic_version') IS NOT NULL THEN
        FOR a IN SELECT area FROM core.role_area LOOP
            PERFORM core.grant_to('SELECT', 'public.alembic_version', a);
        END LOOP;
    END IF;
END $$;
