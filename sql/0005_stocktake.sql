-- 0005_stocktake: stocktakes (盘点) counted bin by bin with barcode scanners.
--
-- A count covers a warehouse, chosen bins, a category or a list of SKUs (a cycle count).  Each
-- bin is counted on its own: starting it takes a snapshot of the bin's quants (the expected
-- quantities at that moment), scans add count lines, finishing it closes the bin.  Shipping
-- may go on meanwhile: posting compares each bin with its own snapshot and applies only the
-- difference (counted - expected then) to today's stock, so moves after the snapshot stay.
-- Every write goes through the SECURITY DEFINER functions below: warehouse staff count,
-- warehouse leads and administrators plan, close and post; nobody writes the tables directly.

CREATE TABLE stock.stocktake (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    warehouse_id  integer NOT NULL REFERENCES stock.warehouse ON DELETE RESTRICT,
    scope         text NOT NULL CHECK (scope IN ('warehouse', 'bins', 'category', 'skus')),
    category_id   integer REFERENCES catalog.category ON DELETE RESTRICT,
    blind         boolean NOT NULL DEFAULT false,      -- counters do not see the expected quantities
    status        text NOT NULL DEFAULT 'draft'
                  CHECK (status IN ('draft', 'counting', 'closed', 'posted', 'cancelled')),
    note          text,
    started_at    timestamptz,
    closed_at     timestamptz,
    closed_by     text,
    posted_at     timestamptz,
    posted_by     text,
    cancelled_at  timestamptz,
    cancelled_by  text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text NOT NULL DEFAULT session_user,
    updated_by    text NOT NULL DEFAULT session_user,
    CONSTRAINT category_scope CHECK ((scope = 'category') = (category_id IS NOT NULL))
);
CREATE INDEX stocktake_warehouse_status_idx ON stock.stocktake (warehouse_id, status);
CREATE INDEX stocktake_open_idx ON stock.stocktake (id) WHERE status IN ('draft', 'counting', 'closed');

-- the SKUs a category or cycle count looks at (fixed when the count is created)
CREATE TABLE stock.stocktake_sku (
    stocktake_id  bigint NOT NULL REFERENCES stock.stocktake ON DELETE CASCADE,
    sku_id        integer NOT NULL REFERENCES catalog.sku ON DELETE RESTRICT,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text NOT NULL DEFAULT session_user,
    updated_by    text NOT NULL DEFAULT session_user,
    PRIMARY KEY (stocktake_id, sku_id)
);

-- the bins a count covers, each counted on its own
CREATE TABLE stock.stocktake_bin (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stocktake_id  bigint NOT NULL REFERENCES stock.stocktake ON DELETE CASCADE,
    location_id   integer NOT NULL REFERENCES stock.location ON DELETE RESTRICT,
    state         text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'counting', 'counted', 'recount')),
    snapshot_at   timestamptz,        -- counting began: the expected quantities are the quants then
    started_by    text,
    counted_at    timestamptz,        -- counting ended
    counted_by    text,
    recounts      integer NOT NULL DEFAULT 0,
    moves_while_counting integer NOT NULL DEFAULT 0,   -- moves in or out of the bin between start and end
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text NOT NULL DEFAULT session_user,
    updated_by    text NOT NULL DEFAULT session_user,
    UNIQUE (stocktake_id, location_id),
    CONSTRAINT snapshot_taken CHECK (state IN ('pending', 'recount') OR snapshot_at IS NOT NULL)
);
CREATE INDEX stocktake_bin_location_idx ON stock.stocktake_bin (location_id);

-- what the ledger said was in a bin when its counting began
CREATE TABLE stock.stocktake_expected (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bin_id        bigint NOT NULL REFERENCES stock.stocktake_bin ON DELETE CASCADE,
    sku_id        integer NOT NULL REFERENCES catalog.sku ON DELETE RESTRICT,
    lot_id        integer REFERENCES stock.lot ON DELETE RESTRICT,
    quantity      numeric(14,3) NOT NULL CHECK (quantity >= 0),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text NOT NULL DEFAULT session_user,
    updated_by    text NOT NULL DEFAULT session_user
);
CREATE UNIQUE INDEX stocktake_expected_key ON stock.stocktake_expected (bin_id, sku_id, coalesce(lot_id, 0));

