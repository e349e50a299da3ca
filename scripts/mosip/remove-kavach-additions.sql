-- Removes what Kavach added to a MOSIP keymgr database (docs/migrating-from-mosip.md, "Rolling back"), leaving MOSIP's
-- schema exactly as MOSIP's scripts made it. Run it only with every Kavach process stopped, after MOSIP's key manager
-- is back (it is not needed for MOSIP to run: MOSIP ignores these objects). It drops Kavach's audit trail: export it
-- first if you must keep it (pg_dump -t keymgr.audit_log -t keymgr.audit_checkpoint).
--
--   psql "$KEYMGR_DB" -v ON_ERROR_STOP=1 -f scripts/mosip/remove-kavach-additions.sql
--
-- Rows Kavach wrote into MOSIP's own tables (keys it made, in MOSIP's formats) are not removed: MOSIP serves them.

BEGIN;

DROP TRIGGER IF EXISTS key_alias_changed ON keymgr.key_alias;
DROP FUNCTION IF EXISTS keymgr.notify_key_alias_changed();

DROP TABLE IF EXISTS keymgr.audit_log;
DROP TABLE IF EXISTS keymgr.audit_checkpoint;
DROP FUNCTION IF EXISTS keymgr.audit_append_only();

DROP TABLE IF EXISTS keymgr.ca_crl_store;
DROP TABLE IF EXISTS keymgr.trust_domain_state;
DROP TABLE IF EXISTS keymgr.channel_partner;
DROP TABLE IF EXISTS keymgr.channel_replay;
DROP TABLE IF EXISTS keymgr.device_deregistration;
DROP TABLE IF EXISTS keymgr.device_hook_delivery;
DROP TABLE IF EXISTS keymgr.device_log_leaf;
DROP TABLE IF EXISTS keymgr.device_log_sth;
DROP TABLE IF EXISTS keymgr.device_rollout_member;
DROP TABLE IF EXISTS keymgr.device_rollout;
DROP TABLE IF EXISTS keymgr.device_release_timestamp;
DROP TABLE IF EXISTS keymgr.device_release;
DROP TABLE IF EXISTS keymgr.device_update_artifact;
DROP TABLE IF EXISTS keymgr.device_update_trust;
DROP TABLE IF EXISTS keymgr.device_command;
DROP TABLE IF EXISTS keymgr.device_job_run;
DROP TABLE IF EXISTS keymgr.device_enrol_nonce;
DROP TABLE IF EXISTS keymgr.device_l0_request;
DROP TABLE IF EXISTS keymgr.device_cert;
DROP TABLE IF EXISTS keymgr.device;
DROP TABLE IF EXISTS keymgr.whitelist_entry;
DROP TABLE IF EXISTS keymgr.whitelist_batch;
DROP TABLE IF EXISTS keymgr.device_model;
DROP TABLE IF EXISTS keymgr.device_provider;
DROP TABLE IF EXISTS keymgr.device_approval;
DROP TABLE IF EXISTS keymgr.schema_migrations;

DROP INDEX IF EXISTS keymgr.idx_keymals_app_ref_gen;
DROP INDEX IF EXISTS keymgr.idx_keymals_thumbprint;
DROP INDEX IF EXISTS keymgr.idx_keymals_app_crby;
DROP INDEX IF EXISTS keymgr.idx_ca_cert_domain;
DROP INDEX IF EXISTS keymgr.idx_ca_cert_subject;

COMMIT;
