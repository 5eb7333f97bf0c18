-- 0003_stock_ledger: the stock ledger (DESIGN.md §5).
--
-- Every change of stock is an immutable move from one location to another.  Quants (on hand
-- per SKU x lot x location) and levels (on hand / reserved / in transit per SKU x warehouse)
-- change in the same transaction as the move, only inside the SECURITY DEFINER functions
-- below: no role, not even erp_admin, may write these tables directly.  The database keeps
-- on hand >= 0 and reserved <= on hand; a reservation is one conditional UPDATE, so when two
-- clients reserve the last units at once exactly one succeeds.

-- A warehouse's transit location holds what was shipped to it from another warehouse.
ALTER TABLE stock.location DROP CONSTRAINT location_kind_check;
ALTER TABLE stock.location ADD CONSTRAINT location_kind_check
    CHECK (kind IN ('bin', 'receiving', 'shipping', 'staging', 'transit'));
CREATE UNIQUE INDEX location_one_transit_idx ON stock.location (warehouse_id) WHERE kind = 'transit';

-- every warehouse gets its transit location
CREATE FUNCTION stock.add_transit_location() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    INSERT INTO stock.location (warehouse_id, code, kind, pick_order)
        VALUES (NEW.id, 'TRANSIT', 'transit', 2147483647);
    RETURN NULL;
END $$;
CREATE TRIGGER add_transit_location AFTER INSERT ON stock.warehouse
    FOR EACH ROW EXECUTE FUNCTION stock.add_transit_location();
INSERT INTO stock.location (warehouse_id, code, kind, pick_order)
    SELECT id, 'TRANSIT', 'transit', 2147483647 FROM stock.warehouse w
    WHERE NOT EXISTS (SELECT 1 FROM stock.location l WHERE l.warehouse_id = w.id AND l.kind = 'transit');

-- reason codes for adjustments and scrap
CREATE TABLE stock.reason (
    code        text PRIMARY KEY,
    name        text NOT NULL,
    name_zh     text NOT NULL,
    applies_to  text NOT NULL CHECK (applies_to IN ('adjustment', 'scrap', 'any'))
);
INSERT INTO stock.reason VALUES
    ('found', 'Found', '盘盈/找到', 'adjustment'),
    ('lost', 'Lost', '丢失', 'adjustment'),
    ('correction', 'Data correction', '数据更正', 'adjustment'),
    ('sample', 'Sample taken', '样品领用', 'adjustment'),
    ('count', 'Stocktake difference', '盘点差异', 'adjustment'),
    ('damaged', 'Damaged', '破损', 'scrap'),
    ('expired', 'Expired', '过期', 'scrap'),
    ('defective', 'Defective', '质量问题', 'scrap'),
    ('other', 'Other', '其他', 'any');

CREATE TABLE stock.lot (
    id           integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku_id       integer NOT NULL REFERENCES catalog.sku ON DELETE RESTRICT,
    lot_no       text NOT NULL CHECK (lot_no <> ''),
    supplier_id  integer REFERENCES purchase.supplier ON DELETE RESTRICT,
    received_on  date NOT NULL DEFAULT current_date,
    expires_on   date,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text NOT NULL DEFAULT current_user,
    updated_by   text NOT NULL DEFAULT current_user,
    UNIQUE (sku_id, lot_no)
);

-- the ledger: append-only
CREATE TABLE stock.move (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    moved_at          timestamptz NOT NULL DEFAULT now(),
    kind              text NOT NULL CHECK (kind IN ('receipt', 'shipment', 'transfer', 'transfer_out',
                          'transfer_in', 'adjustment', 'stocktake', 'return', 'scrap')),
    sku_id            integer NOT NULL REFERENCES catalog.sku ON DELETE RESTRICT,
    lot_id            integer REFERENCES stock.lot ON DELETE RESTRICT,
    from_location_id  integer REFERENCES stock.location ON DELETE RESTRICT,
    to_location_id    integer REFERENCES stock.location ON DELETE RESTRICT,
    from_warehouse_id integer REFERENCES stock.warehouse ON DELETE RESTRICT,
    to_warehouse_id   integer REFERENCES stock.warehouse ON DELETE RESTRICT,
    quantity          numeric(14,3) NOT NULL CHECK (quantity > 0),
    reason            text REFERENCES stock.reason,
    note              text,
    doc_type          text,
    doc_id            bigint,
    doc_ref           text,
    created_by        text NOT NULL DEFAULT session_user,
    CHECK (from_location_id IS NOT NULL OR to_location_id IS NOT NULL),
    CHECK (from_location_id IS DISTINCT FROM to_location_id)
);
CREATE INDEX move_sku_time_idx ON stock.move (sku_id, moved_at);
CREATE INDEX move_from_location_idx ON stock.move (from_location_id, moved_at) WHERE from_location_id IS NOT NULL;
CREATE INDEX move_to_location_idx ON stock.move (to_location_id, moved_at) WHERE to_location_id IS NOT NULL;
CREATE INDEX move_doc_idx ON stock.move (doc_type, doc_id) WHERE doc_id IS NOT NULL;
CREATE INDEX move_kind_time_idx ON stock.move (kind, moved_at);
CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON stock.move
    FOR EACH ROW EXECUTE FUNCTION core.forbid_change();