-- what the counters found: one line per scan (or typed quantity; a correction is negative)
CREATE TABLE stock.stocktake_line (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    bin_id        bigint NOT NULL REFERENCES stock.stocktake_bin ON DELETE CASCADE,
    sku_id        integer NOT NULL REFERENCES catalog.sku ON DELETE RESTRICT,
    lot_id        integer REFERENCES stock.lot ON DELETE RESTRICT,
    quantity      numeric(14,3) NOT NULL CHECK (quantity <> 0),
    barcode       text,                                   -- what was scanned; null when typed
    counted_by    text NOT NULL DEFAULT session_user,
    scanned_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text NOT NULL DEFAULT session_user,
    updated_by    text NOT NULL DEFAULT session_user
);
CREATE INDEX stocktake_line_bin_sku_idx ON stock.stocktake_line (bin_id, sku_id, lot_id);

-- barcodes scanned during a count that name no SKU: listed for someone to look into
CREATE TABLE stock.stocktake_unknown (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stocktake_id  bigint NOT NULL REFERENCES stock.stocktake ON DELETE CASCADE,
    bin_id        bigint REFERENCES stock.stocktake_bin ON DELETE CASCADE,
    code          text NOT NULL CHECK (code <> ''),
    scanned_by    text NOT NULL DEFAULT session_user,
    scanned_at    timestamptz NOT NULL DEFAULT clock_timestamp(),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    created_by    text NOT NULL DEFAULT session_user,
    updated_by    text NOT NULL DEFAULT session_user
);
CREATE INDEX stocktake_unknown_stocktake_idx ON stock.stocktake_unknown (stocktake_id, scanned_at);

-- live updates: every client sees the counts, the bins' progress and the scans of the others
SELECT core.track('stock.stocktake'), core.track('stock.stocktake_bin'), core.track('stock.stocktake_line'),
       core.track('stock.stocktake_unknown');
SELECT core.track('stock.stocktake_sku', false), core.track('stock.stocktake_expected', false);

-- ---------------------------------------------------------------------------------------------
-- Workflows (the same tables as erp_desktop/domain/stocktake.py), kept by the database
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION stock.stocktake_check_state() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    old_state text;
    new_state text;
    allowed text[];
BEGIN
    IF TG_TABLE_NAME = 'stocktake' THEN
        old_state := OLD.status;
        new_state := NEW.status;
        allowed := ARRAY['draft>counting', 'draft>cancelled', 'counting>closed', 'counting>cancelled',
                         'closed>counting', 'closed>posted', 'closed>cancelled'];
    ELSE
        old_state := OLD.state;
        new_state := NEW.state;
        allowed := ARRAY['pending>counting', 'counting>counted', 'counted>counting', 'counting>recount',
                         'counted>recount', 'recount>counting'];
    END IF;
    IF new_state IS DISTINCT FROM old_state AND NOT (old_state || '>' || new_state) = ANY (allowed) THEN
        RAISE EXCEPTION 'a % cannot go from % to %', replace(TG_TABLE_NAME, '_', ' '), old_state, new_state
            USING ERRCODE = 'P0001', HINT = 'stocktake_state',
                  DETAIL = json_build_object('what', CASE TG_TABLE_NAME WHEN 'stocktake' THEN 'stocktake' ELSE 'bin' END,
                                             'id', OLD.id, 'state', old_state, 'wanted', new_state)::text;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER check_state BEFORE UPDATE ON stock.stocktake
    FOR EACH ROW EXECUTE FUNCTION stock.stocktake_check_state();
CREATE TRIGGER check_state BEFORE UPDATE ON stock.stocktake_bin
    FOR EACH ROW EXECUTE FUNCTION stock.stocktake_check_state();

-- a refusal the client turns into a typed error: P0001, HINT = code, DETAIL = JSON data
CREATE FUNCTION stock.stocktake_refuse(p_code text, p_message text, p_detail json) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION '%', p_message USING ERRCODE = 'P0001', HINT = p_code, DETAIL = p_detail::text;
END $$;

