-- Fulfilment (issue 5): waves (波次) with their pick lines, shipments (carrier, tracking number,
-- weight, packer), each carrier's pool of tracking numbers, and the carrier's label layout.
--
-- What the database holds to:
-- - only an approved order enters a wave, and an order is in one wave at a time;
-- - an order ships once: fulfil.ship_order() ships its reserved stock (stock.consume), writes its
--   parcels and sets it shipped in one statement.  The same call again with the same pack id (the
--   client's retry after its connection dropped) answers what the first call did; any other call
--   for a shipped order is refused;
-- - an order cancelled or being refunded on its platform never ships: ship_order refuses it, and
--   a trigger refuses anybody setting such an order shipped by hand;
-- - a carrier's tracking number is taken from its pool once however many packers take at once
--   (FOR UPDATE SKIP LOCKED), and is unique per carrier on the shipments, voided labels
--   included, so a number is never printed on two parcels.
-- Errors carry their data as the ledger's do: HINT is a stable code, DETAIL a JSON object.

-- ---------------------------------------------------------------------------------------------
-- carriers: which label layout and size they print, the name each platform knows them by
-- ---------------------------------------------------------------------------------------------

-- stock.reason got the touch trigger in 0003 (core.track) but not the columns it keeps, so no
-- reason could be added or renamed since; it gets them now, as every table has (DESIGN.md §4)
ALTER TABLE stock.reason
    ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN created_by text NOT NULL DEFAULT current_user,
    ADD COLUMN updated_by text NOT NULL DEFAULT current_user;
-- what a picker found missing in a bin (fulfil.short_pick writes the ledger's adjustment)
INSERT INTO stock.reason (code, name, name_zh, applies_to)
    VALUES ('short_pick', 'Short at picking', '拣货缺货', 'adjustment');

ALTER TABLE fulfil.carrier
    ADD COLUMN label_layout text NOT NULL DEFAULT 'standard' CHECK (label_layout <> ''),
    ADD COLUMN label_size text NOT NULL DEFAULT '100x150' CHECK (label_size IN ('100x150', '100x180')),  -- 'standard' is 100 x 150
    ADD COLUMN platform_names jsonb NOT NULL DEFAULT '{}';     -- {"shopify": "SF Express", "taobao": "顺丰速运"}

-- ---------------------------------------------------------------------------------------------
-- waves and pick lines
-- ---------------------------------------------------------------------------------------------

CREATE SEQUENCE fulfil.wave_seq;

CREATE TABLE fulfil.wave (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    wave_no      text NOT NULL UNIQUE CHECK (wave_no ~ '^[A-Z0-9]+$'),   -- scanned: letters and digits only
    warehouse_id integer NOT NULL REFERENCES stock.warehouse ON DELETE RESTRICT,
    carrier_id   integer REFERENCES fulfil.carrier ON DELETE RESTRICT,
    single_item  boolean NOT NULL DEFAULT false,      -- every order one unit of one SKU (scan it, print, next)
    status       text NOT NULL DEFAULT 'open'
                 CHECK (status IN ('open', 'picking', 'picked', 'done', 'cancelled')),
    order_count  integer NOT NULL DEFAULT 0,          -- orders it was made with
    note         text NOT NULL DEFAULT '',
    picked_at    timestamptz,
    done_at      timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    created_by   text NOT NULL DEFAULT session_user,
    updated_by   text NOT NULL DEFAULT session_user
);
CREATE INDEX wave_status_idx ON fulfil.wave (status, id);
CREATE INDEX wave_warehouse_idx ON fulfil.wave (warehouse_id, id);

CREATE TABLE fulfil.wave_order (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    wave_id        bigint NOT NULL REFERENCES fulfil.wave ON DELETE CASCADE,
    order_id       bigint NOT NULL REFERENCES sales."order" ON DELETE RESTRICT,
    seq            integer NOT NULL,                  -- its place in the wave (oldest payment first)
    removed_at     timestamptz,                       -- taken out (short pick, cancelled, by hand)
    removed_reason text,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    created_by     text NOT NULL DEFAULT session_user,
    updated_by     text NOT NULL DEFAULT session_user,
    UNIQUE (wave_id, order_id)
);
-- an order is in one wave at a time
CREATE UNIQUE INDEX wave_order_current_idx ON fulfil.wave_order (order_id) WHERE removed_at IS NULL;

-- one stop on the pick path: a bin, a SKU and lot, how many for the whole wave
CREATE TABLE fulfil.pick_line (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    wave_id         bigint NOT NULL REFERENCES fulfil.wave ON DELETE CASCADE,
    location_id     integer REFERENCES stock.location ON DELETE RESTRICT,    -- null: no stock found for it
    sku_id          integer NOT NULL REFERENCES catalog.sku ON DELETE RESTRICT,
    lot_id          integer REFERENCES stock.lot ON DELETE RESTRICT,
    pick_order      integer NOT NULL DEFAULT 0,
    quantity        numeric(14,3) NOT NULL CHECK (quantity > 0),
    picked_quantity numeric(14,3) NOT NULL DEFAULT 0,
    short_quantity  numeric(14,3) NOT NULL DEFAULT 0,
    short_reason    text,
    order_count     integer NOT NULL DEFAULT 1,       -- how many of the wave's orders want the SKU
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text NOT NULL DEFAULT session_user,
    updated_by      text NOT NULL DEFAULT session_user,
    CONSTRAINT pick_line_quantities CHECK (picked_quantity >= 0 AND short_quantity >= 0
                                           AND picked_quantity + short_quantity <= quantity)
);
CREATE INDEX pick_line_wave_idx ON fulfil.pick_line (wave_id, pick_order, id);

-- ---------------------------------------------------------------------------------------------
-- tracking numbers: imported ranges or lists per carrier, each number taken once
-- ---------------------------------------------------------------------------------------------

CREATE TABLE fulfil.tracking_range (
    id          integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    carrier_id  integer NOT NULL REFERENCES fulfil.carrier ON DELETE CASCADE,
    source      text NOT NULL CHECK (source IN ('range', 'list')),
    first_no    text,
    last_no     text,
    file_name   text,
    imported    integer NOT NULL DEFAULT 0,           -- numbers it added to the pool
    duplicates  integer NOT NULL DEFAULT 0,           -- numbers the pool had already
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL DEFAULT session_user,
    updated_by  text NOT NULL DEFAULT session_user
);
CREATE INDEX tracking_range_carrier_idx ON fulfil.tracking_range (carrier_id, id);

CREATE TABLE fulfil.tracking_number (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    carrier_id  integer NOT NULL REFERENCES fulfil.carrier ON DELETE CASCADE,
    tracking_no text NOT NULL CHECK (tracking_no ~ '^[\x21-\x7e]+$'),
    range_id    integer REFERENCES fulfil.tracking_range ON DELETE SET NULL,
    taken_at    timestamptz,
    taken_by    text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text NOT NULL DEFAULT session_user,
    updated_by  text NOT NULL DEFAULT session_user,
    UNIQUE (carrier_id, tracking_no)
);
CREATE INDEX tracking_number_free_idx ON fulfil.tracking_number (carrier_id, id) WHERE taken_at IS NULL;

-- ---------------------------------------------------------------------------------------------
-- shipments: one row per parcel (label)
-- ---------------------------------------------------------------------------------------------

CREATE TABLE fulfil.shipment (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    order_id           bigint NOT NULL REFERENCES sales."order" ON DELETE RESTRICT,
    wave_id            bigint REFERENCES fulfil.wave ON DELETE SET NULL,
    pack_id            uuid NOT NULL,                 -- the packing station's id of the pack: retries reuse it
    parcel_no          smallint NOT NULL CHECK (parcel_no > 0),
    parcel_count       smallint NOT NULL,
    carrier_id         integer NOT NULL REFERENCES fulfil.carrier ON DELETE RESTRICT,
    service            text NOT NULL DEFAULT '',
    tracking_no        text NOT NULL CHECK (tracking_no ~ '^[\x21-\x7e]+$'),
    weight_kg          numeric(10,3) CHECK (weight_kg > 0),   -- as weighed
    expected_weight_kg numeric(10,3),                 -- the whole order's: SKU weights and packaging
    freight_cost       numeric(14,2),
    packer             text NOT NULL,
    status             text NOT NULL DEFAULT 'shipped' CHECK (status IN ('shipped', 'voided')),
    shipped_at         timestamptz NOT NULL DEFAULT now(),
    voided_at          timestamptz,
    void_reason        text,
    replaced_by        bigint REFERENCES fulfil.shipment ON DELETE SET NULL,
    labels_printed     integer NOT NULL DEFAULT 0 CHECK (labels_printed >= 0),
    last_printed_at    timestamptz,
    -- the shop told: pending, confirmed (API), exported (a shipment file), failed (refused for good)
    confirm_state      text NOT NULL DEFAULT 'pending'
                       CHECK (confirm_state IN ('pending', 'confirmed', 'exported', 'failed')),
    confirmed_at       timestamptz,
    confirm_error      text,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    created_by         text NOT NULL DEFAULT session_user,
    updated_by         text NOT NULL DEFAULT session_user,
    CONSTRAINT shipment_tracking_unique UNIQUE (carrier_id, tracking_no),
    CONSTRAINT shipment_parcels CHECK (parcel_count >= parcel_no)
);
CREATE UNIQUE INDEX shipment_pack_parcel_idx ON fulfil.shipment (pack_id, parcel_no) WHERE status = 'shipped';
CREATE INDEX shipment_pack_idx ON fulfil.shipment (pack_id);
CREATE INDEX shipment_order_idx ON fulfil.shipment (order_id, parcel_no);
CREATE INDEX shipment_tracking_idx ON fulfil.shipment (tracking_no);
CREATE INDEX shipment_wave_idx ON fulfil.shipment (wave_id) WHERE wave_id IS NOT NULL;
CREATE INDEX shipment_unconfirmed_idx ON fulfil.shipment (order_id)
    WHERE confirm_state = 'pending' AND status = 'shipped';

SELECT core.track('fulfil.wave'), core.track('fulfil.wave_order'), core.track('fulfil.pick_line'),
       core.track('fulfil.shipment'), core.track('fulfil.tracking_range');
SELECT core.track('fulfil.tracking_number', false);

-- ---------------------------------------------------------------------------------------------
-- an order the platform cancelled (or is refunding) never ships, whoever sets it shipped
-- ---------------------------------------------------------------------------------------------

CREATE FUNCTION fulfil.stop_reason(p_platform_status text, p_hold_reason text) RETURNS text
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog AS $$
    SELECT CASE
        WHEN p_platform_status IN ('cancelled', 'refunded', 'refunding') THEN p_platform_status
        WHEN p_hold_reason IN ('cancel_requested', 'refund_requested', 'merged_order_cancelled', 'shipped_elsewhere')
            THEN p_hold_reason
    END
$$;

CREATE FUNCTION fulfil.order_ship_guard() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    why text := fulfil.stop_reason(NEW.platform_status, NEW.hold_reason);
BEGIN
    IF why IS NOT NULL AND why <> 'shipped_elsewhere' THEN
        RAISE EXCEPTION 'order % is stopped (%) and cannot ship', OLD.platform_order_no, why
            USING ERRCODE = 'check_violation', HINT = 'order_stopped',
                  DETAIL = json_build_object('order', OLD.platform_order_no, 'reason', why)::text;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER order_ship_guard BEFORE UPDATE OF status ON sales."order" FOR EACH ROW
    WHEN (NEW.status = 'shipped' AND OLD.status IS DISTINCT FROM 'shipped')
    EXECUTE FUNCTION fulfil.order_ship_guard();

-- ---------------------------------------------------------------------------------------------
-- tracking numbers
-- ---------------------------------------------------------------------------------------------

-- Add numbers to a carrier's pool (numbers it has already are counted, not added).
CREATE FUNCTION fulfil.import_tracking_numbers(p_carrier integer, p_numbers text[], p_source text,
                                               p_first text DEFAULT NULL, p_last text DEFAULT NULL,
                                               p_file text DEFAULT NULL)
RETURNS TABLE (range_id integer, imported integer, duplicates integer)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    rid integer;
    added integer;
    total integer := coalesce(cardinality(p_numbers), 0);
BEGIN
    IF NOT EXISTS (SELECT 1 FROM fulfil.carrier WHERE id = p_carrier) THEN
        RAISE EXCEPTION 'no carrier %', p_carrier USING ERRCODE = 'no_data_found', HINT = 'not_found',
            DETAIL = json_build_object('what', 'carrier', 'key', p_carrier)::text;
    END IF;
    INSERT INTO fulfil.tracking_range (carrier_id, source, first_no, last_no, file_name)
        VALUES (p_carrier, p_source, p_first, p_last, p_file) RETURNING id INTO rid;
    INSERT INTO fulfil.tracking_number (carrier_id, tracking_no, range_id)
        SELECT p_carrier, n, rid FROM unnest(p_numbers) AS x(n)
        ON CONFLICT (carrier_id, tracking_no) DO NOTHING;
    GET DIAGNOSTICS added = ROW_COUNT;
    UPDATE fulfil.tracking_range SET imported = added, duplicates = total - added WHERE id = rid;
    RETURN QUERY SELECT rid, added, total - added;
END $$;

-- The next free number of the carrier's pool, taken for good (a parcel that does not ship in the
-- same transaction gives it back).  Packers taking at once each get another one.
CREATE FUNCTION fulfil.take_tracking_no(p_carrier integer) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    tno text;
BEGIN
    UPDATE fulfil.tracking_number SET taken_at = clock_timestamp(), taken_by = session_user
        WHERE id = (SELECT id FROM fulfil.tracking_number WHERE carrier_id = p_carrier AND taken_at IS NULL
                    ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING tracking_no INTO tno;
    IF tno IS NULL THEN
        RAISE EXCEPTION 'the tracking number pool of carrier % is empty',
                        coalesce((SELECT code FROM fulfil.carrier WHERE id = p_carrier), p_carrier::text)
            USING ERRCODE = 'P0001', HINT = 'no_tracking_numbers',
                  DETAIL = json_build_object('carrier', (SELECT code FROM fulfil.carrier WHERE id = p_carrier))::text;
    END IF;
    RETURN tno;
END $$;

-- a tracking number for a parcel: the one typed or scanned from a pre-printed label (taken from
-- the pool if it is there), else the pool's next; refused when a parcel of the carrier has it
CREATE FUNCTION fulfil.parcel_tracking_no(p_carrier integer, p_given text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    tno text := nullif(btrim(p_given), '');
BEGIN
    IF tno IS NULL THEN
        RETURN fulfil.take_tracking_no(p_carrier);
    END IF;
    IF EXISTS (SELECT 1 FROM fulfil.shipment WHERE carrier_id = p_carrier AND tracking_no = tno) THEN
        RAISE EXCEPTION 'tracking number % is on another parcel already', tno
            USING ERRCODE = 'unique_violation', HINT = 'tracking_used',
                  DETAIL = json_build_object('carrier', (SELECT code FROM fulfil.carrier WHERE id = p_carrier),
                                             'tracking_no', tno)::text;
    END IF;
    UPDATE fulfil.tracking_number SET taken_at = coalesce(taken_at, clock_timestamp()),
                                      taken_by = coalesce(taken_by, session_user)
        WHERE carrier_id = p_carrier AND tracking_no = tno;
    RETURN tno;
END $$;

-- ---------------------------------------------------------------------------------------------
-- waves
-- ---------------------------------------------------------------------------------------------

-- a wave whose orders have all shipped or left it is done
CREATE FUNCTION fulfil.close_wave_if_done(p_wave bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF p_wave IS NULL THEN
        RETURN;
    END IF;
    PERFORM 1 FROM fulfil.wave WHERE id = p_wave FOR UPDATE;      -- the last two packers take turns here
    UPDATE fulfil.wave w SET status = CASE WHEN EXISTS (SELECT 1 FROM fulfil.shipment s WHERE s.wave_id = w.id)
                                           THEN 'done' ELSE 'cancelled' END,
                             done_at = now()
        WHERE w.id = p_wave AND w.status NOT IN ('done', 'cancelled')
          AND NOT EXISTS (SELECT 1 FROM fulfil.wave_order wo JOIN sales."order" o ON o.id = wo.order_id
                          WHERE wo.wave_id = w.id AND wo.removed_at IS NULL AND o.status <> 'shipped');
END $$;

-- Make a wave of the given orders that are approved, in the warehouse, for the carrier (null:
-- orders without one) and in no wave; they go to picking.  Its pick lines: per SKU (a kit's
-- components) what the orders hold, taken lot first-expiry-first-out, then by the bins' pick
-- path (the order stock.consume ships in), after what the earlier open waves will take.
-- Returns the wave, or null when none of the orders could join one.
CREATE FUNCTION fulfil.open_wave(p_warehouse integer, p_carrier integer, p_orders bigint[],
                                 p_single boolean DEFAULT false, p_note text DEFAULT '')
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    v_wave bigint;
    wno text;
    seqno text;
    taken bigint[];
    s record;
    q record;
    ahead numeric;
    need numeric;
    avail numeric;
    take numeric;
BEGIN
    -- waves of one warehouse are planned one after the other: each after the ones before it
    PERFORM pg_advisory_xact_lock(hashtextextended('fulfil.wave:' || p_warehouse, 0));
    PERFORM 1 FROM sales."order" WHERE id = ANY(p_orders) ORDER BY id FOR UPDATE;
    SELECT array_agg(o.id ORDER BY o.paid_at, o.id) INTO taken FROM sales."order" o
        WHERE o.id = ANY(p_orders) AND o.status = 'approved' AND o.warehouse_id = p_warehouse
          AND o.carrier_id IS NOT DISTINCT FROM p_carrier
          AND fulfil.stop_reason(o.platform_status, o.hold_reason) IS NULL
          AND NOT EXISTS (SELECT 1 FROM fulfil.wave_order w WHERE w.order_id = o.id AND w.removed_at IS NULL);
    IF taken IS NULL THEN
        RETURN NULL;
    END IF;
    seqno := nextval('fulfil.wave_seq')::text;
    wno := 'W' || to_char(now(), 'YYMMDD') || lpad(seqno, greatest(4, length(seqno)), '0');
    INSERT INTO fulfil.wave (wave_no, warehouse_id, carrier_id, single_item, order_count, note)
        VALUES (wno, p_warehouse, p_carrier, coalesce(p_single, false), cardinality(taken), coalesce(p_note, ''))
        RETURNING id INTO v_wave;
    INSERT INTO fulfil.wave_order (wave_id, order_id, seq)
        SELECT v_wave, x.id, x.n FROM unnest(taken) WITH ORDINALITY AS x(id, n);
    UPDATE sales."order" SET status = 'picking' WHERE id = ANY(taken);
    INSERT INTO sales.order_event (order_id, kind, detail)
        SELECT x, 'wave', jsonb_build_object('wave', wno) FROM unnest(taken) AS x;

    FOR s IN SELECT r.sku_id, sum(r.quantity) AS need, count(DISTINCT l.order_id)::integer AS orders
             FROM sales.order_line l
             JOIN stock.reservation r ON r.doc_type = 'order_line' AND r.doc_id = l.id
                                     AND r.kit_quantity IS NULL AND r.quantity > 0
             WHERE l.order_id = ANY(taken) GROUP BY r.sku_id ORDER BY r.sku_id LOOP
        -- what the other waves' orders still hold of it: stock.consume ships theirs first
        SELECT coalesce(sum(r.quantity), 0) INTO ahead
            FROM fulfil.wave_order wo
            JOIN sales."order" o ON o.id = wo.order_id AND o.status = 'picking'
            JOIN sales.order_line l ON l.order_id = o.id
            JOIN stock.reservation r ON r.doc_type = 'order_line' AND r.doc_id = l.id AND r.kit_quantity IS NULL
            WHERE wo.removed_at IS NULL AND wo.wave_id <> v_wave AND r.sku_id = s.sku_id
              AND r.warehouse_id = p_warehouse AND r.quantity > 0;
        need := s.need;
        FOR q IN SELECT qt.location_id, qt.lot_id, qt.quantity, loc.pick_order FROM stock.quant qt
                 JOIN stock.location loc ON loc.id = qt.location_id
                 LEFT JOIN stock.lot t ON t.id = qt.lot_id
                 WHERE qt.sku_id = s.sku_id AND qt.warehouse_id = p_warehouse AND qt.quantity > 0
                   AND loc.kind <> 'transit' AND (t.expires_on IS NULL OR t.expires_on >= current_date)
                 ORDER BY t.expires_on NULLS LAST, loc.pick_order, qt.location_id, qt.lot_id NULLS FIRST LOOP
            EXIT WHEN need <= 0;
            avail := q.quantity - least(ahead, q.quantity);
            ahead := ahead - least(ahead, q.quantity);
            CONTINUE WHEN avail <= 0;
            take := least(avail, need);
            INSERT INTO fulfil.pick_line (wave_id, location_id, sku_id, lot_id, pick_order, quantity, order_count)
                VALUES (v_wave, q.location_id, s.sku_id, q.lot_id, q.pick_order, take, s.orders);
            need := need - take;
        END LOOP;
        IF need > 0 THEN        -- the bins do not hold it (expired lots ...): the list says so
            INSERT INTO fulfil.pick_line (wave_id, location_id, sku_id, pick_order, quantity, order_count)
                VALUES (v_wave, NULL, s.sku_id, 2147483647, need, s.orders);
        END IF;
    END LOOP;
    RETURN v_wave;
END $$;

-- give back what an order holds (every line's reservation)
CREATE FUNCTION fulfil.release_order(p_order bigint) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    ln record;
BEGIN
    PERFORM stock.lock_levels(ARRAY(SELECT DISTINCT sku_id FROM sales.order_line
                                    WHERE order_id = p_order AND sku_id IS NOT NULL));
    FOR ln IN SELECT l.id, l.reservation_id, coalesce(r.kit_quantity, r.quantity) AS held FROM sales.order_line l
              LEFT JOIN stock.reservation r ON r.id = l.reservation_id
              WHERE l.order_id = p_order AND l.reservation_id IS NOT NULL ORDER BY l.sku_id, l.id LOOP
        IF ln.held > 0 THEN
            PERFORM stock.release(ln.reservation_id);
        END IF;
        UPDATE sales.order_line SET reservation_id = NULL WHERE id = ln.id;
    END LOOP;
END $$;

-- Take an order out of its wave (p_reason says why).  An order its platform cancelled is
-- cancelled and its stock given back; one being refunded, or whose merged platform order was
-- cancelled, goes to review with its stock given back; any other goes back to approved and keeps
-- its stock.  Returns the order's status after.
CREATE FUNCTION fulfil.leave_wave(p_order bigint, p_reason text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    o record;
    w record;
    why text;
    v_after text := 'approved';
BEGIN
    SELECT id, status, platform_order_no, platform_status, hold_reason INTO o FROM sales."order"
        WHERE id = p_order FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no order %', p_order USING ERRCODE = 'no_data_found', HINT = 'not_found',
            DETAIL = json_build_object('what', 'order', 'key', p_order)::text;
    END IF;
    SELECT wo.id, wo.wave_id, v.wave_no INTO w FROM fulfil.wave_order wo JOIN fulfil.wave v ON v.id = wo.wave_id
        WHERE wo.order_id = p_order AND wo.removed_at IS NULL;
    IF o.status <> 'picking' OR w.id IS NULL THEN
        RAISE EXCEPTION 'order % is in no wave', o.platform_order_no
            USING ERRCODE = 'check_violation', HINT = 'not_in_wave',
                  DETAIL = json_build_object('order', o.platform_order_no, 'status', o.status)::text;
    END IF;
    UPDATE fulfil.wave_order SET removed_at = now(), removed_reason = p_reason WHERE id = w.id;
    why := fulfil.stop_reason(o.platform_status, o.hold_reason);
    UPDATE sales."order" SET status = 'approved' WHERE id = p_order;
    IF why IS NOT NULL AND why <> 'shipped_elsewhere' THEN
        PERFORM fulfil.release_order(p_order);
        IF o.platform_status IN ('cancelled', 'refunded') THEN
            v_after := 'cancelled';
            UPDATE sales."order" SET status = 'cancelled', hold_reason = o.platform_status WHERE id = p_order;
        ELSE
            v_after := 'review';
            UPDATE sales."order" SET status = 'review',
                   hold_reason = CASE WHEN why IN ('refunding', 'cancel_requested') THEN 'refund_requested' ELSE why END
                WHERE id = p_order;
        END IF;
    END IF;
    INSERT INTO sales.order_event (order_id, kind, detail)
        VALUES (p_order, 'left_wave', jsonb_build_object('wave', w.wave_no, 'reason', p_reason, 'status', v_after));
    PERFORM fulfil.close_wave_if_done(w.wave_id);
    RETURN v_after;
END $$;

-- A picker found p_short fewer of a SKU than the wave's list says (at p_location, or wherever it
-- is still to be picked): the shortage is recorded on the pick lines, and the wave's orders that
-- want the SKU, latest payment first, go back to waiting for stock with their stock given back
-- until the shortage is covered.  Returns those orders.
CREATE FUNCTION fulfil.short_pick(p_wave bigint, p_sku integer, p_short numeric, p_reason text,
                                  p_location integer DEFAULT NULL)
RETURNS bigint[]
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    wv record;
    pl record;
    cand bigint[];
    c record;
    left_short numeric := p_short;
    covered numeric := 0;
    dropped bigint[] := '{}';
    sku_code text := (SELECT code FROM catalog.sku WHERE id = p_sku);
    open_qty numeric;
    take numeric;
    have numeric;
    gone bigint[] := '{}';       -- the pick lines found short in the bin named
    gone_qty numeric[] := '{}';
BEGIN
    IF p_short IS NULL OR p_short <= 0 THEN
        RAISE EXCEPTION 'a short pick needs a positive quantity, not %', p_short USING ERRCODE = 'check_violation';
    END IF;
    -- the orders first (as ship_order locks them), then the wave
    SELECT array_agg(wo.order_id ORDER BY wo.order_id) INTO cand FROM fulfil.wave_order wo
        WHERE wo.wave_id = p_wave AND wo.removed_at IS NULL;
    PERFORM 1 FROM sales."order" WHERE id = ANY(cand) ORDER BY id FOR UPDATE;
    SELECT id, wave_no, status, warehouse_id INTO wv FROM fulfil.wave WHERE id = p_wave FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no wave %', p_wave USING ERRCODE = 'no_data_found', HINT = 'not_found',
            DETAIL = json_build_object('what', 'wave', 'key', p_wave)::text;
    END IF;
    IF wv.status NOT IN ('open', 'picking', 'picked') THEN
        RAISE EXCEPTION 'wave % is %', wv.wave_no, wv.status USING ERRCODE = 'check_violation', HINT = 'wave_closed',
            DETAIL = json_build_object('wave', wv.wave_no, 'status', wv.status)::text;
    END IF;
    SELECT coalesce(sum(quantity - picked_quantity - short_quantity), 0) INTO open_qty FROM fulfil.pick_line
        WHERE wave_id = p_wave AND sku_id = p_sku AND (p_location IS NULL OR location_id = p_location);
    IF open_qty < p_short THEN
        RAISE EXCEPTION 'wave % has % of SKU % left to pick there, not %', wv.wave_no, open_qty, sku_code, p_short
            USING ERRCODE = 'check_violation', HINT = 'pick_mismatch',
                  DETAIL = json_build_object('reason', 'too_many', 'wave', wv.wave_no, 'sku', sku_code,
                                             'left', open_qty)::text;
    END IF;
    FOR pl IN SELECT id, quantity - picked_quantity - short_quantity AS open FROM fulfil.pick_line
              WHERE wave_id = p_wave AND sku_id = p_sku AND (p_location IS NULL OR location_id = p_location)
                AND quantity - picked_quantity - short_quantity > 0
              ORDER BY pick_order DESC, id DESC LOOP
        EXIT WHEN left_short <= 0;
        take := least(pl.open, left_short);
        UPDATE fulfil.pick_line SET short_quantity = short_quantity + take, short_reason = p_reason WHERE id = pl.id;
        IF p_location IS NOT NULL THEN
            gone := gone || pl.id;
            gone_qty := gone_qty || take;
        END IF;
        left_short := left_short - take;
    END LOOP;
    FOR c IN SELECT o.id, sum(r.quantity) AS wants FROM fulfil.wave_order wo
             JOIN sales."order" o ON o.id = wo.order_id AND o.status = 'picking'
             JOIN sales.order_line l ON l.order_id = o.id
             JOIN stock.reservation r ON r.doc_type = 'order_line' AND r.doc_id = l.id AND r.kit_quantity IS NULL
                                     AND r.quantity > 0 AND r.sku_id = p_sku
             WHERE wo.wave_id = p_wave AND wo.removed_at IS NULL
             GROUP BY o.id, o.paid_at ORDER BY o.paid_at DESC, o.id DESC LOOP
        EXIT WHEN covered >= p_short;
        covered := covered + c.wants;
        dropped := dropped || c.id;
        UPDATE fulfil.wave_order SET removed_at = now(), removed_reason = 'short_pick'
            WHERE wave_id = p_wave AND order_id = c.id;
        UPDATE sales."order" SET status = 'waiting', hold_reason = 'short_pick' WHERE id = c.id;
        PERFORM fulfil.release_order(c.id);
        INSERT INTO sales.order_event (order_id, kind, detail)
            VALUES (c.id, 'short_pick', jsonb_build_object('wave', wv.wave_no, 'sku', sku_code, 'short', p_short,
                                                            'reason', p_reason));
    END LOOP;
    -- The picker found the bin named short: the ledger follows the shelf at once (reason short_pick),
    -- so the stock no longer counts as available, the orders sent back wait for real stock, and the
    -- shops are not offered what is not there.  Their reservations are released above, so reserved
    -- never exceeds on hand.  A count of the bin (the business event below) confirms it later.
    FOR i IN 1 .. coalesce(array_length(gone, 1), 0) LOOP
        SELECT p.location_id, p.lot_id INTO pl FROM fulfil.pick_line p WHERE p.id = gone[i];
        SELECT coalesce(sum(q.quantity), 0) INTO have FROM stock.quant q
            WHERE q.sku_id = p_sku AND q.location_id = pl.location_id AND q.lot_id IS NOT DISTINCT FROM pl.lot_id;
        IF least(have, gone_qty[i]) > 0 THEN
            PERFORM stock.adjust(p_sku, pl.location_id, pl.lot_id, -least(have, gone_qty[i]), 'short_pick',
                                 'wave ' || wv.wave_no || coalesce(': ' || p_reason, ''), 'adjustment',
                                 'pick_line', gone[i]);
        END IF;
    END LOOP;
    -- the bin is missing stock the ledger said was there: someone should count it
    INSERT INTO core.business_event (actor, kind, entity, entity_id, payload)
        VALUES (session_user, 'short_pick', 'fulfil.wave', p_wave,
                jsonb_build_object('wave', wv.wave_no, 'sku', sku_code, 'sku_id', p_sku, 'location_id', p_location,
                                   'quantity', p_short, 'reason', p_reason, 'orders', to_jsonb(dropped)));
    IF NOT EXISTS (SELECT 1 FROM fulfil.pick_line WHERE wave_id = p_wave
                   AND quantity - picked_quantity - short_quantity > 0) THEN
        UPDATE fulfil.wave SET status = 'picked', picked_at = now() WHERE id = p_wave AND status IN ('open', 'picking');
    END IF;
    PERFORM fulfil.close_wave_if_done(p_wave);
    RETURN dropped;
END $$;

-- ---------------------------------------------------------------------------------------------
-- shipping
-- ---------------------------------------------------------------------------------------------

-- Ship an order in one statement: its reserved stock leaves (stock.consume), one shipment per
-- parcel (p_parcels: [{"weight_kg": 1.2, "tracking_no": null}, ...]; no tracking number: the
-- carrier pool's next), the order shipped with the first parcel's tracking number, the shop's
-- confirmation queued (job confirm_shipment, per shop).  p_pack is the client's id of this pack:
-- a call with a pack id seen before returns that pack's shipments and does nothing else.
CREATE FUNCTION fulfil.ship_order(p_order bigint, p_pack uuid, p_parcels jsonb, p_packer text DEFAULT NULL,
                                  p_expected_kg numeric DEFAULT NULL)
RETURNS SETOF fulfil.shipment
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    o record;
    ln record;
    p jsonb;
    n integer := 0;
    total integer;
    tno text;
    first_tno text;
    tnos text[] := '{}';
    v_wave bigint;
    why text;
BEGIN
    IF p_pack IS NULL THEN
        RAISE EXCEPTION 'a pack needs its id' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF jsonb_typeof(p_parcels) IS DISTINCT FROM 'array' OR jsonb_array_length(p_parcels) = 0 THEN
        RAISE EXCEPTION 'a pack has one parcel or more' USING ERRCODE = 'invalid_parameter_value';
    END IF;
    total := jsonb_array_length(p_parcels);
    SELECT id, status, platform_order_no, platform_status, hold_reason, carrier_id, carrier_service, shop_id,
           freight_estimate, tracking_no INTO o
        FROM sales."order" WHERE id = p_order FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no order %', p_order USING ERRCODE = 'no_data_found', HINT = 'not_found',
            DETAIL = json_build_object('what', 'order', 'key', p_order)::text;
    END IF;
    -- this pack again: its answer was lost on the way
    IF EXISTS (SELECT 1 FROM fulfil.shipment WHERE pack_id = p_pack) THEN
        IF EXISTS (SELECT 1 FROM fulfil.shipment WHERE pack_id = p_pack AND order_id <> p_order) THEN
            RAISE EXCEPTION 'pack % shipped another order', p_pack USING ERRCODE = 'invalid_parameter_value';
        END IF;
        RETURN QUERY SELECT * FROM fulfil.shipment WHERE pack_id = p_pack ORDER BY parcel_no, id;
        RETURN;
    END IF;
    IF o.status = 'shipped' THEN
        RAISE EXCEPTION 'order % is shipped already (%)', o.platform_order_no, o.tracking_no
            USING ERRCODE = 'check_violation', HINT = 'already_shipped',
                  DETAIL = json_build_object('order', o.platform_order_no, 'tracking_nos',
                      (SELECT coalesce(json_agg(tracking_no ORDER BY parcel_no), '[]') FROM fulfil.shipment
                       WHERE order_id = p_order AND status = 'shipped'))::text;
    END IF;
    why := CASE WHEN o.status = 'cancelled' THEN coalesce(o.hold_reason, 'cancelled')
                ELSE fulfil.stop_reason(o.platform_status, o.hold_reason) END;
    IF why IS NOT NULL THEN
        RAISE EXCEPTION 'order % is stopped (%) and cannot ship', o.platform_order_no, why
            USING ERRCODE = 'check_violation', HINT = 'order_stopped',
                  DETAIL = json_build_object('order', o.platform_order_no, 'reason', why)::text;
    END IF;
    IF o.status NOT IN ('approved', 'picking') THEN
        RAISE EXCEPTION 'order % is % and cannot ship yet', o.platform_order_no, o.status
            USING ERRCODE = 'check_violation', HINT = 'not_ready',
                  DETAIL = json_build_object('order', o.platform_order_no, 'status', o.status)::text;
    END IF;
    IF o.carrier_id IS NULL THEN
        RAISE EXCEPTION 'order % has no carrier', o.platform_order_no
            USING ERRCODE = 'check_violation', HINT = 'no_carrier',
                  DETAIL = json_build_object('order', o.platform_order_no)::text;
    END IF;
    IF EXISTS (SELECT 1 FROM sales.order_line WHERE order_id = p_order AND sku_id IS NOT NULL
               AND reservation_id IS NULL AND platform_status NOT IN ('refunded', 'cancelled')) THEN
        RAISE EXCEPTION 'order % holds no stock for some of its lines', o.platform_order_no
            USING ERRCODE = 'check_violation', HINT = 'not_ready',
                  DETAIL = json_build_object('order', o.platform_order_no, 'status', 'not_reserved')::text;
    END IF;

    -- the stock leaves: levels locked up front in the ledger's order, then each line's reservation
    PERFORM stock.lock_levels(ARRAY(SELECT DISTINCT sku_id FROM sales.order_line
                                    WHERE order_id = p_order AND sku_id IS NOT NULL));
    FOR ln IN SELECT l.reservation_id FROM sales.order_line l JOIN stock.reservation r ON r.id = l.reservation_id
              WHERE l.order_id = p_order AND coalesce(r.kit_quantity, r.quantity) > 0 ORDER BY l.sku_id, l.id LOOP
        PERFORM stock.consume(ln.reservation_id, NULL, o.platform_order_no);
    END LOOP;

    SELECT wo.wave_id INTO v_wave FROM fulfil.wave_order wo WHERE wo.order_id = p_order AND wo.removed_at IS NULL;
    FOR p IN SELECT value FROM jsonb_array_elements(p_parcels) LOOP
        n := n + 1;
        tno := fulfil.parcel_tracking_no(o.carrier_id, p->>'tracking_no');
        IF tno = ANY(tnos) THEN
            RAISE EXCEPTION 'tracking number % is on two parcels of this pack', tno
                USING ERRCODE = 'unique_violation', HINT = 'tracking_used',
                      DETAIL = json_build_object('carrier', (SELECT code FROM fulfil.carrier WHERE id = o.carrier_id),
                                                 'tracking_no', tno)::text;
        END IF;
        tnos := tnos || tno;
        INSERT INTO fulfil.shipment (order_id, wave_id, pack_id, parcel_no, parcel_count, carrier_id, service,
                                     tracking_no, weight_kg, expected_weight_kg, freight_cost, packer)
            VALUES (p_order, v_wave, p_pack, n, total, o.carrier_id, o.carrier_service, tno,
                    nullif(p->>'weight_kg', '')::numeric, p_expected_kg,
                    CASE WHEN n = 1 THEN o.freight_estimate END, coalesce(nullif(p_packer, ''), session_user));
    END LOOP;
    first_tno := tnos[1];
    UPDATE sales."order" SET status = 'shipped', tracking_no = first_tno, shipped_at = now() WHERE id = p_order;
    INSERT INTO sales.order_event (order_id, kind, detail)
        VALUES (p_order, 'shipped', jsonb_build_object(
            'carrier', (SELECT code FROM fulfil.carrier WHERE id = o.carrier_id), 'tracking_nos', to_jsonb(tnos),
            'parcels', total, 'pack', p_pack, 'packer', coalesce(nullif(p_packer, ''), session_user),
            'wave', (SELECT wave_no FROM fulfil.wave WHERE id = v_wave)));
    PERFORM core.request_job('confirm_shipment', o.shop_id::text);
    PERFORM fulfil.close_wave_if_done(v_wave);
    RETURN QUERY SELECT * FROM fulfil.shipment WHERE pack_id = p_pack ORDER BY parcel_no, id;
END $$;

-- Void a parcel's label (its tracking number is never used again).  With p_replace a new label
-- takes its place (p_tracking, else the pool's next).  Returns the new shipment, or null.
CREATE FUNCTION fulfil.void_shipment(p_shipment bigint, p_reason text, p_replace boolean DEFAULT false,
                                     p_tracking text DEFAULT NULL)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    sh fulfil.shipment;
    ord bigint;
    new_id bigint;
    tno text;
    shop integer;
BEGIN
    SELECT order_id INTO ord FROM fulfil.shipment WHERE id = p_shipment;
    IF ord IS NULL THEN
        RAISE EXCEPTION 'no shipment %', p_shipment USING ERRCODE = 'no_data_found', HINT = 'not_found',
            DETAIL = json_build_object('what', 'shipment', 'key', p_shipment)::text;
    END IF;
    SELECT shop_id INTO shop FROM sales."order" WHERE id = ord FOR UPDATE;      -- as ship_order: the order first
    SELECT * INTO sh FROM fulfil.shipment WHERE id = p_shipment FOR UPDATE;
    IF sh.status = 'voided' THEN
        RAISE EXCEPTION 'the label % is voided already', sh.tracking_no
            USING ERRCODE = 'check_violation', HINT = 'already_voided',
                  DETAIL = json_build_object('tracking_no', sh.tracking_no)::text;
    END IF;
    UPDATE fulfil.shipment SET status = 'voided', voided_at = now(), void_reason = p_reason WHERE id = p_shipment;
    IF p_replace THEN
        tno := fulfil.parcel_tracking_no(sh.carrier_id, p_tracking);
        INSERT INTO fulfil.shipment (order_id, wave_id, pack_id, parcel_no, parcel_count, carrier_id, service,
                                     tracking_no, weight_kg, expected_weight_kg, freight_cost, packer)
            VALUES (sh.order_id, sh.wave_id, sh.pack_id, sh.parcel_no, sh.parcel_count, sh.carrier_id, sh.service,
                    tno, sh.weight_kg, sh.expected_weight_kg, sh.freight_cost, session_user)
            RETURNING id INTO new_id;
        UPDATE fulfil.shipment SET replaced_by = new_id WHERE id = p_shipment;
        PERFORM core.request_job('confirm_shipment', shop::text);
    END IF;
    UPDATE sales."order" SET tracking_no = (SELECT tracking_no FROM fulfil.shipment WHERE order_id = sh.order_id
                                            AND status = 'shipped' ORDER BY parcel_no, id LIMIT 1)
        WHERE id = sh.order_id;
    INSERT INTO sales.order_event (order_id, kind, detail)
        VALUES (sh.order_id, 'label_voided', jsonb_build_object('tracking_no', sh.tracking_no, 'reason', p_reason,
                                                                'replaced_by', tno));
    RETURN new_id;
END $$;

-- ---------------------------------------------------------------------------------------------
-- grants: the warehouse picks and packs; the order desk reads, takes orders out of waves and
-- has the shops told; viewers and finance read
-- ---------------------------------------------------------------------------------------------

REVOKE ALL ON FUNCTION fulfil.import_tracking_numbers(integer, text[], text, text, text, text),
                       fulfil.take_tracking_no(integer), fulfil.parcel_tracking_no(integer, text),
                       fulfil.close_wave_if_done(bigint),
                       fulfil.open_wave(integer, integer, bigint[], boolean, text), fulfil.release_order(bigint),
                       fulfil.leave_wave(bigint, text), fulfil.short_pick(bigint, integer, numeric, text, integer),
                       fulfil.ship_order(bigint, uuid, jsonb, text, numeric),
                       fulfil.void_shipment(bigint, text, boolean, text)
    FROM PUBLIC;

DO $$
DECLARE a text;
BEGIN
    FOREACH a IN ARRAY ARRAY['admin', 'sales', 'finance', 'service', 'warehouse', 'viewer'] LOOP
        PERFORM core.grant_to('SELECT', 'fulfil.wave, fulfil.wave_order, fulfil.pick_line, fulfil.shipment, '
                                        'fulfil.tracking_range', a);
    END LOOP;
    FOREACH a IN ARRAY ARRAY['admin', 'sales', 'warehouse', 'viewer'] LOOP
        PERFORM core.grant_to('SELECT', 'fulfil.tracking_number', a);
    END LOOP;
    PERFORM core.grant_to('ALL', 'fulfil.wave, fulfil.wave_order, fulfil.pick_line, fulfil.shipment, '
                                 'fulfil.tracking_range, fulfil.tracking_number', 'admin');
    PERFORM core.grant_to('USAGE', 'SEQUENCE fulfil.wave_seq', 'admin');

    -- the warehouse: waves, picks, packs, labels
    FOREACH a IN ARRAY ARRAY['warehouse', 'admin'] LOOP
        PERFORM core.grant_to('EXECUTE', 'FUNCTION fulfil.open_wave(integer, integer, bigint[], boolean, text), '
                              'fulfil.short_pick(bigint, integer, numeric, text, integer), '
                              'fulfil.ship_order(bigint, uuid, jsonb, text, numeric), '
                              'fulfil.void_shipment(bigint, text, boolean, text), '
                              'fulfil.take_tracking_no(integer)', a);
        PERFORM core.grant_to('UPDATE (status, note, picked_at)', 'fulfil.wave', a);
        PERFORM core.grant_to('UPDATE (picked_quantity)', 'fulfil.pick_line', a);
        PERFORM core.grant_to('UPDATE (labels_printed, last_printed_at)', 'fulfil.shipment', a);
    END LOOP;
    -- taking an order out of its wave (a platform cancellation), importing tracking numbers, and
    -- telling the shops (the confirm_shipment job, shipment files): the warehouse and the order desk
    FOREACH a IN ARRAY ARRAY['warehouse', 'sales', 'admin'] LOOP
        PERFORM core.grant_to('EXECUTE', 'FUNCTION fulfil.leave_wave(bigint, text), '
                              'fulfil.import_tracking_numbers(integer, text[], text, text, text, text)', a);
        PERFORM core.grant_to('UPDATE (confirm_state, confirmed_at, confirm_error)', 'fulfil.shipment', a);
    END LOOP;
END $$;
