-- Lock the stock levels a batch of orders will reserve or release, up front, in the ledger's one
-- global order (SKU, then warehouse), so two batches sharing SKUs wait for each other instead of
-- deadlocking.  Nobody may lock stock.level rows directly (no UPDATE right), hence a function.
-- Kits lock their components.

CREATE FUNCTION stock.lock_levels(p_skus integer[]) RETURNS integer
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
    WITH wanted AS (
        SELECT coalesce(c.component_sku_id, x.sku) AS sku
        FROM unnest(p_skus) AS x(sku) LEFT JOIN catalog.kit_component c ON c.kit_sku_id = x.sku),
    locked AS (
        SELECT l.id FROM stock.level l WHERE l.sku_id IN (SELECT sku FROM wanted)
        ORDER BY l.sku_id, l.warehouse_id FOR NO KEY UPDATE)
    SELECT count(*)::integer FROM locked
$$;
REVOKE ALL ON FUNCTION stock.lock_levels(integer[]) FROM PUBLIC;

DO $$
DECLARE a text;
BEGIN
    FOREACH a IN ARRAY ARRAY['warehouse', 'sales', 'admin'] LOOP
        PERFORM core.grant_to('EXECUTE', 'FUNCTION stock.lock_levels(integer[])', a);
    END LOOP;
END $$;