-- the stocktake in one of the wanted states, locked (FOR SHARE for counting, FOR UPDATE for
-- closing and posting, always before its bins: one lock order, no deadlocks)
CREATE FUNCTION stock.stocktake_lock(p_stocktake bigint, p_states text[], p_action text, p_exclusive boolean)
RETURNS stock.stocktake
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    st stock.stocktake;
BEGIN
    IF p_exclusive THEN
        SELECT * INTO st FROM stock.stocktake WHERE id = p_stocktake FOR UPDATE;
    ELSE
        SELECT * INTO st FROM stock.stocktake WHERE id = p_stocktake FOR SHARE;
    END IF;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no stocktake %', p_stocktake USING ERRCODE = 'no_data_found';
    END IF;
    IF NOT st.status = ANY (p_states) THEN
        PERFORM stock.stocktake_refuse('stocktake_state',
            format('cannot %s: stocktake %s is %s', p_action, p_stocktake, st.status),
            json_build_object('what', 'stocktake', 'id', p_stocktake, 'state', st.status, 'action', p_action));
    END IF;
    RETURN st;
END $$;

CREATE FUNCTION stock.stocktake_lock_bin(p_bin bigint, p_states text[], p_action text, p_exclusive boolean)
RETURNS stock.stocktake_bin
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    b stock.stocktake_bin;
BEGIN
    IF p_exclusive THEN
        SELECT * INTO b FROM stock.stocktake_bin WHERE id = p_bin FOR UPDATE;
    ELSE
        SELECT * INTO b FROM stock.stocktake_bin WHERE id = p_bin FOR SHARE;
    END IF;
    IF NOT b.state = ANY (p_states) THEN
        PERFORM stock.stocktake_refuse('stocktake_state',
            format('cannot %s: bin %s is %s', p_action,
                   (SELECT code FROM stock.location WHERE id = b.location_id), b.state),
            json_build_object('what', 'bin', 'id', p_bin, 'state', b.state, 'action', p_action,
                              'bin', (SELECT code FROM stock.location WHERE id = b.location_id)));
    END IF;
    RETURN b;
END $$;

CREATE FUNCTION stock.stocktake_of_bin(p_bin bigint) RETURNS bigint
LANGUAGE plpgsql STABLE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    st bigint := (SELECT stocktake_id FROM stock.stocktake_bin WHERE id = p_bin);
BEGIN
    IF st IS NULL THEN
        RAISE EXCEPTION 'no bin % in any stocktake', p_bin USING ERRCODE = 'no_data_found';
    END IF;
    RETURN st;
END $$;

-- ---------------------------------------------------------------------------------------------
-- Planning (warehouse leads, administrators)
-- ---------------------------------------------------------------------------------------------

-- Two open counts must not cover the same SKU in the same bin: both would post the same
-- difference.  Called with the warehouse's advisory lock held (planning is one at a time).
CREATE FUNCTION stock.stocktake_check_overlap(p_stocktake bigint) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    clash record;
BEGIN
    SELECT l.code AS bin, o.id AS other INTO clash
    FROM stock.stocktake n
    JOIN stock.stocktake_bin nb ON nb.stocktake_id = n.id
    JOIN stock.stocktake_bin ob ON ob.location_id = nb.location_id AND ob.stocktake_id <> n.id
    JOIN stock.stocktake o ON o.id = ob.stocktake_id AND o.status IN ('draft', 'counting', 'closed')
    JOIN stock.location l ON l.id = nb.location_id
    WHERE n.id = p_stocktake
      AND (n.scope IN ('warehouse', 'bins') OR o.scope IN ('warehouse', 'bins')
           OR EXISTS (SELECT 1 FROM stock.stocktake_sku a JOIN stock.stocktake_sku b ON b.sku_id = a.sku_id
                      WHERE a.stocktake_id = n.id AND b.stocktake_id = o.id))
    ORDER BY l.pick_order, l.code LIMIT 1;
    IF FOUND THEN
        PERFORM stock.stocktake_refuse('stocktake_overlap',
            format('bin %s is being counted in stocktake %s already', clash.bin, clash.other),
            json_build_object('bin', clash.bin, 'stocktake', clash.other));
    END IF;
END $$;

