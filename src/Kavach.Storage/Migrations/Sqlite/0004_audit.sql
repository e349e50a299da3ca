-- Kavach's tamper-evident audit trail (MOSIP has none; docs/audit.md).
--
-- audit_log: one row per event, seq_no 1, 2, 3, ... without gaps. Each row carries the hash of the previous row
-- (prev_hash) and its own (record_hash, SHA-256 over the canonical bytes of its fields; see AuditChain), and an
-- HMAC of the same bytes under a key derived from the vault's KERNEL/AUDIT secret (record_mac). Rows are
-- appended under the audit write lock only, so one chain results from any number of writers.
-- audit_checkpoint: every N records / T minutes, the head (seq_no, record_hash) signed with KERNEL/SIGN and MACed
-- with a key derived from the vault's KERNEL/AUDIT secret.
--
-- The triggers make both tables append-only for the application; they do not stop the database owner (who can drop
-- them), which is what the hash chain and the signed checkpoints are for.

CREATE TABLE IF NOT EXISTS audit_log (
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

CREATE TABLE IF NOT EXISTS audit_checkpoint (
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

CREATE TRIGGER IF NOT EXISTS trg_audlog_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER IF NOT EXISTS trg_audlog_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER IF NOT EXISTS trg_audcp_no_update BEFORE UPDATE ON audit_checkpoint
BEGIN
    SELECT RAISE(ABORT, 'audit_checkpoint is append-only');
END;

CREATE TRIGGER IF NOT EXISTS trg_audcp_no_delete BEFORE DELETE ON audit_checkpoint
BEGIN
    SELECT RAISE(ABORT, 'audit_checkpoint is append-only');
END;
