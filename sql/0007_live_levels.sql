-- Live updates of stock levels, cheaper on the hottest path of the ledger.
--
-- 0003 queued level changes with the statement-level trigger every tracked table has: it builds
-- a transition table and calls two SECURITY DEFINER functions per statement, about a fifth of the
-- server's work for a one-line reservation (benchmarks/stock.py, profile).  Levels are written
-- only inside the ledger's SECURITY DEFINER functions (no role may write them directly), so the
-- trigger always runs as the ledger's owner with the ledger's search_path: a plain row-level
-- trigger that queues the row's id is enough.  A set-based statement (history, planning marks)
-- queues one entry per row; core.flush_changes() folds them into one notification per table.

CREATE FUNCTION stock.queue_level_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO core.change_queue (tbl, op, ids) VALUES ('stock.level', 'U', ARRAY[NEW.id]);
    RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION stock.queue_level_change() FROM PUBLIC;

DROP TRIGGER notify_upd ON stock.level;
CREATE TRIGGER notify_upd AFTER UPDATE ON stock.level
    FOR EACH ROW EXECUTE FUNCTION stock.queue_level_change();