-- A new count in draft.  Scope 'warehouse': every bin of the warehouse (not transit);
-- 'bins': p_locations; 'category' (with its subcategories) and 'skus' (a cycle count): those
-- SKUs, in p_locations or else in every bin that holds them now.  Returns the stocktake id.
CREATE FUNCTION stock.stocktake_create(p_warehouse integer, p_scope text, p_blind boolean DEFAULT false,
                                       p_locations integer[] DEFAULT NULL, p_category integer DEFAULT NULL,
                                       p_skus integer[] DEFAULT NULL, p_note text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    st bigint;
    bad text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM stock.warehouse WHERE id = p_warehouse) THEN
        RAISE EXCEPTION 'no warehouse %', p_warehouse USING ERRCODE = 'no_data_found';
    END IF;
    IF p_scope IS NULL OR p_scope NOT IN ('warehouse', 'bins', 'category', 'skus') THEN
        RAISE EXCEPTION 'a stocktake counts a warehouse, bins, a category or SKUs, not %', p_scope
            USING ERRCODE = 'check_violation';
    END IF;
    IF p_scope = 'bins' AND coalesce(cardinality(p_locations), 0) = 0 THEN
        RAISE EXCEPTION 'choose the bins to count' USING ERRCODE = 'check_violation';
    END IF;
    IF p_scope = 'category' AND p_category IS NULL THEN
        RAISE EXCEPTION 'choose the category to count' USING ERRCODE = 'check_violation';
    END IF;
    IF p_scope = 'skus' AND coalesce(cardinality(p_skus), 0) = 0 THEN
        RAISE EXCEPTION 'choose the SKUs to count' USING ERRCODE = 'check_violation';
    END IF;
    SELECT coalesce(l.code, x.id::text) INTO bad FROM unnest(p_locations) x(id)
        LEFT JOIN stock.location l ON l.id = x.id
        WHERE l.id IS NULL OR l.warehouse_id <> p_warehouse OR l.kind = 'transit' LIMIT 1;
    IF bad IS NOT NULL THEN
        RAISE EXCEPTION 'bin % is not a bin of this warehouse', bad USING ERRCODE = 'check_violation';
    END IF;

    PERFORM pg_advisory_xact_lock(5005, p_warehouse);
    INSERT INTO stock.stocktake (warehouse_id, scope, category_id, blind, note)
        VALUES (p_warehouse, p_scope, CASE WHEN p_scope = 'category' THEN p_category END, coalesce(p_blind, false),
                p_note)
        RETURNING id INTO st;

    IF p_scope = 'category' THEN
        INSERT INTO stock.stocktake_sku (stocktake_id, sku_id)
        WITH RECURSIVE cats AS (
            SELECT id FROM catalog.category WHERE id = p_category
            UNION
            SELECT c.id FROM catalog.category c JOIN cats ON c.parent_id = cats.id
        )
        SELECT st, s.id FROM catalog.sku s WHERE s.category_id IN (SELECT id FROM cats) AND NOT s.is_kit;
    ELSIF p_scope = 'skus' THEN
        INSERT INTO stock.stocktake_sku (stocktake_id, sku_id)
        SELECT DISTINCT st, s.id FROM catalog.sku s WHERE s.id = ANY (p_skus) AND NOT s.is_kit;
    END IF;
    IF p_scope IN ('category', 'skus') AND NOT EXISTS (SELECT 1 FROM stock.stocktake_sku WHERE stocktake_id = st) THEN
        RAISE EXCEPTION 'nothing to count: no stocked SKU in this category or list' USING ERRCODE = 'check_violation';
    END IF;

    IF p_scope = 'warehouse' THEN
        INSERT INTO stock.stocktake_bin (stocktake_id, location_id)
        SELECT st, l.id FROM stock.location l
        WHERE l.warehouse_id = p_warehouse AND l.kind <> 'transit'
          AND (l.active OR EXISTS (SELECT 1 FROM stock.quant q WHERE q.location_id = l.id AND q.quantity > 0))
        ORDER BY l.pick_order, l.code;
    ELSIF p_scope = 'bins' OR cardinality(p_locations) > 0 THEN
        INSERT INTO stock.stocktake_bin (stocktake_id, location_id)
        SELECT st, l.id FROM stock.location l WHERE l.id = ANY (p_locations) ORDER BY l.pick_order, l.code;
    ELSE
        INSERT INTO stock.stocktake_bin (stocktake_id, location_id)
        SELECT st, l.id FROM stock.location l
        WHERE l.warehouse_id = p_warehouse AND l.kind <> 'transit'
          AND EXISTS (SELECT 1 FROM stock.quant q JOIN stock.stocktake_sku ss ON ss.sku_id = q.sku_id
                      WHERE ss.stocktake_id = st AND q.location_id = l.id AND q.quantity > 0)
        ORDER BY l.pick_order, l.code;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM stock.stocktake_bin WHERE stocktake_id = st) THEN
        RAISE EXCEPTION 'nothing to count: no bin holds these SKUs; choose the bins' USING ERRCODE = 'check_violation';
    END IF;
    PERFORM stock.stocktake_check_overlap(st);
    RETURN st;
