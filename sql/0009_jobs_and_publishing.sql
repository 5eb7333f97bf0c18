-- Background jobs claimed once, and stock published to the shops without overselling (issue 4).
--
-- Jobs (DESIGN.md §2, §5): every open client and `erp-desktop worker` run due jobs; a job is
-- claimed with FOR UPDATE SKIP LOCKED and a lease, so however many runners there are it runs
-- once, and a runner that died gives its job back when the lease runs out.
--
-- Publishing: per shop and SKU a rule says what the shop may sell: a ratio of the SKU's
-- available-to-sell, a fixed quantity, or all of it less a buffer (else the shop's stock_ratio).
-- sales.publish() computes what each shop gets and, where the shops' wishes add up to more than
-- there is, scales them down, so what is published across shops for a SKU never adds up to more
-- than its available-to-sell; a trigger on sales.published refuses any write that would.  A
-- sale on one shop lowers the others' figures at the next push: every stock level change queues
-- its SKU (core.flush_changes, below) and a 'push_stock' job pushes them, coalesced.

-- ---------------------------------------------------------------------------------------------
-- jobs
-- ---------------------------------------------------------------------------------------------

CREATE TABLE core.job (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind        text NOT NULL,                    -- pull_orders, push_stock ...
    key         text NOT NULL DEFAULT '',         -- what it is for (a shop id ...)
    payload     jsonb NOT NULL DEFAULT '{}',
    run_at      timestamptz NOT NULL DEFAULT now(),
    status      text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
    attempts    integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL DEFAULT 8,
    last_error  text,
    claimed_by  text,
    claimed_at  timestamptz,
    lease_until timestamptz,
    finished_at timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL DEFAULT session_user
);
-- one waiting job per (kind, key): asking again while one waits changes nothing
CREATE UNIQUE INDEX job_queued_key ON core.job (kind, key) WHERE status = 'queued';
CREATE INDEX job_due_idx ON core.job (run_at) WHERE status IN ('queued', 'running');
CREATE INDEX job_recent_idx ON core.job (kind, id DESC);

-- Ask for a job (nothing happens when the same one already waits); returns its id or null.
CREATE FUNCTION core.request_job(p_kind text, p_key text DEFAULT '', p_payload jsonb DEFAULT '{}',
                                 p_run_at timestamptz DEFAULT now()) RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    INSERT INTO core.job (kind, key, payload, run_at) VALUES (p_kind, p_key, p_payload, p_run_at)
    ON CONFLICT (kind, key) WHERE status = 'queued' DO NOTHING
    RETURNING id
$$;

-- Claim the next due job of the given kinds (or one whose runner's lease ran out), but none this
-- runner cannot do: p_skip lists 'kind:key' (e.g. the pulls of shops whose credentials are kept
-- on other PCs) or 'kind:*'.
CREATE FUNCTION core.claim_job(p_kinds text[], p_worker text, p_lease interval DEFAULT '5 minutes',
                               p_skip text[] DEFAULT '{}')
RETURNS SETOF core.job
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    UPDATE core.job j SET status = 'running', claimed_by = p_worker, claimed_at = now(),
                          lease_until = now() + p_lease, attempts = j.attempts + 1
    WHERE j.id = (SELECT id FROM core.job
                  WHERE kind = ANY(p_kinds) AND run_at <= now()
                    AND NOT (kind || ':' || key = ANY(p_skip) OR kind || ':*' = ANY(p_skip))
                    AND (status = 'queued' OR (status = 'running' AND lease_until < now()))
                  ORDER BY run_at, id
                  LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING j.*
$$;

-- A claimed job ends: done, or failed (tried again after p_retry_in until its attempts run out).
CREATE FUNCTION core.finish_job(p_id bigint, p_worker text, p_error text DEFAULT NULL,
                                p_retry_in interval DEFAULT NULL) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    j core.job;
BEGIN
    SELECT * INTO j FROM core.job WHERE id = p_id AND claimed_by = p_worker AND status = 'running' FOR UPDATE;
    IF NOT FOUND THEN
        RETURN 'lost';                 -- the lease ran out and another runner took it
    END IF;
    IF p_error IS NULL THEN
        UPDATE core.job SET status = 'done', finished_at = now(), last_error = NULL WHERE id = p_id;
        RETURN 'done';
    END IF;
    IF j.attempts >= j.max_attempts OR p_retry_in IS NULL THEN
        UPDATE core.job SET status = 'failed', finished_at = now(), last_error = p_error WHERE id = p_id;
        RETURN 'failed';
    END IF;
    -- back in the queue, unless the same job was asked for again meanwhile: then that one waits as
    -- long as this one would have (the platform is failing), and this one is done
    IF EXISTS (SELECT 1 FROM core.job WHERE kind = j.kind AND key = j.key AND status = 'queued') THEN
        UPDATE core.job SET status = 'done', finished_at = now(), last_error = p_error WHERE id = p_id;
        UPDATE core.job SET run_at = greatest(run_at, now() + p_retry_in), last_error = p_error,
                            attempts = greatest(attempts, j.attempts)
            WHERE kind = j.kind AND key = j.key AND status = 'queued';
        RETURN 'merged';
    END IF;
    UPDATE core.job SET status = 'queued', run_at = now() + p_retry_in, last_error = p_error,
                        lease_until = NULL WHERE id = p_id;
    RETURN 'retry';
END $$;

-- ---------------------------------------------------------------------------------------------
-- publishing stock to the shops
-- ---------------------------------------------------------------------------------------------

CREATE TABLE sales.publish_rule (
    id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    shop_id    integer NOT NULL REFERENCES sales.shop ON DELETE CASCADE,
    sku_id     integer REFERENCES catalog.sku ON DELETE CASCADE,   -- null: every SKU of the shop
    mode       text NOT NULL CHECK (mode IN ('ratio', 'fixed', 'buffer', 'none')),
    value      numeric(14,4) NOT NULL DEFAULT 1 CHECK (value >= 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL DEFAULT current_user,
    updated_by text NOT NULL DEFAULT current_user,
    CONSTRAINT publish_rule_unique UNIQUE NULLS NOT DISTINCT (shop_id, sku_id),
    CONSTRAINT publish_rule_ratio CHECK (mode <> 'ratio' OR value <= 1)
);

-- what each shop may sell of each SKU, as last computed, and what the shop was last told
CREATE TABLE sales.published (
    shop_id         integer NOT NULL REFERENCES sales.shop ON DELETE CASCADE,
    sku_id          integer NOT NULL REFERENCES catalog.sku ON DELETE CASCADE,
    quantity        integer NOT NULL CHECK (quantity >= 0),
    available       integer NOT NULL,                -- the SKU's available-to-sell it was computed from
    computed_at     timestamptz NOT NULL DEFAULT now(),
    pushed_quantity integer,
    pushed_at       timestamptz,
    push_error      text,
    PRIMARY KEY (shop_id, sku_id)
);
CREATE INDEX published_sku_idx ON sales.published (sku_id);

-- SKUs whose stock changed since the last push (coalesced: one row per SKU)
CREATE TABLE sales.push_queue (
    sku_id    integer PRIMARY KEY REFERENCES catalog.sku ON DELETE CASCADE,
    queued_at timestamptz NOT NULL DEFAULT now()
);

-- available-to-sell of a SKU across the active warehouses, in whole units (a kit: the kits its
-- components make)
CREATE FUNCTION sales.available_to_sell(p_sku integer) RETURNS integer
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE WHEN k.is_kit THEN
               coalesce((SELECT min(floor(greatest(coalesce((SELECT sum(stock.available(c.component_sku_id, w.id))
                                                              FROM stock.warehouse w WHERE w.active), 0), 0)
                                          / c.quantity))::integer
                         FROM catalog.kit_component c WHERE c.kit_sku_id = p_sku), 0)
           ELSE coalesce((SELECT floor(greatest(sum(stock.available(p_sku, l.warehouse_id)), 0))::integer
                          FROM stock.level l JOIN stock.warehouse w ON w.id = l.warehouse_id
                          WHERE l.sku_id = p_sku AND w.active), 0)
           END
    FROM catalog.sku k WHERE k.id = p_sku
$$;

-- Compute and store what each shop selling these SKUs may publish; returns the rows written.
-- A shop sells a SKU when it has a mapping for it (sales.sku_map) and is active.
CREATE FUNCTION sales.publish(p_skus integer[])
RETURNS TABLE (shop_id integer, sku_id integer, quantity integer, available integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    s integer;
    ats integer;
    shops integer[];
    wants bigint[];
    wanted bigint;
BEGIN
    FOREACH s IN ARRAY coalesce((SELECT array_agg(DISTINCT x ORDER BY x) FROM unnest(p_skus) x), '{}') LOOP
        -- one publisher per SKU at a time: the shares are computed and written together
        PERFORM pg_advisory_xact_lock(7365, s);
        ats := greatest(coalesce(sales.available_to_sell(s), 0), 0);
        SELECT coalesce(array_agg(sh.id ORDER BY sh.id), '{}'),
               coalesce(array_agg(CASE coalesce(r1.mode, r0.mode, 'ratio')
                   WHEN 'ratio' THEN floor(ats * coalesce(r1.value, r0.value, sh.stock_ratio))
                   WHEN 'fixed' THEN least(coalesce(r1.value, r0.value), ats)
                   WHEN 'buffer' THEN greatest(ats - coalesce(r1.value, r0.value), 0)
                   ELSE 0 END::bigint ORDER BY sh.id), '{}')
          INTO shops, wants
        FROM sales.shop sh
        LEFT JOIN sales.publish_rule r1 ON r1.shop_id = sh.id AND r1.sku_id = s
        LEFT JOIN sales.publish_rule r0 ON r0.shop_id = sh.id AND r0.sku_id IS NULL
        WHERE sh.active AND EXISTS (SELECT 1 FROM sales.sku_map m WHERE m.shop_id = sh.id AND m.sku_id = s);
        SELECT coalesce(sum(w), 0) INTO wanted FROM unnest(wants) w;
        RETURN QUERY
        INSERT INTO sales.published AS p (shop_id, sku_id, quantity, available)
        SELECT x.shop, s,
               -- more wished for than there is: every shop gets its share, rounded down
               (CASE WHEN wanted > ats THEN floor(x.want::numeric * ats / wanted) ELSE x.want END)::integer, ats
        FROM unnest(shops, wants) AS x(shop, want)
        ON CONFLICT ON CONSTRAINT published_pkey DO UPDATE
            SET quantity = excluded.quantity, available = excluded.available, computed_at = now()
        RETURNING p.shop_id, p.sku_id, p.quantity, p.available;
        -- shops that no longer sell it publish nothing
        DELETE FROM sales.published p WHERE p.sku_id = s AND p.shop_id <> ALL(shops);
    END LOOP;
END $$;

-- the guarantee, whoever writes: per SKU, the shops' quantities add up to no more than its
-- available-to-sell at the time of writing
CREATE FUNCTION sales.published_within_stock() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    bad record;
BEGIN
    SELECT p.sku_id, sum(p.quantity) AS total, sales.available_to_sell(p.sku_id) AS ats INTO bad
    FROM sales.published p WHERE p.sku_id IN (SELECT DISTINCT n.sku_id FROM new_rows n)
    GROUP BY p.sku_id HAVING sum(p.quantity) > greatest(sales.available_to_sell(p.sku_id), 0) LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'published % of SKU % but only % available to sell', bad.total, bad.sku_id, bad.ats
            USING ERRCODE = 'check_violation', HINT = 'overpublished';
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER published_within_stock_ins AFTER INSERT ON sales.published REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION sales.published_within_stock();
CREATE TRIGGER published_within_stock_upd AFTER UPDATE ON sales.published REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION sales.published_within_stock();

-- what the shop was told (the push job records it)
CREATE FUNCTION sales.record_push(p_shop integer, p_skus integer[], p_quantities integer[], p_errors text[])
RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    UPDATE sales.published p
    SET pushed_quantity = CASE WHEN x.err IS NULL THEN x.q ELSE p.pushed_quantity END,
        pushed_at = CASE WHEN x.err IS NULL THEN now() ELSE p.pushed_at END,
        push_error = x.err
    FROM unnest(p_skus, p_quantities, p_errors) AS x(sku, q, err)
    WHERE p.shop_id = p_shop AND p.sku_id = x.sku
$$;

-- take up to p_limit queued SKUs (each once, however many runners)
CREATE FUNCTION sales.take_push_queue(p_limit integer DEFAULT 500) RETURNS integer[]
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    WITH taken AS (
        DELETE FROM sales.push_queue WHERE sku_id IN (
            SELECT sku_id FROM sales.push_queue ORDER BY queued_at LIMIT p_limit FOR UPDATE SKIP LOCKED)
        RETURNING sku_id)
    SELECT coalesce(array_agg(sku_id ORDER BY sku_id), '{}') FROM taken
$$;

CREATE FUNCTION sales.queue_push(p_skus integer[]) RETURNS void
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    INSERT INTO sales.push_queue (sku_id) SELECT DISTINCT x FROM unnest(p_skus) x
    WHERE EXISTS (SELECT 1 FROM catalog.sku WHERE id = x)
    ON CONFLICT DO NOTHING;
    SELECT core.request_job('push_stock') WHERE cardinality(p_skus) > 0;
$$;

-- Live updates now also queue a stock push for the SKUs whose levels changed (only when some
-- active shop is reached through an API: its platform has one and the shop has its address), and ask for a 'retry_waiting' job when orders wait for
-- stock; the rest is 0001's flush.
CREATE OR REPLACE FUNCTION core.flush_changes() RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r record;
    n integer := 0;
    taken core.change_queue[];
    skus integer[];
BEGIN
    WITH t AS (DELETE FROM core.change_queue RETURNING *)
    SELECT coalesce(array_agg(t), '{}') INTO taken FROM t;
    FOR r IN
        WITH t AS (SELECT * FROM unnest(taken)),
        per_group AS (SELECT tbl, op, bool_or(ids IS NULL) AS everything FROM t GROUP BY tbl, op),
        listed AS (SELECT DISTINCT t.tbl, t.op, x.id FROM t, unnest(t.ids) AS x(id))
        SELECT g.tbl, g.op,
               CASE WHEN g.everything OR count(l.id) >= 500 THEN NULL
                    ELSE jsonb_agg(l.id ORDER BY l.id) FILTER (WHERE l.id IS NOT NULL) END AS ids
        FROM per_group g LEFT JOIN listed l ON l.tbl = g.tbl AND l.op = g.op
        GROUP BY g.tbl, g.op, g.everything
    LOOP
        PERFORM pg_notify('erp_changes', json_build_object('t', r.tbl, 'op', r.op, 'ids', r.ids)::text);
        n := n + 1;
    END LOOP;
    IF EXISTS (SELECT 1 FROM unnest(taken) t WHERE t.tbl = 'stock.level')
       AND EXISTS (SELECT 1 FROM sales.shop s JOIN sales.platform p ON p.code = s.platform_code
                   WHERE s.active AND p.has_api AND s.settings ? 'api') THEN
        IF EXISTS (SELECT 1 FROM unnest(taken) t WHERE t.tbl = 'stock.level' AND t.ids IS NULL) THEN
            skus := ARRAY(SELECT DISTINCT m.sku_id FROM sales.sku_map m);
        ELSE
            skus := ARRAY(SELECT DISTINCT l.sku_id FROM unnest(taken) t, unnest(t.ids) AS x(id)
                          JOIN stock.level l ON l.id = x.id
                          WHERE t.tbl = 'stock.level'
                            AND EXISTS (SELECT 1 FROM sales.sku_map m WHERE m.sku_id = l.sku_id));
        END IF;
        IF cardinality(skus) > 0 THEN
            PERFORM sales.queue_push(skus);
        END IF;
    END IF;
    -- stock moved while orders wait for it: try them again (oldest payment first, services side)
    IF EXISTS (SELECT 1 FROM unnest(taken) t WHERE t.tbl = 'stock.level')
       AND EXISTS (SELECT 1 FROM sales."order" WHERE status = 'waiting') THEN
        PERFORM core.request_job('retry_waiting');
    END IF;
    RETURN n;
END $$;

SELECT core.track('sales.publish_rule', false);

-- ---------------------------------------------------------------------------------------------
-- grants: jobs are asked for and run by the areas that own them; publishing is computed by
-- the database for whoever asks, and its rules are the order desk's
-- ---------------------------------------------------------------------------------------------

REVOKE ALL ON FUNCTION core.request_job(text, text, jsonb, timestamptz), core.claim_job(text[], text, interval, text[]),
                       core.finish_job(bigint, text, text, interval), sales.publish(integer[]),
                       sales.record_push(integer, integer[], integer[], text[]), sales.take_push_queue(integer),
                       sales.queue_push(integer[]), sales.available_to_sell(integer) FROM PUBLIC;
DO $$
DECLARE a text;
BEGIN
    FOR a IN SELECT area FROM core.role_area LOOP
        PERFORM core.grant_to('SELECT', 'core.job', a);
    END LOOP;
    FOREACH a IN ARRAY ARRAY['sales', 'admin'] LOOP
        PERFORM core.grant_to('EXECUTE', 'FUNCTION core.request_job(text, text, jsonb, timestamptz), '
                              'core.claim_job(text[], text, interval, text[]), core.finish_job(bigint, text, text, interval), '
                              'sales.publish(integer[]), sales.record_push(integer, integer[], integer[], text[]), '
                              'sales.take_push_queue(integer), sales.queue_push(integer[])', a);
        PERFORM core.grant_to('SELECT, INSERT, UPDATE, DELETE', 'sales.publish_rule', a);
    END LOOP;
    FOREACH a IN ARRAY ARRAY['admin', 'sales', 'finance', 'warehouse', 'warehouse_lead', 'purchasing', 'viewer'] LOOP
        PERFORM core.grant_to('SELECT', 'sales.published, sales.publish_rule', a);
        PERFORM core.grant_to('EXECUTE', 'FUNCTION sales.available_to_sell(integer)', a);
    END LOOP;
END $$;
