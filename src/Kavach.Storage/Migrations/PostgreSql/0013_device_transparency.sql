-- Kavach's device transparency log, outbound hooks outbox and de-registrations (seed 003, spec §4.10, §4.13.3, §4.13.6).
--
-- device_log_leaf: the leaves of the RFC 9162 Merkle tree, in order from 0 without gaps. The index is the primary
-- key and appends take one lock every replica shares, so two replicas never write two leaves at one index: the tree
-- cannot fork. leaf_data holds the canonical entry bytes as hashed; the other columns repeat fields of it for lookups.
-- Rows are never updated or deleted.
--
-- device_log_sth: signed tree heads, one per tree size (the first signed stays); sth_ms is the signed timestamp in
-- Unix milliseconds, exactly as signed.
--
-- device_hook_delivery: the durable outbox of outbound hooks (PMS registration/deactivation, IDA hotlist): queued with
-- the event, claimed by a conditional update before each attempt, retried until delivered or given up.
--
-- device_deregistration: de-registration requests; at most one open (Requested or Deregistering) per device.

CREATE TABLE IF NOT EXISTS keymgr.device_log_leaf (
    leaf_index       bigint                 NOT NULL,
    leaf_data        bytea                     NOT NULL,
    leaf_hash        bytea                     NOT NULL,
    event_kind       character varying(32)  NOT NULL,
    serial_no        character varying(64),
    ftm_cert_sha256  character varying(64),
    cert_serial      character varying(64),
    appended_dtimes  timestamp              NOT NULL,
    CONSTRAINT pk_devlogleaf_index PRIMARY KEY (leaf_index)
);

CREATE INDEX IF NOT EXISTS idx_devlogleaf_hash ON keymgr.device_log_leaf (leaf_hash);
CREATE INDEX IF NOT EXISTS idx_devlogleaf_ftm ON keymgr.device_log_leaf (ftm_cert_sha256);

CREATE TABLE IF NOT EXISTS keymgr.device_log_sth (
    tree_size  bigint                 NOT NULL,
    root_hash  bytea                     NOT NULL,
    sth_ms     bigint                 NOT NULL,
    key_id     character varying(64)  NOT NULL,
    signature  bytea                     NOT NULL,
    CONSTRAINT pk_devlogsth_size PRIMARY KEY (tree_size)
);

CREATE TABLE IF NOT EXISTS keymgr.device_hook_delivery (
    delivery_id          character varying(36)  NOT NULL,
    hook_kind            character varying(32)  NOT NULL,
    subject              character varying(64)  NOT NULL,
    body                 bytea                     NOT NULL,
    state                character varying(16)  NOT NULL,
    attempts             integer                NOT NULL,
    next_attempt_dtimes  timestamp              NOT NULL,
    cr_dtimes            timestamp              NOT NULL,
    last_status          integer,
    last_error           character varying(256),
    CONSTRAINT pk_devhook_id PRIMARY KEY (delivery_id)
);

CREATE INDEX IF NOT EXISTS idx_devhook_due ON keymgr.device_hook_delivery (state, next_attempt_dtimes);
CREATE INDEX IF NOT EXISTS idx_devhook_subject ON keymgr.device_hook_delivery (subject);

CREATE TABLE IF NOT EXISTS keymgr.device_deregistration (
    dereg_id          character varying(36)   NOT NULL,
    serial_no         character varying(64)   NOT NULL,
    reason            character varying(256)  NOT NULL,
    state             character varying(16)   NOT NULL,
    requested_by      character varying(256)  NOT NULL,
    requested_dtimes  timestamp               NOT NULL,
    approval_id       character varying(64),
    approved_by       character varying(256),
    approved_dtimes   timestamp,
    deadline_dtimes   timestamp,
    cmd_id            character varying(64),
    completed_dtimes  timestamp,
    outcome           character varying(16),
    CONSTRAINT pk_devdereg_id PRIMARY KEY (dereg_id)
);

-- One open de-registration per device, decided by the database when two administrators race.
CREATE UNIQUE INDEX IF NOT EXISTS uk_devdereg_open ON keymgr.device_deregistration (serial_no) WHERE state IN ('Requested', 'Deregistering');
CREATE INDEX IF NOT EXISTS idx_devdereg_deadline ON keymgr.device_deregistration (state, deadline_dtimes);
