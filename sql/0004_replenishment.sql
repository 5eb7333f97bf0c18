-- 0004_replenishment: what each supplier delivers (lead time, MOQ, pack size), the
-- replenishment figures per SKU x warehouse with how they were derived, and recording past
-- moves (demo history, opening balances) with their real dates.

CREATE TABLE purchase.supplier_sku (
    supplier_id     integer NOT NULL REFERENCES purchase.supplier ON DELETE CASCADE,
    sku_id          integer NOT NULL REFERENCES catalog.sku ON DELETE CASCADE,
    supplier_code   text,                                   -- the supplier's own article number
    lead_time_days  integer CHECK (lead_time_days >= 0),    -- null: the supplier's default
    moq             numeric(14,3) NOT NULL DEFAULT 1 CHECK (moq > 0),
    pack_size       numeric(14,3) NOT NULL DEFAULT 1 CHECK (pack_size > 0),
    unit_cost       numeric(14,2) CHECK (unit_cost >= 0),
    preferred       boolean NOT NULL DEFAULT true,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    created_by      text NOT NULL DEFAULT current_user,
    updated_by      text NOT NULL DEFAULT current_user,
    PRIMARY KEY (supplier_id, sku_id)
);
CREATE INDEX supplier_sku_sku_idx ON purchase.supplier_sku (sku_id);
-- one preferred supplier per SKU
CREATE UNIQUE INDEX supplier_sku_preferred_idx ON purchase.supplier_sku (sku_id) WHERE preferred;

-- Replenishment figures per SKU x warehouse.  Planning parameters are set by people; the
-- figures below them are computed (services/replenishment.py) and carry their derivation in
-- `explanation`, so a buyer can see the numbers behind each suggestion.
CREATE TABLE stock.replenishment (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sku_id            integer NOT NULL REFERENCES catalog.sku ON DELETE CASCADE,
    warehouse_id      integer NOT NULL REFERENCES stock.warehouse ON DELETE CASCADE,
    -- parameters
    service_level     numeric(5,4) NOT NULL DEFAULT 0.95 CHECK (service_level > 0 AND service_level < 1),
    review_days       integer NOT NULL DEFAULT 7 CHECK (review_days >= 0),
    safety_stock_set  numeric(14,3) CHECK (safety_stock_set >= 0),   -- a person's override
    max_stock_set     numeric(14,3) CHECK (max_stock_set >= 0),
    -- computed
    forecast_daily    numeric(14,3),
    demand_std_daily  numeric(14,3),
    lead_time_days    integer,
    safety_stock      numeric(14,3),
    reorder_point     numeric(14,3),
    suggested_qty     numeric(14,3),
    last_sale_at      timestamptz,
    sold_90d          numeric(14,3),
    explanation       jsonb NOT NULL DEFAULT '{}'::jsonb,
    computed_at       timestamptz,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    created_by        text NOT NULL DEFAULT current_user,
    updated_by        text NOT NULL DEFAULT current_user,
    UNIQUE (sku_id, warehouse_id)
);
CREATE INDEX replenishment_warehouse_idx ON stock.replenishment (warehouse_id, sku_id);

SELECT core.track('purchase.supplier_sku', false), core.track('stock.replenishment');

