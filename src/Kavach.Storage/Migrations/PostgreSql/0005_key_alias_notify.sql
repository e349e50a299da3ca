-- Every change to keymgr.key_alias, by any replica or any other tool (including a manual UPDATE), notifies channel
-- kavach_key_alias when its transaction commits. Each Kavach process listens and drops its cached alias rows, so a
-- revoked or rotated key is never served from a cache after the change is committed (PostgresKeyAliasListener).
-- One notification per statement; PostgreSQL folds identical notifications of one transaction into one.

CREATE OR REPLACE FUNCTION keymgr.notify_key_alias_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('kavach_key_alias', '');
    RETURN NULL;
END;
$$;

DROP TRIGGER IF EXISTS key_alias_changed ON keymgr.key_alias;
CREATE TRIGGER key_alias_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON keymgr.key_alias
    FOR EACH STATEMENT EXECUTE FUNCTION keymgr.notify_key_alias_changed();
