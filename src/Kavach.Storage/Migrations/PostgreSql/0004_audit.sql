-- Kavach's tamper-evident audit trail (MOSIP has none; docs/audit.md). Same tables as the SQLite migration.
--
-- audit_log: one row per event, seq_no 1, 2, 3, ... without gaps. Each row carries the hash of the previous row
-- (prev_hash) and its own (record_hash, SHA-256 over the canonical bytes of its fields; see AuditChain), and an
-- HMAC of the same bytes under a key derived from the vault's KERNEL/AUDIT secret (record_mac). Rows are
-- appended under the audit advisory lock only, so one chain results from any number of replicas.
-- audit_checkpoint: every N records / T minutes, the head (seq_no, record_hash) signed with KERNEL/SIGN and MACed
-- with a key derived from the vault's KERNEL/AUDIT secret.
--
-- The triggers make both tables append-only for the application role; the table owner can still drop them, which is
-- what the hash chain and the signed checkpoints are for. Operators may also REVOKE UPDATE, DELETE, TRUNCATE.

CREATE TABLE IF NOT EXISTS keymgr.audit_log (
    seq_no        bigint                  NOT NULL,
    event_dtimes  timestamp               NOT NULL,
    request_id    character varying(128),
    actor         character varying(256),
    auth_method   character varying(64),
    client_addr   character varying(64),
    operation     character varying(64)   NOT NULL,
    app_id        character varying(64),
    ref_id        character varying(128),
    key_ref       character varying(200),
    subject       character varying(128),
    outcome       character varying(64)   NOT NULL,
    http_status   integer,
    detail        character varying(1024),
    prev_hash     character varying(64)   NOT NULL,
    record_hash   character varying(64)   NOT NULL,
    mac_key_alias character varying(36),
    record_mac    character varying(64),
    CONSTRAINT pk_audlog_seq PRIMARY KEY (seq_no)
);

CREATE TABLE IF NOT EXISTS keymgr.audit_checkpoint (
    seq_no            bigint                  NOT NULL,
    record_hash       character varying(64)   NOT NULL,
    cp_dtimes         timestamp               NOT NULL,
    sign_key_alias    character varying(36)   NOT NULL,
    cert_thumbprint   character varying(64)   NOT NULL,
    certificate_data  character varying       NOT NULL,
    sign_algorithm    character varying(16)   NOT NULL,
    signature         character varying(1024) NOT NULL,
    policy_state      character varying,
    mac_key_alias     character varying(36),
    mac               character varying(64),
    CONSTRAINT pk_audcp_seq PRIMARY KEY (seq_no)
);

CREATE OR REPLACE FUNCTION keymgr.audit_append_only() RETURNS trigger LANGUAGE plpgsql AS
$$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;

DROP TRIGGER IF EXISTS trg_audlog_append_only ON keymgr.audit_log;
CREATE TRIGGER trg_audlog_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON keymgr.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION keymgr.audit_append_only();

DROP TRIGGER IF EXISTS trg_audcp_append_only ON keymgr.audit_checkpoint;
CREATE TRIGGER trg_audcp_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON keymgr.audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION keymgr.audit_append_only();
