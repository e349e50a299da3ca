-- MOSIP's own names for objects 0001 had named otherwise: the 1.3 indexes of ca_cert_store (ddl/keymgr-ca_cert_store.sql and
-- the 1.2.1.0-to-1.3.0 upgrade script) and the primary keys of the license tables. With the old names an adopted MOSIP
-- database got a second copy of each index, and a database Kavach made was not the one MOSIP's scripts make.
-- Only Kavach's own names are dropped or renamed; a MOSIP database keeps every object it has.

CREATE INDEX IF NOT EXISTS idx_ca_cert_store_cr_dtimes ON keymgr.ca_cert_store USING btree (cr_dtimes);
CREATE INDEX IF NOT EXISTS idx_ca_cert_store_del_dtimes ON keymgr.ca_cert_store USING btree (del_dtimes);
CREATE INDEX IF NOT EXISTS idx_ca_cert_store_upd_dtimes ON keymgr.ca_cert_store USING btree (upd_dtimes);
DROP INDEX IF EXISTS keymgr.idx_ca_cert_cr_dtimes;
DROP INDEX IF EXISTS keymgr.idx_ca_cert_del_dtimes;
DROP INDEX IF EXISTS keymgr.idx_ca_cert_upd_dtimes;

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_constraint WHERE connamespace = 'keymgr'::regnamespace AND conname = 'pk_lkeylst_id') THEN
        ALTER TABLE keymgr.licensekey_list RENAME CONSTRAINT pk_lkeylst_id TO pk_lkeylst;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_constraint WHERE connamespace = 'keymgr'::regnamespace AND conname = 'pk_lkeyper_id') THEN
        ALTER TABLE keymgr.licensekey_permission RENAME CONSTRAINT pk_lkeyper_id TO pk_lkeyper;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_constraint WHERE connamespace = 'keymgr'::regnamespace AND conname = 'pk_tsplkeym_id') THEN
        ALTER TABLE keymgr.tsp_licensekey_map RENAME CONSTRAINT pk_tsplkeym_id TO pk_tsplkeym;
    END IF;
END;
$$;
