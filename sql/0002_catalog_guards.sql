-- 0002_catalog_guards: rules the services kept, now kept by the database for every writer.

-- "last changed" sorts walk an index instead of scanning
CREATE INDEX sku_updated_id_idx ON catalog.sku (updated_at, id);

-- Audit columns name the login that made the change, also when the change runs inside a
-- SECURITY DEFINER function (where current_user is the function's owner).
CREATE OR REPLACE FUNCTION core.touch() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    NEW.updated_at := now();
    NEW.updated_by := session_user;
    IF TG_OP = 'UPDATE' THEN
        NEW.created_at := OLD.created_at;
        NEW.created_by := OLD.created_by;
    ELSE
        NEW.created_by := session_user;
    END IF;
    RETURN NEW;
END $$;

-- A SKU that is a component of a kit is not a kit itself, and a kit with components stays a
-- kit (kit_component's own trigger checks each new line).  Checked at commit, so a transaction
-- may turn a SKU into a kit and give it components, or the other way round, in any order.
CREATE FUNCTION catalog.check_kit_flag() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
DECLARE
    s record;
BEGIN
    SELECT id, code, is_kit INTO s FROM catalog.sku WHERE id = NEW.id;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF s.is_kit AND EXISTS (SELECT 1 FROM catalog.kit_component WHERE component_sku_id = s.id) THEN
        RAISE EXCEPTION 'SKU % is a component of a kit and cannot be a kit', s.code
            USING ERRCODE = 'check_violation';
    END IF;
    IF NOT s.is_kit AND EXISTS (SELECT 1 FROM catalog.kit_component WHERE kit_sku_id = s.id) THEN
        RAISE EXCEPTION 'SKU % has kit components but is not a kit', s.code USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER check_kit_flag AFTER UPDATE OF is_kit ON catalog.sku
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalog.check_kit_flag();

-- A change of a SKU's barcodes or kit lines is a change of the SKU: its version moves on, so a
-- desktop holding the older version is told to reload, whatever the role that made the change.
CREATE FUNCTION catalog.bump_sku_version() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        EXECUTE format('UPDATE catalog.sku SET version = version WHERE id IN (SELECT DISTINCT %I FROM old_rows)',
                       TG_ARGV[0]);
    ELSE
        EXECUTE format('UPDATE catalog.sku SET version = version WHERE id IN (SELECT DISTINCT %I FROM new_rows)',
                       TG_ARGV[0]);
    END IF;
    RETURN NULL;
END $$;
REVOKE ALL ON FUNCTION catalog.bump_sku_version() FROM PUBLIC;
CREATE TRIGGER bump_version_ins AFTER INSERT ON catalog.barcode REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog.bump_sku_version('sku_id');
CREATE TRIGGER bump_version_del AFTER DELETE ON catalog.barcode REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog.bump_sku_version('sku_id');
CREATE TRIGGER bump_version_ins AFTER INSERT ON catalog.kit_component REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog.bump_sku_version('kit_sku_id');
CREATE TRIGGER bump_version_del AFTER DELETE ON catalog.kit_component REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog.bump_sku_version('kit_sku_id');
CREATE TRIGGER bump_version_upd AFTER UPDATE ON catalog.kit_component REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION catalog.bump_sku_version('kit_sku_id');