END $$;

-- more bins for a count that is not closed (stock found where nobody expected it)
CREATE FUNCTION stock.stocktake_add_bins(p_stocktake bigint, p_locations integer[]) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    st stock.stocktake := stock.stocktake_lock(p_stocktake, ARRAY['draft', 'counting'], 'add bins', true);
    n integer;
BEGIN
    IF EXISTS (SELECT 1 FROM unnest(p_locations) x(id) LEFT JOIN stock.location l ON l.id = x.id
               WHERE l.id IS NULL OR l.warehouse_id <> st.warehouse_id OR l.kind = 'transit') THEN
        RAISE EXCEPTION 'only bins of the warehouse being counted can be added' USING ERRCODE = 'check_violation';
    END IF;
    PERFORM pg_advisory_xact_lock(5005, st.warehouse_id);
    INSERT INTO stock.stocktake_bin (stocktake_id, location_id)
        SELECT p_stocktake, x.id FROM unnest(p_locations) x(id) ORDER BY x.id
        ON CONFLICT (stocktake_id, location_id) DO NOTHING;
    GET DIAGNOSTICS n = ROW_COUNT;
    PERFORM stock.stocktake_check_overlap(p_stocktake);
    RETURN n;
END $$;

-- ---------------------------------------------------------------------------------------------
-- Counting (warehouse staff)
-- ---------------------------------------------------------------------------------------------

-- Begin counting a bin (first time, or again after a recount): the bin's quants now are its
-- expected quantities.  They are locked while the snapshot is read, so a move in flight is
-- either wholly before the snapshot or wholly after it.  Returns the snapshot time.
CREATE FUNCTION stock.stocktake_start_bin(p_bin bigint) RETURNS timestamptz
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    st stock.stocktake := stock.stocktake_lock(stock.stocktake_of_bin(p_bin), ARRAY['draft', 'counting'],
                                               'start counting a bin', true);
    b stock.stocktake_bin := stock.stocktake_lock_bin(p_bin, ARRAY['pending', 'recount'], 'start counting', true);
    snap timestamptz;
BEGIN
    IF st.status = 'draft' THEN
        UPDATE stock.stocktake SET status = 'counting', started_at = now() WHERE id = st.id;
    END IF;
    PERFORM 1 FROM stock.quant WHERE location_id = b.location_id FOR SHARE;
    snap := clock_timestamp();
    DELETE FROM stock.stocktake_expected WHERE bin_id = p_bin;
    INSERT INTO stock.stocktake_expected (bin_id, sku_id, lot_id, quantity)
        SELECT p_bin, q.sku_id, q.lot_id, q.quantity FROM stock.quant q
        WHERE q.location_id = b.location_id AND q.quantity > 0
          AND (st.scope IN ('warehouse', 'bins')
               OR q.sku_id IN (SELECT sku_id FROM stock.stocktake_sku WHERE stocktake_id = st.id));
    UPDATE stock.stocktake_bin SET state = 'counting', snapshot_at = snap, started_by = session_user,
                                   counted_at = NULL, counted_by = NULL, moves_while_counting = 0
        WHERE id = p_bin;
    RETURN snap;
END $$;

-- p_qty of a SKU (and lot) found in a bin being counted; negative to correct a scan.
-- Returns what is now counted of that SKU and lot in the bin.
CREATE FUNCTION stock.stocktake_count(p_bin bigint, p_sku integer, p_lot integer, p_qty numeric,
                                      p_barcode text DEFAULT NULL)
RETURNS numeric
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    st stock.stocktake := stock.stocktake_lock(stock.stocktake_of_bin(p_bin), ARRAY['counting'], 'count', false);
    b stock.stocktake_bin := stock.stocktake_lock_bin(p_bin, ARRAY['counting'], 'count', false);
    s record;
    total numeric;
