-- Orders from every shop in one queue (issue 4): orders with their lines, an event timeline,
-- the raw payloads, import runs, the per-shop SKU mapping and the rules that review and route.
--
-- What the database holds to:
-- - one order per (shop, platform order number): importing twice updates, never duplicates;
-- - an order's status changes only along the workflow (domain/orders.py TRANSITIONS, the same
--   table below), so a shipped or cancelled order can never be approved or reserved again;
-- - money is numeric(14,2), quantities numeric(14,3), platform identifiers are text.

-- ---------------------------------------------------------------------------------------------
-- shops: their settings (file mapping, API address, pull schedule) and SKU mapping
-- ---------------------------------------------------------------------------------------------

ALTER TABLE sales.shop
    ADD COLUMN settings jsonb NOT NULL DEFAULT '{}'::jsonb,     -- api url, column mapping, schedule ...
    ADD COLUMN pull_cursor text,                                -- where the next API pull resumes
    ADD COLUMN last_pull_at timestamptz;

-- the shop's SKU / outer code (商家编码) -> our SKU (or kit); `quantity` of ours per platform unit
CREATE TABLE sales.sku_map (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    shop_id      integer NOT NULL REFERENCES sales.shop ON DELETE CASCADE,
    platform_sku text NOT NULL CHECK (platform_sku <> ''),
    sku_id       integer NOT NULL REFERENCES catalog.sku ON DELETE CASCADE,
    quantity     numeric(14,3) NOT NULL DEFAULT 1 CHECK (quantity > 0),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text NOT NULL DEFAULT current_user,
    updated_by   text NOT NULL DEFAULT current_user,
    UNIQUE (shop_id, platform_sku)
);
CREATE INDEX sku_map_sku_idx ON sales.sku_map (sku_id);

-- ---------------------------------------------------------------------------------------------
-- orders
-- ---------------------------------------------------------------------------------------------

CREATE TABLE sales.order_state (
    code    text PRIMARY KEY,
    sort    smallint NOT NULL
);
INSERT INTO sales.order_state VALUES ('review', 1), ('exception', 2), ('waiting', 3), ('approved', 4),
                                     ('picking', 5), ('shipped', 6), ('cancelled', 7);

-- the workflow: from -> to (domain/orders.py TRANSITIONS says the same)
CREATE TABLE sales.order_transition (
    from_state text NOT NULL REFERENCES sales.order_state,
    to_state   text NOT NULL REFERENCES sales.order_state,
    PRIMARY KEY (from_state, to_state)
);
INSERT INTO sales.order_transition VALUES
    ('review', 'exception'), ('review', 'waiting'), ('review', 'approved'), ('review', 'cancelled'),
    ('exception', 'review'), ('exception', 'waiting'), ('exception', 'approved'), ('exception', 'cancelled'),
    ('waiting', 'review'), ('waiting', 'exception'), ('waiting', 'approved'), ('waiting', 'cancelled'),
    ('approved', 'review'), ('approved', 'waiting'), ('approved', 'picking'), ('approved', 'shipped'),
    ('approved', 'cancelled'),
    ('picking', 'approved'), ('picking', 'waiting'), ('picking', 'shipped');

CREATE SEQUENCE sales.manual_order_no;