-- Moves that happened before the system knew them (opening balances, the demo's past sales),
-- with their real time, set-based for volume.  p_moves is a JSON array of
--   {"kind": "receipt|shipment|return|adjustment", "sku": id, "lot": id|null, "from": location|null,
--    "to": location|null, "qty": n, "at": timestamptz, "doc_type": .., "doc_ref": .., "reason": ..,
--    "lot_no": .., "expires": date, "supplier": id}
-- A "lot_no" instead of a "lot" id names the SKU's lot, made if it is new, received on the date
-- of its first move in the batch.
-- Administrators only; never in the future, never kits or transit.  Quants and levels move by
-- the sum of the moves, so the ledger check holds; the final balances must respect the same
-- constraints as any other move (on hand >= 0).
CREATE FUNCTION stock.record_history(p_moves jsonb) RETURNS integer
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    n integer;
    bad record;
BEGIN
    SELECT x.* INTO bad FROM jsonb_to_recordset(p_moves) AS x(kind text, sku integer, "from" integer, "to" integer,
                                                             qty numeric, at timestamptz)
    LEFT JOIN catalog.sku s ON s.id = x.sku
    LEFT JOIN stock.location f ON f.id = x."from"
    LEFT JOIN stock.location t ON t.id = x."to"
    WHERE x.at IS NULL OR x.at > now() OR x.qty IS NULL OR x.qty <= 0
       OR x.kind NOT IN ('receipt', 'shipment', 'return', 'adjustment') OR s.id IS NULL OR s.is_kit
       OR (x."from" IS NULL AND x."to" IS NULL) OR f.kind = 'transit' OR t.kind = 'transit'
       OR (x."from" IS NOT NULL AND f.id IS NULL) OR (x."to" IS NOT NULL AND t.id IS NULL)
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'not a past move: % of SKU % (% -> %) x % at %', bad.kind, bad.sku, bad."from", bad."to",
                        bad.qty, bad.at USING ERRCODE = 'check_violation';
    END IF;

    IF jsonb_path_exists(p_moves, '$[*].lot_no ? (@ != null && @ != "")') THEN
        INSERT INTO stock.lot (sku_id, lot_no, received_on, expires_on, supplier_id)
        SELECT DISTINCT ON (x.sku, x.lot_no) x.sku, x.lot_no, x.at::date, x.expires, x.supplier
        FROM jsonb_to_recordset(p_moves) AS x(sku integer, lot_no text, at timestamptz, expires date, supplier integer)
        WHERE x.lot_no <> ''
        ORDER BY x.sku, x.lot_no, x.at
        ON CONFLICT (sku_id, lot_no) DO NOTHING;
        SELECT jsonb_agg(CASE WHEN coalesce(e->>'lot_no', '') = '' THEN e
                              ELSE e || jsonb_build_object('lot', t.id) END ORDER BY i)
        INTO p_moves
        FROM jsonb_array_elements(p_moves) WITH ORDINALITY AS a(e, i)
        LEFT JOIN stock.lot t ON t.sku_id = (e->>'sku')::integer AND t.lot_no = e->>'lot_no';
    END IF;

    INSERT INTO stock.move (moved_at, kind, sku_id, lot_id, from_location_id, to_location_id, from_warehouse_id,
                            to_warehouse_id, quantity, reason, doc_type, doc_ref)
    SELECT x.at, x.kind, x.sku, x.lot, x."from", x."to", f.warehouse_id, t.warehouse_id, x.qty, x.reason,
           x.doc_type, x.doc_ref
    FROM jsonb_to_recordset(p_moves) AS x(kind text, sku integer, lot integer, "from" integer, "to" integer,
                                          qty numeric, at timestamptz, doc_type text, doc_ref text, reason text)
    LEFT JOIN stock.location f ON f.id = x."from"
    LEFT JOIN stock.location t ON t.id = x."to"
    ORDER BY x.at;
    GET DIAGNOSTICS n = ROW_COUNT;

    -- Quants and levels move by the net of the batch.  Existing rows are updated first and only
    -- the missing ones inserted: a negative net for a row that exists is fine (the stock is
    -- there), where INSERT ... ON CONFLICT would check the proposed row's quantity >= 0 first.
    WITH d AS (
        SELECT x.sku, x.lot, x."to" AS loc, x.qty AS q FROM jsonb_to_recordset(p_moves)
            AS x(sku integer, lot integer, "to" integer, qty numeric) WHERE x."to" IS NOT NULL
        UNION ALL
        SELECT x.sku, x.lot, x."from", -x.qty FROM jsonb_to_recordset(p_moves)
            AS x(sku integer, lot integer, "from" integer, qty numeric) WHERE x."from" IS NOT NULL
    ), per_quant AS (
        SELECT d.sku, d.lot, d.loc, l.warehouse_id AS wh, sum(d.q) AS q
        FROM d JOIN stock.location l ON l.id = d.loc GROUP BY 1, 2, 3, 4
    ), updated AS (
        UPDATE stock.quant qt SET quantity = qt.quantity + p.q, updated_at = now()
        FROM per_quant p
        WHERE qt.sku_id = p.sku AND qt.location_id = p.loc AND coalesce(qt.lot_id, 0) = coalesce(p.lot, 0)
        RETURNING p.sku, p.lot, p.loc
    )
    INSERT INTO stock.quant (sku_id, lot_id, location_id, warehouse_id, quantity)
    SELECT p.sku, p.lot, p.loc, p.wh, p.q FROM per_quant p
    WHERE NOT EXISTS (SELECT 1 FROM updated u
                      WHERE u.sku = p.sku AND u.loc = p.loc AND coalesce(u.lot, 0) = coalesce(p.lot, 0));

    WITH d AS (
        SELECT x.sku, x.lot, t.warehouse_id AS wh, x.qty AS q FROM jsonb_to_recordset(p_moves)
            AS x(sku integer, lot integer, "to" integer, qty numeric)
            JOIN stock.location t ON t.id = x."to"
        UNION ALL
        SELECT x.sku, x.lot, f.warehouse_id, -x.qty FROM jsonb_to_recordset(p_moves)
            AS x(sku integer, lot integer, "from" integer, qty numeric)
            JOIN stock.location f ON f.id = x."from"
    ), per_level AS (
        SELECT d.sku, d.wh, sum(d.q) AS q, bool_or(t.expires_on IS NOT NULL) AS expiring
        FROM d LEFT JOIN stock.lot t ON t.id = d.lot GROUP BY 1, 2
    ), updated AS (
        UPDATE stock.level lv SET on_hand = lv.on_hand + p.q, tracks_expiry = lv.tracks_expiry OR p.expiring,
                                  updated_at = now()
        FROM per_level p WHERE lv.sku_id = p.sku AND lv.warehouse_id = p.wh
        RETURNING p.sku, p.wh
    )
    INSERT INTO stock.level (sku_id, warehouse_id, on_hand, tracks_expiry)
    SELECT p.sku, p.wh, p.q, p.expiring FROM per_level p
    WHERE NOT EXISTS (SELECT 1 FROM updated u WHERE u.sku = p.sku AND u.wh = p.wh);
    RETURN n;
END $$;

REVOKE ALL ON FUNCTION stock.record_history(jsonb) FROM PUBLIC;

DO $$
DECLARE a text;
BEGIN
    PERFORM core.grant_to('EXECUTE', 'FUNCTION stock.record_history(jsonb)', 'admin');
    PERFORM core.grant_to('ALL', 'purchase.supplier_sku, stock.replenishment', 'admin');
    FOREACH a IN ARRAY ARRAY['finance', 'sales', 'warehouse', 'purchasing', 'viewer'] LOOP
        PERFORM core.grant_to('SELECT', 'purchase.supplier_sku, stock.replenishment', a);
    END LOOP;
    -- buyers keep what suppliers deliver and the planning parameters, and store the figures
    PERFORM core.grant_to('INSERT, UPDATE, DELETE', 'purchase.supplier_sku', 'purchasing');
    PERFORM core.grant_to('INSERT, UPDATE', 'stock.replenishment', 'purchasing');
    -- warehouse leads may tune safety stock and maximum per SKU x warehouse
    PERFORM core.grant_to('INSERT', 'stock.replenishment', 'warehouse_lead');
    PERFORM core.grant_to('UPDATE (service_level, review_days, safety_stock_set, max_stock_set)',
                          'stock.replenishment', 'warehouse_lead');
END $$;