BEGIN
    IF p_qty IS NULL OR p_qty = 0 THEN
        RAISE EXCEPTION 'a count line needs a quantity other than zero' USING ERRCODE = 'check_violation';
    END IF;
    SELECT id, code, is_kit INTO s FROM catalog.sku WHERE id = p_sku;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no SKU %', p_sku USING ERRCODE = 'no_data_found';
    END IF;
    IF s.is_kit THEN
        PERFORM stock.stocktake_refuse('not_in_count', format('kit %s is counted as its components', s.code),
                                       json_build_object('what', 'kit', 'sku', s.code));
    END IF;
    IF st.scope IN ('category', 'skus')
       AND NOT EXISTS (SELECT 1 FROM stock.stocktake_sku WHERE stocktake_id = st.id AND sku_id = p_sku) THEN
        PERFORM stock.stocktake_refuse('not_in_count', format('SKU %s is not counted in this stocktake', s.code),
                                       json_build_object('what', 'sku', 'sku', s.code));
    END IF;
    IF p_lot IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stock.lot WHERE id = p_lot AND sku_id = p_sku) THEN
        RAISE EXCEPTION 'lot % is not a lot of SKU %', p_lot, s.code USING ERRCODE = 'foreign_key_violation';
    END IF;
    INSERT INTO stock.stocktake_line (bin_id, sku_id, lot_id, quantity, barcode)
        VALUES (p_bin, p_sku, p_lot, p_qty, nullif(p_barcode, ''));
    SELECT sum(quantity) INTO total FROM stock.stocktake_line
        WHERE bin_id = p_bin AND sku_id = p_sku AND coalesce(lot_id, 0) = coalesce(p_lot, 0);
    IF total < 0 THEN
        RAISE EXCEPTION 'the count of % in this bin cannot go below zero', s.code USING ERRCODE = 'check_violation';
    END IF;
    RETURN total;
END $$;

-- a barcode that names no SKU, listed for someone to look into
CREATE FUNCTION stock.stocktake_unknown_code(p_stocktake bigint, p_bin bigint, p_code text) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    st stock.stocktake := stock.stocktake_lock(p_stocktake, ARRAY['draft', 'counting'], 'record a scan', false);
    uid bigint;
BEGIN
    IF p_bin IS NOT NULL AND NOT EXISTS (SELECT 1 FROM stock.stocktake_bin WHERE id = p_bin AND stocktake_id = st.id)
    THEN
        RAISE EXCEPTION 'bin % is not part of stocktake %', p_bin, st.id USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO stock.stocktake_unknown (stocktake_id, bin_id, code)
        VALUES (st.id, p_bin, left(p_code, 200)) RETURNING id INTO uid;
    RETURN uid;
END $$;

-- The bin is counted.  Returns how many moves went in or out of it while it was counted (the
-- count of those SKUs may be off: the client suggests a recount).
CREATE FUNCTION stock.stocktake_finish_bin(p_bin bigint) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    st stock.stocktake := stock.stocktake_lock(stock.stocktake_of_bin(p_bin), ARRAY['counting'], 'finish a bin', false);
    b stock.stocktake_bin := stock.stocktake_lock_bin(p_bin, ARRAY['counting'], 'finish', true);
    n integer;
BEGIN
    IF EXISTS (SELECT 1 FROM stock.stocktake_line WHERE bin_id = p_bin
               GROUP BY sku_id, lot_id HAVING sum(quantity) < 0) THEN
        RAISE EXCEPTION 'a count in this bin is below zero' USING ERRCODE = 'check_violation';
    END IF;
    n := (SELECT count(*) FROM stock.move WHERE from_location_id = b.location_id AND moved_at >= b.snapshot_at)
       + (SELECT count(*) FROM stock.move WHERE to_location_id = b.location_id AND moved_at >= b.snapshot_at);
    UPDATE stock.stocktake_bin SET state = 'counted', counted_at = clock_timestamp(), counted_by = session_user,
                                   moves_while_counting = n
        WHERE id = p_bin;
    RETURN n;
END $$;