-- on hand per SKU x lot x location
CREATE TABLE stock.quant (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku_id       integer NOT NULL REFERENCES catalog.sku ON DELETE RESTRICT,
    lot_id       integer REFERENCES stock.lot ON DELETE RESTRICT,
    location_id  integer NOT NULL REFERENCES stock.location ON DELETE RESTRICT,
    warehouse_id integer NOT NULL REFERENCES stock.warehouse ON DELETE RESTRICT,
    quantity     numeric(14,3) NOT NULL CHECK (quantity >= 0),
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX quant_key ON stock.quant (sku_id, location_id, coalesce(lot_id, 0));
CREATE INDEX quant_location_idx ON stock.quant (location_id);
CREATE INDEX quant_sku_warehouse_idx ON stock.quant (sku_id, warehouse_id);

-- on hand / reserved / in transit per SKU x warehouse
CREATE TABLE stock.level (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku_id        integer NOT NULL REFERENCES catalog.sku ON DELETE RESTRICT,
    warehouse_id  integer NOT NULL REFERENCES stock.warehouse ON DELETE RESTRICT,
    on_hand       numeric(14,3) NOT NULL DEFAULT 0,
    reserved      numeric(14,3) NOT NULL DEFAULT 0,
    in_transit    numeric(14,3) NOT NULL DEFAULT 0,
    tracks_expiry boolean NOT NULL DEFAULT false,   -- some of its stock has a lot with an expiry date
    updated_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (sku_id, warehouse_id),
    CONSTRAINT level_on_hand_not_negative CHECK (on_hand >= 0),
    CONSTRAINT level_reserved_not_negative CHECK (reserved >= 0),
    CONSTRAINT level_reserved_within_on_hand CHECK (reserved <= on_hand),
    CONSTRAINT level_in_transit_not_negative CHECK (in_transit >= 0)
);
CREATE INDEX level_warehouse_sku_idx ON stock.level (warehouse_id, sku_id);

-- what is held for whom: an order line, or a manual hold
CREATE TABLE stock.reservation (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku_id       integer NOT NULL REFERENCES catalog.sku ON DELETE RESTRICT,
    warehouse_id integer NOT NULL REFERENCES stock.warehouse ON DELETE RESTRICT,
    quantity     numeric(14,3) NOT NULL CHECK (quantity >= 0),     -- still held
    consumed     numeric(14,3) NOT NULL DEFAULT 0 CHECK (consumed >= 0),
    doc_type     text NOT NULL,               -- 'order_line', 'hold', ...
    doc_id       bigint,
    parent_id    bigint REFERENCES stock.reservation ON DELETE RESTRICT,   -- a kit's component reservations
    kit_quantity numeric(14,3),               -- for a kit: kits held; components hold quantity x this
    note         text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text NOT NULL DEFAULT session_user,
    updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reservation_sku_wh_idx ON stock.reservation (sku_id, warehouse_id) WHERE quantity > 0;
CREATE INDEX reservation_doc_idx ON stock.reservation (doc_type, doc_id);
CREATE INDEX reservation_parent_idx ON stock.reservation (parent_id) WHERE parent_id IS NOT NULL;

SELECT core.track('stock.lot');
SELECT core.track('stock.reason', false);

-- live updates: levels (the Stock dock's rows) and moves (drill-downs)
CREATE TRIGGER notify_ins AFTER INSERT ON stock.level REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION core.notify_changes();
CREATE TRIGGER notify_upd AFTER UPDATE ON stock.level REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION core.notify_changes();
CREATE TRIGGER notify_ins AFTER INSERT ON stock.move REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION core.notify_changes();

-- ---------------------------------------------------------------------------------------------
-- Errors carry their data in DETAIL as JSON, so the client can say them in the user's language:
--   P0001 + HINT 'not_enough_stock'   DETAIL {"sku": code, "warehouse": code, "wanted": n, "available": n}
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION stock.raise_not_enough(p_sku integer, p_warehouse integer, p_wanted numeric, p_available numeric)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    sku_code text := (SELECT code FROM catalog.sku WHERE id = p_sku);
    wh_code  text := (SELECT code FROM stock.warehouse WHERE id = p_warehouse);
BEGIN
    RAISE EXCEPTION 'not enough stock: SKU %, warehouse %, wanted %, available %',
                    sku_code, wh_code, p_wanted, greatest(p_available, 0)
        USING ERRCODE = 'P0001', HINT = 'not_enough_stock',
              DETAIL = json_build_object('sku', sku_code, 'warehouse', wh_code, 'wanted', p_wanted,
                                         'available', greatest(p_available, 0))::text;
END $$;

-- ---------------------------------------------------------------------------------------------
-- The one place a move is written.  Not callable by anybody but the functions below.
-- ---------------------------------------------------------------------------------------------
-- p_unreserved: the stock leaving is not held by a reservation, so what stays must still cover
-- the reservations (shipping a reservation's own stock passes false).
CREATE FUNCTION stock.post_move(p_kind text, p_sku integer, p_lot integer, p_from integer, p_to integer,
                                p_qty numeric, p_reason text DEFAULT NULL, p_note text DEFAULT NULL,
                                p_doc_type text DEFAULT NULL, p_doc_id bigint DEFAULT NULL,
                                p_doc_ref text DEFAULT NULL, p_unreserved boolean DEFAULT true)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    from_wh integer;
    to_wh integer;
    from_kind text;
    to_kind text;
    move_id bigint;
    expiring boolean := false;
    avail numeric;
BEGIN
    IF p_qty IS NULL OR p_qty <= 0 THEN
        RAISE EXCEPTION 'a stock move needs a positive quantity, not %', p_qty USING ERRCODE = 'check_violation';
    END IF;
    IF (SELECT is_kit FROM catalog.sku WHERE id = p_sku) THEN
        RAISE EXCEPTION 'a kit is not stocked itself: move its components' USING ERRCODE = 'check_violation';
    END IF;
    IF p_from IS NOT NULL THEN
        SELECT warehouse_id, kind INTO from_wh, from_kind FROM stock.location WHERE id = p_from;
    END IF;
    IF p_to IS NOT NULL THEN
        SELECT warehouse_id, kind INTO to_wh, to_kind FROM stock.location WHERE id = p_to;
    END IF;
    IF p_lot IS NOT NULL THEN
        SELECT expires_on IS NOT NULL INTO expiring FROM stock.lot WHERE id = p_lot AND sku_id = p_sku;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'lot % is not a lot of SKU %', p_lot, p_sku USING ERRCODE = 'foreign_key_violation';
        END IF;
    END IF;

    INSERT INTO stock.move (kind, sku_id, lot_id, from_location_id, to_location_id, from_warehouse_id,
                            to_warehouse_id, quantity, reason, note, doc_type, doc_id, doc_ref)
        VALUES (p_kind, p_sku, p_lot, p_from, p_to, from_wh, to_wh, p_qty, p_reason, p_note, p_doc_type,
                p_doc_id, p_doc_ref)
        RETURNING id INTO move_id;

    -- levels first, always in (sku, warehouse) order, so concurrent moves never deadlock on them;
    -- between two bins of one warehouse its on hand stays as it is (reserved stock may move too),
    -- but the level row is still written: a shipment of reserved stock running at the same time
    -- waits for this move and then sees the stock in its new bin (at REPEATABLE READ it gets a
    -- serialization failure and is retried) instead of missing it
    IF from_wh = to_wh AND from_kind <> 'transit' AND to_kind <> 'transit' THEN
        UPDATE stock.level SET updated_at = now() WHERE sku_id = p_sku AND warehouse_id = from_wh;
    ELSIF from_wh IS NOT NULL AND to_wh IS NOT NULL AND from_wh > to_wh THEN
        PERFORM stock.change_level(p_sku, to_wh, p_qty, to_kind, expiring);
        PERFORM stock.change_level(p_sku, from_wh, -p_qty, from_kind, false);
    ELSE
        IF from_wh IS NOT NULL THEN
            PERFORM stock.change_level(p_sku, from_wh, -p_qty, from_kind, false);
        END IF;
        IF to_wh IS NOT NULL THEN
            PERFORM stock.change_level(p_sku, to_wh, p_qty, to_kind, expiring);
        END IF;
    END IF;

    IF p_from IS NOT NULL THEN
        UPDATE stock.quant SET quantity = quantity - p_qty, updated_at = now()
            WHERE sku_id = p_sku AND location_id = p_from AND coalesce(lot_id, 0) = coalesce(p_lot, 0)
              AND quantity >= p_qty;
        IF NOT FOUND THEN
            PERFORM stock.raise_not_enough(p_sku, from_wh, p_qty, coalesce((
                SELECT quantity FROM stock.quant
                WHERE sku_id = p_sku AND location_id = p_from AND coalesce(lot_id, 0) = coalesce(p_lot, 0)), 0));
        END IF;
    END IF;
    IF p_to IS NOT NULL THEN
        INSERT INTO stock.quant (sku_id, lot_id, location_id, warehouse_id, quantity)
            VALUES (p_sku, p_lot, p_to, to_wh, p_qty)
            ON CONFLICT (sku_id, location_id, coalesce(lot_id, 0))
            DO UPDATE SET quantity = stock.quant.quantity + EXCLUDED.quantity, updated_at = now();
    END IF;

    -- Where lots expire, on hand >= reserved is not enough: unexpired stock leaving the warehouse
    -- must leave enough unexpired stock for the reservations (the level row is locked already).
    IF p_unreserved AND from_wh IS NOT NULL AND from_kind <> 'transit' AND from_wh IS DISTINCT FROM to_wh
       AND NOT coalesce((SELECT expires_on < current_date FROM stock.lot WHERE id = p_lot), false)
       AND (SELECT tracks_expiry FROM stock.level WHERE sku_id = p_sku AND warehouse_id = from_wh) THEN
        avail := stock.available(p_sku, from_wh);
        IF avail < 0 THEN
            PERFORM stock.raise_not_enough(p_sku, from_wh, p_qty, avail + p_qty);
        END IF;
    END IF;
    RETURN move_id;
END $$;

-- on hand (or in transit, for a transit location) of one SKU x warehouse moves by p_delta;
-- stock going out must be there and not held for anybody (on hand stays >= reserved)
CREATE FUNCTION stock.change_level(p_sku integer, p_wh integer, p_delta numeric, p_location_kind text,
                                   p_expiring boolean)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    is_transit boolean := p_location_kind = 'transit';
BEGIN
    IF p_delta > 0 THEN
        INSERT INTO stock.level AS l (sku_id, warehouse_id, on_hand, in_transit, tracks_expiry)
            VALUES (p_sku, p_wh,
                    CASE WHEN is_transit THEN 0 ELSE p_delta END,
                    CASE WHEN is_transit THEN p_delta ELSE 0 END,
                    p_expiring)
            ON CONFLICT (sku_id, warehouse_id) DO UPDATE
            SET on_hand = l.on_hand + CASE WHEN is_transit THEN 0 ELSE p_delta END,
                in_transit = l.in_transit + CASE WHEN is_transit THEN p_delta ELSE 0 END,
                tracks_expiry = l.tracks_expiry OR p_expiring,
                updated_at = now();
    ELSIF is_transit THEN
        UPDATE stock.level SET in_transit = in_transit + p_delta, updated_at = now()
            WHERE sku_id = p_sku AND warehouse_id = p_wh AND in_transit + p_delta >= 0;
        IF NOT FOUND THEN
            PERFORM stock.level_shortage(p_sku, p_wh, -p_delta);
        END IF;
    ELSE
        UPDATE stock.level SET on_hand = on_hand + p_delta, updated_at = now()
            WHERE sku_id = p_sku AND warehouse_id = p_wh AND on_hand + p_delta >= reserved;
        IF NOT FOUND THEN
            PERFORM stock.level_shortage(p_sku, p_wh, -p_delta);
        END IF;
    END IF;
END $$;

-- explain why stock could not leave a warehouse: not there, or held for someone
CREATE FUNCTION stock.level_shortage(p_sku integer, p_wh integer, p_wanted numeric)
RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    lv record;
BEGIN
    SELECT on_hand, reserved INTO lv FROM stock.level WHERE sku_id = p_sku AND warehouse_id = p_wh;
    PERFORM stock.raise_not_enough(p_sku, p_wh, p_wanted, coalesce(lv.on_hand - lv.reserved, 0));
END $$;

-- what can still be reserved: on hand, less expired lots, less what is reserved already
CREATE FUNCTION stock.available(p_sku integer, p_wh integer) RETURNS numeric
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce((
        SELECT CASE WHEN l.tracks_expiry THEN
                   (SELECT coalesce(sum(q.quantity), 0) FROM stock.quant q
                        JOIN stock.location loc ON loc.id = q.location_id AND loc.kind <> 'transit'
                        LEFT JOIN stock.lot t ON t.id = q.lot_id
                    WHERE q.sku_id = l.sku_id AND q.warehouse_id = l.warehouse_id
                      AND (t.expires_on IS NULL OR t.expires_on >= current_date))
               ELSE l.on_hand END - l.reserved
        FROM stock.level l WHERE l.sku_id = p_sku AND l.warehouse_id = p_wh), 0)
$$;

-- ---------------------------------------------------------------------------------------------
-- Reservations
-- ---------------------------------------------------------------------------------------------

-- hold p_qty of one plain SKU: one conditional UPDATE (the fast path), or, where lots expire,
-- lock the level row and count the unexpired stock
CREATE FUNCTION stock.hold(p_sku integer, p_wh integer, p_qty numeric) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    lv record;
    avail numeric;
BEGIN
    UPDATE stock.level SET reserved = reserved + p_qty, updated_at = now()
        WHERE sku_id = p_sku AND warehouse_id = p_wh AND NOT tracks_expiry AND on_hand - reserved >= p_qty;
    IF FOUND THEN
        RETURN;
    END IF;
    SELECT * INTO lv FROM stock.level WHERE sku_id = p_sku AND warehouse_id = p_wh FOR UPDATE;
    IF NOT FOUND THEN
        PERFORM stock.raise_not_enough(p_sku, p_wh, p_qty, 0);
    END IF;
    avail := stock.available(p_sku, p_wh);
    IF avail < p_qty THEN
        PERFORM stock.raise_not_enough(p_sku, p_wh, p_qty, avail);
    END IF;
    UPDATE stock.level SET reserved = reserved + p_qty, updated_at = now() WHERE id = lv.id;
END $$;

-- Reserve p_qty of a SKU (a kit reserves its components) in a warehouse for a document.
-- Returns the reservation id.  Fails with not_enough_stock and reserves nothing.
CREATE FUNCTION stock.reserve(p_sku integer, p_wh integer, p_qty numeric, p_doc_type text,
                              p_doc_id bigint DEFAULT NULL, p_note text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    res_id bigint;
    c record;
BEGIN
    IF p_qty IS NULL OR p_qty <= 0 THEN
        RAISE EXCEPTION 'a reservation needs a positive quantity, not %', p_qty USING ERRCODE = 'check_violation';
    END IF;
    IF (SELECT is_kit FROM catalog.sku WHERE id = p_sku) THEN
        INSERT INTO stock.reservation (sku_id, warehouse_id, quantity, doc_type, doc_id, kit_quantity, note)
            VALUES (p_sku, p_wh, 0, p_doc_type, p_doc_id, p_qty, p_note) RETURNING id INTO res_id;
        -- components in id order: two kits sharing components never deadlock
        FOR c IN SELECT component_sku_id, quantity FROM catalog.kit_component
                 WHERE kit_sku_id = p_sku ORDER BY component_sku_id LOOP
            PERFORM stock.hold(c.component_sku_id, p_wh, c.quantity * p_qty);
            INSERT INTO stock.reservation (sku_id, warehouse_id, quantity, doc_type, doc_id, parent_id, note)
                VALUES (c.component_sku_id, p_wh, c.quantity * p_qty, p_doc_type, p_doc_id, res_id, p_note);
        END LOOP;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'kit % has no components', p_sku USING ERRCODE = 'check_violation';
        END IF;
    ELSE
        -- the fast path of stock.hold, inline: a reservation is the hottest path of the ledger
        UPDATE stock.level SET reserved = reserved + p_qty, updated_at = now()
            WHERE sku_id = p_sku AND warehouse_id = p_wh AND NOT tracks_expiry AND on_hand - reserved >= p_qty;
        IF NOT FOUND THEN
            PERFORM stock.hold(p_sku, p_wh, p_qty);
        END IF;
        INSERT INTO stock.reservation (sku_id, warehouse_id, quantity, doc_type, doc_id, note)
            VALUES (p_sku, p_wh, p_qty, p_doc_type, p_doc_id, p_note) RETURNING id INTO res_id;
    END IF;
    RETURN res_id;
END $$;

-- Give back p_qty (null: all) of a reservation.  For a kit, p_qty counts kits.
CREATE FUNCTION stock.release(p_reservation bigint, p_qty numeric DEFAULT NULL) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r record;
    c record;
    q numeric;
BEGIN
    SELECT * INTO r FROM stock.reservation WHERE id = p_reservation AND parent_id IS NULL FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no reservation %', p_reservation USING ERRCODE = 'no_data_found';
    END IF;
    IF r.kit_quantity IS NOT NULL THEN
        q := coalesce(p_qty, r.kit_quantity);
        IF q > r.kit_quantity THEN
            RAISE EXCEPTION 'cannot release % of % reserved', q, r.kit_quantity USING ERRCODE = 'check_violation';
        END IF;
        FOR c IN SELECT res.id, res.sku_id, k.quantity AS per_kit FROM stock.reservation res
                 JOIN catalog.kit_component k ON k.kit_sku_id = r.sku_id AND k.component_sku_id = res.sku_id
                 WHERE res.parent_id = r.id ORDER BY res.sku_id LOOP
            UPDATE stock.level SET reserved = reserved - c.per_kit * q, updated_at = now()
                WHERE sku_id = c.sku_id AND warehouse_id = r.warehouse_id;
            UPDATE stock.reservation SET quantity = quantity - c.per_kit * q, updated_at = now() WHERE id = c.id;
        END LOOP;
        UPDATE stock.reservation SET kit_quantity = kit_quantity - q, updated_at = now() WHERE id = r.id;
    ELSE
        q := coalesce(p_qty, r.quantity);
        IF q > r.quantity THEN
            RAISE EXCEPTION 'cannot release % of % reserved', q, r.quantity USING ERRCODE = 'check_violation';
        END IF;
        UPDATE stock.level SET reserved = reserved - q, updated_at = now()
            WHERE sku_id = r.sku_id AND warehouse_id = r.warehouse_id;
        UPDATE stock.reservation SET quantity = quantity - q, updated_at = now() WHERE id = r.id;
    END IF;
END $$;

-- Ship from one plain SKU's stock in a warehouse: lots first-expiry-first-out (never an expired
-- lot), then by the bins' pick path.  Returns the quantity shipped per move.
CREATE FUNCTION stock.ship_fefo(p_sku integer, p_wh integer, p_qty numeric, p_doc_type text, p_doc_id bigint,
                                p_doc_ref text)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    left_qty numeric := p_qty;
    q record;
    take numeric;
BEGIN
    FOR q IN SELECT qt.location_id, qt.lot_id, qt.quantity FROM stock.quant qt
             JOIN stock.location loc ON loc.id = qt.location_id
             LEFT JOIN stock.lot t ON t.id = qt.lot_id
             WHERE qt.sku_id = p_sku AND qt.warehouse_id = p_wh AND qt.quantity > 0 AND loc.kind <> 'transit'
               AND (t.expires_on IS NULL OR t.expires_on >= current_date)
             ORDER BY t.expires_on NULLS LAST, loc.pick_order, qt.location_id, qt.lot_id NULLS FIRST
             FOR UPDATE OF qt LOOP
        EXIT WHEN left_qty <= 0;
        take := least(q.quantity, left_qty);
        PERFORM stock.post_move('shipment', p_sku, q.lot_id, q.location_id, NULL, take, NULL, NULL,
                                p_doc_type, p_doc_id, p_doc_ref, false);
        left_qty := left_qty - take;
    END LOOP;
    IF left_qty > 0 THEN
        PERFORM stock.raise_not_enough(p_sku, p_wh, p_qty, p_qty - left_qty);
    END IF;
END $$;

-- Ship what a reservation holds (p_qty null: all of it; for a kit, p_qty counts kits): the
-- reservation shrinks and the stock leaves in the same transaction.
CREATE FUNCTION stock.consume(p_reservation bigint, p_qty numeric DEFAULT NULL, p_doc_ref text DEFAULT NULL)
RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    r record;
    c record;
    q numeric;
BEGIN
    SELECT * INTO r FROM stock.reservation WHERE id = p_reservation AND parent_id IS NULL FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no reservation %', p_reservation USING ERRCODE = 'no_data_found';
    END IF;
    IF r.kit_quantity IS NOT NULL THEN
        q := coalesce(p_qty, r.kit_quantity);
        IF q <= 0 OR q > r.kit_quantity THEN
            RAISE EXCEPTION 'cannot ship % of % reserved', q, r.kit_quantity USING ERRCODE = 'check_violation';
        END IF;
        FOR c IN SELECT res.id, res.sku_id, k.quantity AS per_kit FROM stock.reservation res
                 JOIN catalog.kit_component k ON k.kit_sku_id = r.sku_id AND k.component_sku_id = res.sku_id
                 WHERE res.parent_id = r.id ORDER BY res.sku_id LOOP
            UPDATE stock.level SET reserved = reserved - c.per_kit * q WHERE sku_id = c.sku_id
                AND warehouse_id = r.warehouse_id;
            UPDATE stock.reservation SET quantity = quantity - c.per_kit * q, consumed = consumed + c.per_kit * q,
                                         updated_at = now() WHERE id = c.id;
            PERFORM stock.ship_fefo(c.sku_id, r.warehouse_id, c.per_kit * q, r.doc_type, r.doc_id, p_doc_ref);
        END LOOP;
        UPDATE stock.reservation SET kit_quantity = kit_quantity - q, consumed = consumed + q, updated_at = now()
            WHERE id = r.id;
    ELSE
        q := coalesce(p_qty, r.quantity);
        IF q <= 0 OR q > r.quantity THEN
            RAISE EXCEPTION 'cannot ship % of % reserved', q, r.quantity USING ERRCODE = 'check_violation';
        END IF;
        UPDATE stock.level SET reserved = reserved - q WHERE sku_id = r.sku_id AND warehouse_id = r.warehouse_id;
        UPDATE stock.reservation SET quantity = quantity - q, consumed = consumed + q, updated_at = now()
            WHERE id = r.id;
        PERFORM stock.ship_fefo(r.sku_id, r.warehouse_id, q, r.doc_type, r.doc_id, p_doc_ref);
    END IF;
END $$;

-- ---------------------------------------------------------------------------------------------
-- Goods in, around and out
-- ---------------------------------------------------------------------------------------------

-- the lot of a SKU by its number, made on first receipt
CREATE FUNCTION stock.lot_for(p_sku integer, p_lot_no text, p_expires date, p_supplier integer) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    lot integer;
BEGIN
    IF p_lot_no IS NULL OR p_lot_no = '' THEN
        RETURN NULL;
    END IF;
    INSERT INTO stock.lot (sku_id, lot_no, expires_on, supplier_id) VALUES (p_sku, p_lot_no, p_expires, p_supplier)
        ON CONFLICT (sku_id, lot_no) DO NOTHING RETURNING id INTO lot;
    IF lot IS NULL THEN
        SELECT id INTO lot FROM stock.lot WHERE sku_id = p_sku AND lot_no = p_lot_no;
    END IF;
    RETURN lot;
END $$;

CREATE FUNCTION stock.receive(p_sku integer, p_location integer, p_qty numeric, p_lot_no text DEFAULT NULL,
                              p_expires date DEFAULT NULL, p_supplier integer DEFAULT NULL,
                              p_note text DEFAULT NULL, p_doc_ref text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF (SELECT kind FROM stock.location WHERE id = p_location) = 'transit' THEN
        RAISE EXCEPTION 'goods are received into a bin, not into transit' USING ERRCODE = 'check_violation';
    END IF;
    RETURN stock.post_move('receipt', p_sku, stock.lot_for(p_sku, p_lot_no, p_expires, p_supplier), NULL,
                           p_location, p_qty, NULL, p_note, 'receipt', NULL, p_doc_ref);
END $$;

-- a return from a customer comes back into a bin
CREATE FUNCTION stock.receive_return(p_sku integer, p_location integer, p_qty numeric, p_lot integer DEFAULT NULL,
                                     p_note text DEFAULT NULL, p_doc_type text DEFAULT NULL,
                                     p_doc_id bigint DEFAULT NULL, p_doc_ref text DEFAULT NULL)
RETURNS bigint
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT stock.post_move('return', p_sku, p_lot, NULL, p_location, p_qty, NULL, p_note, p_doc_type, p_doc_id,
                           p_doc_ref)
$$;

-- between bins of one warehouse
CREATE FUNCTION stock.transfer(p_sku integer, p_lot integer, p_from integer, p_to integer, p_qty numeric,
                               p_note text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF (SELECT warehouse_id FROM stock.location WHERE id = p_from)
       IS DISTINCT FROM (SELECT warehouse_id FROM stock.location WHERE id = p_to) THEN
        RAISE EXCEPTION 'bins of two warehouses: ship the transfer and receive it instead'
            USING ERRCODE = 'check_violation';
    END IF;
    IF 'transit' IN ((SELECT kind FROM stock.location WHERE id = p_from),
                     (SELECT kind FROM stock.location WHERE id = p_to)) THEN
        RAISE EXCEPTION 'transit is reached by shipping a transfer' USING ERRCODE = 'check_violation';
    END IF;
    RETURN stock.post_move('transfer', p_sku, p_lot, p_from, p_to, p_qty, NULL, p_note);
END $$;

-- between warehouses, step one: from a bin into the destination's transit location
CREATE FUNCTION stock.ship_transfer(p_sku integer, p_lot integer, p_from integer, p_to_warehouse integer,
                                    p_qty numeric, p_note text DEFAULT NULL, p_doc_ref text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    transit integer := (SELECT id FROM stock.location WHERE warehouse_id = p_to_warehouse AND kind = 'transit');
BEGIN
    IF (SELECT warehouse_id FROM stock.location WHERE id = p_from) = p_to_warehouse THEN
        RAISE EXCEPTION 'a transfer within one warehouse moves between bins' USING ERRCODE = 'check_violation';
    END IF;
    IF transit IS NULL THEN
        RAISE EXCEPTION 'no warehouse %', p_to_warehouse USING ERRCODE = 'no_data_found';
    END IF;
    RETURN stock.post_move('transfer_out', p_sku, p_lot, p_from, transit, p_qty, NULL, p_note, 'transfer', NULL,
                           p_doc_ref);
END $$;

-- step two: from transit into a bin of the destination
CREATE FUNCTION stock.receive_transfer(p_sku integer, p_lot integer, p_to integer, p_qty numeric,
                                       p_note text DEFAULT NULL, p_doc_ref text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    transit integer := (SELECT t.id FROM stock.location b JOIN stock.location t
                        ON t.warehouse_id = b.warehouse_id AND t.kind = 'transit' WHERE b.id = p_to);
BEGIN
    RETURN stock.post_move('transfer_in', p_sku, p_lot, transit, p_to, p_qty, NULL, p_note, 'transfer', NULL,
                           p_doc_ref);
END $$;

-- count differences and corrections: p_delta > 0 adds, < 0 removes
CREATE FUNCTION stock.adjust(p_sku integer, p_location integer, p_lot integer, p_delta numeric, p_reason text,
                             p_note text DEFAULT NULL, p_kind text DEFAULT 'adjustment',
                             p_doc_type text DEFAULT NULL, p_doc_id bigint DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF p_kind NOT IN ('adjustment', 'stocktake') THEN
        RAISE EXCEPTION 'an adjustment is an adjustment or a stocktake, not %', p_kind USING ERRCODE = 'check_violation';
    END IF;
    IF p_reason IS NULL OR NOT EXISTS (SELECT 1 FROM stock.reason WHERE code = p_reason AND applies_to <> 'scrap') THEN
        RAISE EXCEPTION 'an adjustment needs a reason code' USING ERRCODE = 'check_violation';
    END IF;
    IF p_delta > 0 THEN
        RETURN stock.post_move(p_kind, p_sku, p_lot, NULL, p_location, p_delta, p_reason, p_note, p_doc_type, p_doc_id);
    ELSIF p_delta < 0 THEN
        RETURN stock.post_move(p_kind, p_sku, p_lot, p_location, NULL, -p_delta, p_reason, p_note, p_doc_type,
                               p_doc_id);
    END IF;
    RETURN NULL;
END $$;

CREATE FUNCTION stock.scrap(p_sku integer, p_location integer, p_lot integer, p_qty numeric, p_reason text,
                            p_note text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF p_reason IS NULL OR NOT EXISTS (SELECT 1 FROM stock.reason WHERE code = p_reason AND applies_to <> 'adjustment')
    THEN
        RAISE EXCEPTION 'scrapping needs a reason code' USING ERRCODE = 'check_violation';
    END IF;
    RETURN stock.post_move('scrap', p_sku, p_lot, p_location, NULL, p_qty, p_reason, p_note);
END $$;

-- ---------------------------------------------------------------------------------------------
-- The ledger check: quants and levels equal what the moves and reservations add up to.
-- Returns one row per disagreement; none when the ledger holds.
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION stock.check_ledger()
RETURNS TABLE (what text, sku_id integer, place integer, lot_id integer, stored numeric, expected numeric)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    WITH flows AS (
        SELECT m.sku_id, m.to_location_id AS loc, m.lot_id, m.quantity AS q FROM stock.move m
            WHERE m.to_location_id IS NOT NULL
        UNION ALL
        SELECT m.sku_id, m.from_location_id, m.lot_id, -m.quantity FROM stock.move m
            WHERE m.from_location_id IS NOT NULL
    ), by_quant AS (
        SELECT f.sku_id, f.loc, f.lot_id, sum(f.q) AS q FROM flows f GROUP BY 1, 2, 3
    ), reserved AS (
        SELECT r.sku_id, r.warehouse_id, sum(r.quantity) AS q FROM stock.reservation r
            WHERE r.kit_quantity IS NULL GROUP BY 1, 2
    ), by_level AS (
        SELECT qt.sku_id, qt.warehouse_id,
               sum(qt.quantity) FILTER (WHERE loc.kind <> 'transit') AS on_hand,
               sum(qt.quantity) FILTER (WHERE loc.kind = 'transit') AS in_transit
        FROM stock.quant qt JOIN stock.location loc ON loc.id = qt.location_id GROUP BY 1, 2
    )
    SELECT 'quant', coalesce(q.sku_id, b.sku_id), coalesce(q.location_id, b.loc), coalesce(q.lot_id, b.lot_id),
           coalesce(q.quantity, 0), coalesce(b.q, 0)
    FROM stock.quant q FULL JOIN by_quant b
      ON b.sku_id = q.sku_id AND b.loc = q.location_id AND coalesce(b.lot_id, 0) = coalesce(q.lot_id, 0)
    WHERE coalesce(q.quantity, 0) <> coalesce(b.q, 0)
    UNION ALL
    SELECT 'on_hand', coalesce(l.sku_id, b.sku_id), coalesce(l.warehouse_id, b.warehouse_id), NULL,
           coalesce(l.on_hand, 0), coalesce(b.on_hand, 0)
    FROM stock.level l FULL JOIN by_level b ON b.sku_id = l.sku_id AND b.warehouse_id = l.warehouse_id
    WHERE coalesce(l.on_hand, 0) <> coalesce(b.on_hand, 0)
    UNION ALL
    SELECT 'in_transit', coalesce(l.sku_id, b.sku_id), coalesce(l.warehouse_id, b.warehouse_id), NULL,
           coalesce(l.in_transit, 0), coalesce(b.in_transit, 0)
    FROM stock.level l FULL JOIN by_level b ON b.sku_id = l.sku_id AND b.warehouse_id = l.warehouse_id
    WHERE coalesce(l.in_transit, 0) <> coalesce(b.in_transit, 0)
    UNION ALL
    SELECT 'reserved', coalesce(l.sku_id, r.sku_id), coalesce(l.warehouse_id, r.warehouse_id), NULL,
           coalesce(l.reserved, 0), coalesce(r.q, 0)
    FROM stock.level l FULL JOIN reserved r ON r.sku_id = l.sku_id AND r.warehouse_id = l.warehouse_id
    WHERE coalesce(l.reserved, 0) <> coalesce(r.q, 0)
$$;

-- ---------------------------------------------------------------------------------------------
-- Grants.  Stock tables are read-only for every role; writes go through the functions.
-- ---------------------------------------------------------------------------------------------
REVOKE ALL ON FUNCTION stock.post_move(text, integer, integer, integer, integer, numeric, text, text, text, bigint,
                                       text, boolean),
                       stock.change_level(integer, integer, numeric, text, boolean),
                       stock.level_shortage(integer, integer, numeric),
                       stock.raise_not_enough(integer, integer, numeric, numeric),
                       stock.hold(integer, integer, numeric),
                       stock.ship_fefo(integer, integer, numeric, text, bigint, text),
                       stock.lot_for(integer, text, date, integer),
                       stock.add_transit_location(),
                       stock.receive(integer, integer, numeric, text, date, integer, text, text),
                       stock.receive_return(integer, integer, numeric, integer, text, text, bigint, text),
                       stock.transfer(integer, integer, integer, integer, numeric, text),
                       stock.ship_transfer(integer, integer, integer, integer, numeric, text, text),
                       stock.receive_transfer(integer, integer, integer, numeric, text, text),
                       stock.reserve(integer, integer, numeric, text, bigint, text),
                       stock.release(bigint, numeric),
                       stock.consume(bigint, numeric, text),
                       stock.adjust(integer, integer, integer, numeric, text, text, text, text, bigint),
                       stock.scrap(integer, integer, integer, numeric, text, text),
                       stock.available(integer, integer),
                       stock.check_ledger()
    FROM PUBLIC;

DO $$
DECLARE a text;
BEGIN
    -- who reads stock: everybody but customer service
    FOREACH a IN ARRAY ARRAY['admin', 'finance', 'sales', 'warehouse', 'purchasing', 'viewer'] LOOP
        PERFORM core.grant_to('SELECT', 'stock.lot, stock.move, stock.quant, stock.level, stock.reservation, '
                                        'stock.reason', a);
        PERFORM core.grant_to('EXECUTE', 'FUNCTION stock.available(integer, integer), stock.check_ledger()', a);
    END LOOP;
    PERFORM core.grant_to('SELECT', 'stock.reason', 'service');

    -- warehouse staff: receive, move, ship what is reserved, take returns back
    FOREACH a IN ARRAY ARRAY['warehouse', 'admin'] LOOP
        PERFORM core.grant_to('EXECUTE',
            'FUNCTION stock.receive(integer, integer, numeric, text, date, integer, text, text), '
            'stock.receive_return(integer, integer, numeric, integer, text, text, bigint, text), '
            'stock.transfer(integer, integer, integer, integer, numeric, text), '
            'stock.ship_transfer(integer, integer, integer, integer, numeric, text, text), '
            'stock.receive_transfer(integer, integer, integer, numeric, text, text), '
            'stock.consume(bigint, numeric, text)', a);
    END LOOP;
    -- reserving and releasing: the warehouse (manual holds) and sales (orders)
    FOREACH a IN ARRAY ARRAY['warehouse', 'sales', 'admin'] LOOP
        PERFORM core.grant_to('EXECUTE', 'FUNCTION stock.reserve(integer, integer, numeric, text, bigint, text), '
                                         'stock.release(bigint, numeric)', a);
    END LOOP;
    -- adjustments and scrap: warehouse leads and administrators only
    FOREACH a IN ARRAY ARRAY['warehouse_lead', 'admin'] LOOP
        PERFORM core.grant_to('EXECUTE',
            'FUNCTION stock.adjust(integer, integer, integer, numeric, text, text, text, text, bigint), '
            'stock.scrap(integer, integer, integer, numeric, text, text)', a);
    END LOOP;
END $$;
