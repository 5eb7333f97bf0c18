-- 0006_stock_views: what the Stock dock reads, fast on 200,000 SKUs x several warehouses.
--
-- "Below safety stock" and "overstock" compare a level (stock.level) with its planning figures
-- (stock.replenishment): two tables, so no index could answer them.  Each level therefore
-- carries a copy of its two marks, kept by triggers on stock.replenishment, and two stored
-- flags computed from them, which partial indexes hold.  The flags change only when a level
-- crosses a mark, so a reservation still updates its level row in place (a HOT update: no
-- index changes) as before.  Lots expiring soon, the SKU x warehouse rows sorted by on hand,
-- and who moved stock (their display name) have what they need too.

-- ---------------------------------------------------------------------------------------------
-- The marks and flags of a level
-- ---------------------------------------------------------------------------------------------
--   safety_stock     the person's safety stock (safety_stock_set), else the computed one
--   overstock_above  the person's maximum (max_stock_set) or 180 days of forecast demand,
--                    whichever is lower; with a forecast of 0 any stock is more than needed
-- Available here is on hand less reserved; stock in expired lots is not available either, which
-- the read side (services/stock_queries.py) adds for the levels that track expiry.
ALTER TABLE stock.level
    ADD COLUMN safety_stock    numeric(14,3),
    ADD COLUMN overstock_above numeric(14,3),
    ADD COLUMN below_safety    boolean GENERATED ALWAYS AS (on_hand - reserved < safety_stock) STORED,
    ADD COLUMN overstock       boolean GENERATED ALWAYS AS (on_hand - reserved > overstock_above) STORED;

CREATE INDEX level_below_safety_idx ON stock.level (warehouse_id, sku_id) WHERE below_safety;
CREATE INDEX level_overstock_idx ON stock.level (warehouse_id, sku_id) WHERE overstock;
-- the list sorted by on hand (only receipts and shipments change on hand, not reservations)
CREATE INDEX level_on_hand_idx ON stock.level (on_hand, id);
-- lots by expiry, and where they lie: "expiring within N days", and stock in expired lots
CREATE INDEX lot_expires_idx ON stock.lot (expires_on) WHERE expires_on IS NOT NULL;
CREATE INDEX quant_lot_idx ON stock.quant (lot_id) WHERE lot_id IS NOT NULL;

CREATE FUNCTION stock.overstock_mark(p_max numeric, p_forecast_daily numeric) RETURNS numeric
LANGUAGE sql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT least(p_max, round(p_forecast_daily * 180, 3))
$$;

UPDATE stock.level l SET safety_stock = coalesce(r.safety_stock_set, r.safety_stock),
                         overstock_above = stock.overstock_mark(r.max_stock_set, r.forecast_daily)
FROM stock.replenishment r WHERE r.sku_id = l.sku_id AND r.warehouse_id = l.warehouse_id;

-- a new level takes the marks of its SKU x warehouse (a level is made by the first receipt)
CREATE FUNCTION stock.level_marks_on_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    SELECT coalesce(r.safety_stock_set, r.safety_stock), stock.overstock_mark(r.max_stock_set, r.forecast_daily)
        INTO NEW.safety_stock, NEW.overstock_above
        FROM stock.replenishment r WHERE r.sku_id = NEW.sku_id AND r.warehouse_id = NEW.warehouse_id;
    RETURN NEW;
END $$;
CREATE TRIGGER level_marks BEFORE INSERT ON stock.level
    FOR EACH ROW EXECUTE FUNCTION stock.level_marks_on_insert();

-- planning figures set or computed: the levels follow, set-based, in (sku, warehouse) order as
-- the ledger locks them (no deadlock with moves and reservations)
CREATE FUNCTION stock.level_marks_from_replenishment() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM 1 FROM stock.level l JOIN old_rows o ON o.sku_id = l.sku_id AND o.warehouse_id = l.warehouse_id
            WHERE l.safety_stock IS NOT NULL OR l.overstock_above IS NOT NULL
            ORDER BY l.sku_id, l.warehouse_id FOR UPDATE OF l;
        UPDATE stock.level l SET safety_stock = NULL, overstock_above = NULL
            FROM old_rows o WHERE o.sku_id = l.sku_id AND o.warehouse_id = l.warehouse_id
              AND (l.safety_stock IS NOT NULL OR l.overstock_above IS NOT NULL);
        RETURN NULL;
    END IF;
    PERFORM 1 FROM stock.level l JOIN new_rows n ON n.sku_id = l.sku_id AND n.warehouse_id = l.warehouse_id
        WHERE l.safety_stock IS DISTINCT FROM coalesce(n.safety_stock_set, n.safety_stock)
           OR l.overstock_above IS DISTINCT FROM stock.overstock_mark(n.max_stock_set, n.forecast_daily)
        ORDER BY l.sku_id, l.warehouse_id FOR UPDATE OF l;
    UPDATE stock.level l SET safety_stock = coalesce(n.safety_stock_set, n.safety_stock),
                             overstock_above = stock.overstock_mark(n.max_stock_set, n.forecast_daily)
        FROM new_rows n WHERE n.sku_id = l.sku_id AND n.warehouse_id = l.warehouse_id
          AND (l.safety_stock IS DISTINCT FROM coalesce(n.safety_stock_set, n.safety_stock)
               OR l.overstock_above IS DISTINCT FROM stock.overstock_mark(n.max_stock_set, n.forecast_daily));
    RETURN NULL;
END $$;
CREATE TRIGGER level_marks_ins AFTER INSERT ON stock.replenishment REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stock.level_marks_from_replenishment();
CREATE TRIGGER level_marks_upd AFTER UPDATE ON stock.replenishment REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stock.level_marks_from_replenishment();
CREATE TRIGGER level_marks_del AFTER DELETE ON stock.replenishment REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION stock.level_marks_from_replenishment();

-- ---------------------------------------------------------------------------------------------
-- Who moved stock: the display names of the login roles in stock.move.created_by.  Only the
-- names asked for, and only login, display name: the users list itself stays the admin's.
-- ---------------------------------------------------------------------------------------------
CREATE FUNCTION core.user_names(p_roles text[])
RETURNS TABLE (role_name text, login text, display_name text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    SELECT u.role_name, u.login, u.display_name FROM core.app_user u WHERE u.role_name = ANY (p_roles)
$$;

REVOKE ALL ON FUNCTION stock.overstock_mark(numeric, numeric), stock.level_marks_on_insert(),
                       stock.level_marks_from_replenishment(), core.user_names(text[])
    FROM PUBLIC;

DO $$
DECLARE a text;
BEGIN
    FOR a IN SELECT area FROM core.role_area LOOP
        PERFORM core.grant_to('EXECUTE', 'FUNCTION core.user_names(text[])', a);
    END LOOP;
    -- goods are received from a supplier: the warehouse picks it by name (not its terms or contacts)
    PERFORM core.grant_to('SELECT (id, code, name)', 'purchase.supplier', 'warehouse');
END $$;
