-- The key-creation limit counts a caller's base keys of an application (key_alias.cr_by holds the creator since this
-- version; older rows say SYSTEM). Not in MOSIP: an index only, the table keeps MOSIP's shape.
CREATE INDEX IF NOT EXISTS idx_keymals_app_crby ON keymgr.key_alias (app_id, cr_by);