-- Back into a bin finished too early: its snapshot and lines stay.
CREATE FUNCTION stock.stocktake_resume_bin(p_bin bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    st stock.stocktake := stock.stocktake_lock(stock.stocktake_of_bin(p_bin), ARRAY['counting'], 'resume a bin', false);
    b stock.stocktake_bin := stock.stocktake_lock_bin(p_bin, ARRAY['counted'], 'resume', true);
BEGIN
    UPDATE stock.stocktake_bin SET state = 'counting', counted_at = NULL, counted_by = NULL, moves_while_counting = 0
        WHERE id = p_bin;
END $$;

-- Count a bin again: its lines and snapshot are dropped; starting it takes a new snapshot.
CREATE FUNCTION stock.stocktake_recount_bin(p_bin bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    st stock.stocktake := stock.stocktake_lock(stock.stocktake_of_bin(p_bin), ARRAY['counting'], 'recount a bin', false);
    b stock.stocktake_bin := stock.stocktake_lock_bin(p_bin, ARRAY['counting', 'counted'], 'recount', true);
BEGIN
    DELETE FROM stock.stocktake_line WHERE bin_id = p_bin;
    DELETE FROM stock.stocktake_expected WHERE bin_id = p_bin;
    UPDATE stock.stocktake_bin SET state = 'recount', snapshot_at = NULL, started_by = NULL, counted_at = NULL,
                                   counted_by = NULL, moves_while_counting = 0, recounts = recounts + 1
        WHERE id = p_bin;
END $$;

-- ---------------------------------------------------------------------------------------------
-- The differences, closing and posting (warehouse leads, administrators)
-- ---------------------------------------------------------------------------------------------

-- per bin x SKU x lot of a count: expected (at the bin's snapshot), counted, difference
CREATE FUNCTION stock.stocktake_variance(p_stocktake bigint)
RETURNS TABLE (bin_id bigint, location_id integer, sku_id integer, lot_id integer, expected numeric,
               counted numeric, difference numeric)
LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT b.id, b.location_id, x.sku_id, x.lot_id, sum(x.e), sum(x.c), sum(x.c) - sum(x.e)
    FROM stock.stocktake_bin b
    CROSS JOIN LATERAL (
        SELECT e.sku_id, e.lot_id, e.quantity AS e, 0::numeric AS c FROM stock.stocktake_expected e
        WHERE e.bin_id = b.id
        UNION ALL
        SELECT l.sku_id, l.lot_id, 0::numeric, l.quantity FROM stock.stocktake_line l WHERE l.bin_id = b.id
    ) x
    WHERE b.stocktake_id = p_stocktake
    GROUP BY b.id, b.location_id, x.sku_id, x.lot_id
$$;

-- counting is over: every bin is counted
CREATE FUNCTION stock.stocktake_close(p_stocktake bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    st stock.stocktake := stock.stocktake_lock(p_stocktake, ARRAY['counting'], 'close', true);
    open_bins text[];
BEGIN
    SELECT array_agg(l.code ORDER BY l.pick_order, l.code) INTO open_bins
        FROM stock.stocktake_bin b JOIN stock.location l ON l.id = b.location_id
        WHERE b.stocktake_id = p_stocktake AND b.state <> 'counted';
    IF open_bins IS NOT NULL THEN
        PERFORM stock.stocktake_refuse('stocktake_incomplete',
            format('%s bins are not counted yet: %s', cardinality(open_bins), array_to_string(open_bins[1:10], ', ')),
            json_build_object('bins', open_bins[1:50], 'count', cardinality(open_bins)));
    END IF;
    UPDATE stock.stocktake SET status = 'closed', closed_at = now(), closed_by = session_user WHERE id = p_stocktake;
END $$;

-- back to counting (to recount a bin after looking at the differences)
CREATE FUNCTION stock.stocktake_reopen(p_stocktake bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    st stock.stocktake := stock.stocktake_lock(p_stocktake, ARRAY['closed'], 'reopen', true);
BEGIN
    UPDATE stock.stocktake SET status = 'counting', closed_at = NULL, closed_by = NULL WHERE id = p_stocktake;
END $$;

CREATE FUNCTION stock.stocktake_cancel(p_stocktake bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    st stock.stocktake := stock.stocktake_lock(p_stocktake, ARRAY['draft', 'counting', 'closed'], 'cancel', true);
BEGIN
    UPDATE stock.stocktake SET status = 'cancelled', cancelled_at = now(), cancelled_by = session_user
        WHERE id = p_stocktake;
END $$;

-- Post a closed count: for each bin x SKU x lot whose count differs from its snapshot, one
-- 'stocktake' move of the difference (counted - expected then) on today's stock, reason
-- 'count'.  All or nothing; a posted count cannot be posted again.  Returns the moves.
CREATE FUNCTION stock.stocktake_post(p_stocktake bigint)
RETURNS TABLE (move_id bigint, location_id integer, sku_id integer, lot_id integer, delta numeric)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_column
DECLARE
    st stock.stocktake := stock.stocktake_lock(p_stocktake, ARRAY['closed'], 'post', true);
    r record;
    ref text := 'ST' || lpad(p_stocktake::text, 6, '0');
BEGIN
    FOR r IN SELECT v.location_id AS loc, v.sku_id AS sku, v.lot_id AS lot, v.difference AS diff,
                    l.code AS bin_code
             FROM stock.stocktake_variance(p_stocktake) v JOIN stock.location l ON l.id = v.location_id
             WHERE v.difference <> 0
             ORDER BY v.sku_id, v.location_id, v.lot_id NULLS FIRST LOOP
        move_id := stock.adjust(r.sku, r.loc, r.lot, r.diff, 'count', ref || ' ' || r.bin_code, 'stocktake',
                                'stocktake', p_stocktake);
        location_id := r.loc;
        sku_id := r.sku;
        lot_id := r.lot;
        delta := r.diff;
        RETURN NEXT;
    END LOOP;
    UPDATE stock.stocktake SET status = 'posted', posted_at = now(), posted_by = session_user WHERE id = p_stocktake;
END $$;

-- ---------------------------------------------------------------------------------------------
-- Grants.  The tables are read-only for every role; writes go through the functions.
-- ---------------------------------------------------------------------------------------------
REVOKE ALL ON FUNCTION stock.stocktake_check_state(),
                       stock.stocktake_refuse(text, text, json),
                       stock.stocktake_lock(bigint, text[], text, boolean),
                       stock.stocktake_lock_bin(bigint, text[], text, boolean),
                       stock.stocktake_of_bin(bigint),
                       stock.stocktake_check_overlap(bigint),
                       stock.stocktake_create(integer, text, boolean, integer[], integer, integer[], text),
                       stock.stocktake_add_bins(bigint, integer[]),
                       stock.stocktake_start_bin(bigint),
                       stock.stocktake_count(bigint, integer, integer, numeric, text),
                       stock.stocktake_unknown_code(bigint, bigint, text),
                       stock.stocktake_finish_bin(bigint),
                       stock.stocktake_recount_bin(bigint),
                       stock.stocktake_resume_bin(bigint),
                       stock.stocktake_variance(bigint),
                       stock.stocktake_close(bigint),
                       stock.stocktake_reopen(bigint),
                       stock.stocktake_cancel(bigint),
                       stock.stocktake_post(bigint)
    FROM PUBLIC;

DO $$
DECLARE a text;
BEGIN
    -- who reads counts: whoever reads stock
    FOREACH a IN ARRAY ARRAY['admin', 'finance', 'sales', 'warehouse', 'purchasing', 'viewer'] LOOP
        PERFORM core.grant_to('SELECT', 'stock.stocktake, stock.stocktake_sku, stock.stocktake_bin, '
                                        'stock.stocktake_expected, stock.stocktake_line, stock.stocktake_unknown', a);
        PERFORM core.grant_to('EXECUTE', 'FUNCTION stock.stocktake_variance(bigint)', a);
    END LOOP;
    -- warehouse staff count (a warehouse lead is warehouse staff too)
    FOREACH a IN ARRAY ARRAY['warehouse', 'admin'] LOOP
        PERFORM core.grant_to('EXECUTE',
            'FUNCTION stock.stocktake_start_bin(bigint), '
            'stock.stocktake_count(bigint, integer, integer, numeric, text), '
            'stock.stocktake_unknown_code(bigint, bigint, text), '
            'stock.stocktake_finish_bin(bigint), stock.stocktake_resume_bin(bigint), '
            'stock.stocktake_recount_bin(bigint)', a);
    END LOOP;
    -- leads and administrators plan, close, cancel and post
    FOREACH a IN ARRAY ARRAY['warehouse_lead', 'admin'] LOOP
        PERFORM core.grant_to('EXECUTE',
            'FUNCTION stock.stocktake_create(integer, text, boolean, integer[], integer, integer[], text), '
            'stock.stocktake_add_bins(bigint, integer[]), stock.stocktake_close(bigint), '
            'stock.stocktake_reopen(bigint), stock.stocktake_cancel(bigint), stock.stocktake_post(bigint)', a);
    END LOOP;
END $$;