CREATE TABLE sales."order" (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    shop_id           integer NOT NULL REFERENCES sales.shop ON DELETE RESTRICT,
    platform_order_no text NOT NULL CHECK (platform_order_no <> ''),
    status            text NOT NULL DEFAULT 'review' REFERENCES sales.order_state,
    platform_status   text NOT NULL DEFAULT 'paid'
                      CHECK (platform_status IN ('unpaid', 'paid', 'shipped', 'completed', 'cancelled',
                                                 'refunding', 'refunded')),
    platform_status_text text NOT NULL DEFAULT '',
    hold_reason       text,                         -- why it waits for a person (a code or the rule's words)
    problems          jsonb NOT NULL DEFAULT '[]',  -- validation: [{"field", "code", "detail"}]
    customer_id       integer REFERENCES crm.customer ON DELETE SET NULL,
    buyer_id          text NOT NULL DEFAULT '',
    buyer_name        text NOT NULL DEFAULT '',
    buyer_message     text NOT NULL DEFAULT '',
    seller_memo       text NOT NULL DEFAULT '',
    receiver_name     text NOT NULL DEFAULT '',
    receiver_phone    text NOT NULL DEFAULT '',     -- as the platform wrote it (may be masked)
    phone_key         text,                         -- E.164 without extension, for matching; null if masked
    phone_ext         text NOT NULL DEFAULT '',     -- virtual numbers: 13800138000-1234
    country           char(2) NOT NULL DEFAULT 'CN',
    province          text NOT NULL DEFAULT '',
    city              text NOT NULL DEFAULT '',
    district          text NOT NULL DEFAULT '',
    address_detail    text NOT NULL DEFAULT '',
    address_raw       text NOT NULL DEFAULT '',
    postal_code       text NOT NULL DEFAULT '',
    email             text NOT NULL DEFAULT '',
    currency          char(3) NOT NULL DEFAULT 'CNY',
    goods_amount      numeric(14,2) NOT NULL DEFAULT 0,
    discount          numeric(14,2) NOT NULL DEFAULT 0,
    shipping_fee      numeric(14,2) NOT NULL DEFAULT 0,
    paid_amount       numeric(14,2) NOT NULL DEFAULT 0,
    platform_fee      numeric(14,2) NOT NULL DEFAULT 0,
    ordered_at        timestamptz,
    paid_at           timestamptz NOT NULL DEFAULT now(),   -- the queue's order (else ordered_at, else import time)
    weight_kg         numeric(10,3),
    warehouse_id      integer REFERENCES stock.warehouse ON DELETE RESTRICT,
    carrier_id        integer REFERENCES fulfil.carrier ON DELETE RESTRICT,
    carrier_service   text NOT NULL DEFAULT '',
    handler_id        integer REFERENCES core.app_user ON DELETE SET NULL,
    rule_id           integer,                      -- the review rule that decided (sales.rule)
    merge_key         text,                         -- same buyer, address and shop (domain/rules.merge_key)
    merged_into       bigint REFERENCES sales."order" ON DELETE RESTRICT,
    split_from        bigint REFERENCES sales."order" ON DELETE RESTRICT,
    platform_order_nos text[] NOT NULL DEFAULT '{}',  -- every platform order this one ships (merge)
    tracking_no       text,
    shipped_at        timestamptz,
    payload_hash      text,                         -- of the last imported payload: unchanged re-imports
    version           integer NOT NULL DEFAULT 1,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    created_by        text NOT NULL DEFAULT current_user,
    updated_by        text NOT NULL DEFAULT current_user,
    CONSTRAINT order_platform_no_unique UNIQUE (shop_id, platform_order_no),
    CONSTRAINT order_amounts_not_negative CHECK (goods_amount >= 0 AND discount >= 0 AND shipping_fee >= 0
                                                 AND paid_amount >= 0 AND platform_fee >= 0)
);
-- the Orders dock: a tab (status) newest first, keyset by (paid_at, id); filters; searches
CREATE INDEX order_status_paid_idx ON sales."order" (status, paid_at, id);
CREATE INDEX order_paid_idx ON sales."order" (paid_at, id);
CREATE INDEX order_shop_status_idx ON sales."order" (shop_id, status, paid_at, id);
CREATE INDEX order_no_idx ON sales."order" (platform_order_no text_pattern_ops);
CREATE INDEX order_phone_idx ON sales."order" (phone_key) WHERE phone_key IS NOT NULL;
CREATE INDEX order_receiver_phone_idx ON sales."order" (receiver_phone text_pattern_ops);
CREATE INDEX order_buyer_idx ON sales."order" (buyer_name text_pattern_ops);
CREATE INDEX order_tracking_idx ON sales."order" (tracking_no) WHERE tracking_no IS NOT NULL;
CREATE INDEX order_customer_idx ON sales."order" (customer_id);
CREATE INDEX order_merge_idx ON sales."order" (merge_key) WHERE status IN ('review', 'exception', 'waiting', 'approved');
CREATE INDEX order_waiting_idx ON sales."order" (paid_at, id) WHERE status = 'waiting';

CREATE TABLE sales.order_line (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id         bigint NOT NULL REFERENCES sales."order" ON DELETE CASCADE,
    line_no          smallint NOT NULL CHECK (line_no > 0),
    platform_line_id text NOT NULL DEFAULT '',
    platform_sku     text NOT NULL DEFAULT '',
    title            text NOT NULL DEFAULT '',
    variant          text NOT NULL DEFAULT '',
    platform_status  text NOT NULL DEFAULT 'paid',
    quantity         numeric(14,3) NOT NULL CHECK (quantity > 0),
    unit_price       numeric(14,2) NOT NULL DEFAULT 0,
    amount           numeric(14,2) NOT NULL DEFAULT 0,
    sku_id           integer REFERENCES catalog.sku ON DELETE RESTRICT,   -- null: not mapped yet
    sku_quantity     numeric(14,3),                  -- of our SKU: quantity x the mapping's quantity
    reservation_id   bigint REFERENCES stock.reservation ON DELETE SET NULL,
    UNIQUE (order_id, line_no)
);
CREATE INDEX order_line_sku_idx ON sales.order_line (sku_id, order_id);

-- the timeline: imported, updated, validated, rule fired, reviewed by whom, reserved, merged ...
CREATE TABLE sales.order_event (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id  bigint NOT NULL REFERENCES sales."order" ON DELETE CASCADE,
    at        timestamptz NOT NULL DEFAULT now(),
    actor     text NOT NULL DEFAULT session_user,
    kind      text NOT NULL,
    detail    jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX order_event_order_idx ON sales.order_event (order_id, id);

-- one import (a file, an API pull, a manual entry) and what came of it
CREATE TABLE sales.import_run (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    shop_id     integer NOT NULL REFERENCES sales.shop ON DELETE CASCADE,
    source      text NOT NULL CHECK (source IN ('file', 'api', 'manual')),
    file_name   text,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    created     integer NOT NULL DEFAULT 0,
    updated     integer NOT NULL DEFAULT 0,
    unchanged   integer NOT NULL DEFAULT 0,
    skipped     integer NOT NULL DEFAULT 0,     -- not paid yet
    rejected    integer NOT NULL DEFAULT 0,
    errors      jsonb NOT NULL DEFAULT '[]',    -- [{"row", "field", "reason", "detail", "order_no"}]
    cursor_before text,
    cursor_after  text,
    failure     text,                           -- why the run stopped, when it did
    created_by  text NOT NULL DEFAULT session_user
);
CREATE INDEX import_run_shop_idx ON sales.import_run (shop_id, id DESC);

-- the raw payload (API JSON or the file's rows) of each import that changed the order
CREATE TABLE sales.order_payload (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id      bigint NOT NULL REFERENCES sales."order" ON DELETE CASCADE,
    import_run_id bigint REFERENCES sales.import_run ON DELETE SET NULL,
    received_at   timestamptz NOT NULL DEFAULT now(),
    payload       jsonb NOT NULL
);
CREATE INDEX order_payload_order_idx ON sales.order_payload (order_id, id);

-- ---------------------------------------------------------------------------------------------
-- rules: review (审单), warehouse, carrier, assignment; conditions and params as JSON
-- (domain/rules.py reads and validates them)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE sales.rule (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text NOT NULL CHECK (kind IN ('review', 'warehouse', 'carrier', 'assign')),
    name        text NOT NULL CHECK (name <> ''),
    priority    integer NOT NULL DEFAULT 100,
    active      boolean NOT NULL DEFAULT true,
    conditions  jsonb NOT NULL DEFAULT '{"v": 1, "match": "all", "conditions": []}',
    action      text NOT NULL,
    params      jsonb NOT NULL DEFAULT '{}',
    last_assigned text,                        -- round-robin inside a team: who got the last order
    version     integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL DEFAULT current_user,
    updated_by  text NOT NULL DEFAULT current_user
);
CREATE INDEX rule_kind_idx ON sales.rule (kind, priority, id) WHERE active;
ALTER TABLE sales."order" ADD CONSTRAINT order_rule_fkey FOREIGN KEY (rule_id) REFERENCES sales.rule ON DELETE SET NULL;

-- blacklisted phones and customers (review rules can hold their orders)
CREATE TABLE sales.blacklist (
    id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone_key  text UNIQUE,
    customer_id integer UNIQUE REFERENCES crm.customer ON DELETE CASCADE,
    reason     text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL DEFAULT current_user,
    updated_by text NOT NULL DEFAULT current_user,
    CHECK (phone_key IS NOT NULL OR customer_id IS NOT NULL)
);

-- customers are found by platform buyer id or normalised phone
ALTER TABLE crm.customer ADD COLUMN phone_key text, ADD COLUMN orders_count integer NOT NULL DEFAULT 0;
CREATE INDEX customer_phone_key_idx ON crm.customer (phone_key) WHERE phone_key IS NOT NULL;
CREATE TABLE crm.customer_account (
    customer_id integer NOT NULL REFERENCES crm.customer ON DELETE CASCADE,
    platform_code text NOT NULL REFERENCES sales.platform,
    buyer_id    text NOT NULL CHECK (buyer_id <> ''),
    PRIMARY KEY (platform_code, buyer_id)
);
CREATE INDEX customer_account_customer_idx ON crm.customer_account (customer_id);

-- ---------------------------------------------------------------------------------------------
-- the workflow guard; the version column for edits from several desktops
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION sales.order_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NEW.status IS DISTINCT FROM OLD.status AND NOT EXISTS (
            SELECT 1 FROM sales.order_transition WHERE from_state = OLD.status AND to_state = NEW.status) THEN
        RAISE EXCEPTION 'order % cannot go from % to %', OLD.platform_order_no, OLD.status, NEW.status
            USING ERRCODE = 'check_violation', HINT = 'illegal_transition',
                  DETAIL = json_build_object('order', OLD.platform_order_no, 'from', OLD.status,
                                             'to', NEW.status)::text;
    END IF;
    IF NEW.shop_id IS DISTINCT FROM OLD.shop_id OR NEW.platform_order_no IS DISTINCT FROM OLD.platform_order_no THEN
        RAISE EXCEPTION 'an order keeps its shop and platform order number' USING ERRCODE = 'check_violation';
    END IF;
    NEW.version := OLD.version + 1;
    RETURN NEW;
END $$;
CREATE TRIGGER order_guard BEFORE UPDATE ON sales."order" FOR EACH ROW EXECUTE FUNCTION sales.order_guard();

-- a line of a shipped or cancelled order is never re-reserved
CREATE FUNCTION sales.order_line_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NEW.reservation_id IS NOT NULL AND NEW.reservation_id IS DISTINCT FROM OLD.reservation_id
       AND (SELECT status FROM sales."order" WHERE id = NEW.order_id) IN ('shipped', 'cancelled') THEN
        RAISE EXCEPTION 'order % is % and cannot reserve stock', NEW.order_id,
            (SELECT status FROM sales."order" WHERE id = NEW.order_id)
            USING ERRCODE = 'check_violation', HINT = 'illegal_transition';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER order_line_guard BEFORE UPDATE ON sales.order_line FOR EACH ROW
    EXECUTE FUNCTION sales.order_line_guard();

SELECT core.track('sales."order"'), core.track('sales.sku_map', false), core.track('sales.rule'),
       core.track('sales.blacklist', false);

-- ---------------------------------------------------------------------------------------------
-- grants
-- ---------------------------------------------------------------------------------------------

DO $$
DECLARE a text;
BEGIN
    -- everybody: the workflow's words, and who is who (an order's handler, a rule's team)
    FOR a IN SELECT area FROM core.role_area LOOP
        PERFORM core.grant_to('SELECT', 'sales.order_state, sales.order_transition', a);
        PERFORM core.grant_to('SELECT (id, login, display_name)', 'core.app_user', a);
    END LOOP;
    -- sales (运营/客服审单): the whole order desk
    FOREACH a IN ARRAY ARRAY['sales', 'admin'] LOOP
        PERFORM core.grant_to('SELECT, INSERT, UPDATE', 'sales."order", sales.order_line, sales.sku_map, '
                              'sales.import_run, sales.rule, sales.blacklist, crm.customer_account', a);
        PERFORM core.grant_to('DELETE', 'sales.sku_map, sales.rule, sales.blacklist, sales.order_line', a);
        PERFORM core.grant_to('SELECT, INSERT', 'sales.order_event, sales.order_payload', a);
        PERFORM core.grant_to('UPDATE (settings, pull_cursor, last_pull_at)', 'sales.shop', a);
        PERFORM core.grant_to('USAGE', 'SEQUENCE sales.manual_order_no', a);
    END LOOP;
    -- customer service reads orders and their timeline, adds notes to it
    PERFORM core.grant_to('SELECT', 'sales."order", sales.order_line, sales.order_event, crm.customer_account, '
                          'sales.rule, sales.sku_map, stock.warehouse', 'service');
    PERFORM core.grant_to('INSERT', 'sales.order_event', 'service');
    PERFORM core.grant_to('SELECT', 'sales.order_payload', 'service');
    -- the warehouse reads what it must pick and ship
    PERFORM core.grant_to('SELECT', 'sales."order", sales.order_line, sales.order_event, sales.rule', 'warehouse');
    PERFORM core.grant_to('SELECT', 'sales."order", sales.order_line, sales.order_event, sales.rule',
                          'warehouse_lead');
    -- finance and viewers read
    FOREACH a IN ARRAY ARRAY['finance', 'viewer'] LOOP
        PERFORM core.grant_to('SELECT', 'sales."order", sales.order_line, sales.order_event, sales.import_run, '
                              'sales.rule, sales.sku_map', a);
    END LOOP;
END $$;
