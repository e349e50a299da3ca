-- Device management (seed 003), signed updates (spec §4.9, §4.13.3): TUF-lite documents, releases with MOSIP's SBI
-- record, artifact metadata and staged rollouts. Artifact bytes live on disk under the data directory, named by their
-- SHA-256 (content-addressed); only their metadata is here.
--
-- device_update_trust: every trust.json the operator published (signed offline by the Release Root); the highest
-- version is served. The primary key makes two replicas publishing the same version see one winner.
-- device_release: release manifests (signed offline by release keys) exactly as published, with MOSIP's SBI fields
-- (sw_binary_hash <= 36, sw_version <= 64: a release cannot be rolled out without them).
-- device_release_timestamp: the current timestamp.json of each release, re-signed hourly by the online key.
-- device_update_artifact: uploaded artifacts by SHA-256.
-- device_rollout / device_rollout_member: hawkBit-style rollouts (groups, success and error thresholds) and the
-- devices of each group, fixed at the start; row_version makes every rollout state change conditional.

CREATE TABLE IF NOT EXISTS keymgr.device_update_trust (
    version       bigint                 NOT NULL,
    expires_at    timestamp              NOT NULL,
    document      character varying      NOT NULL,
    cr_by         character varying(256) NOT NULL,
    cr_dtimes     timestamp              NOT NULL,
    CONSTRAINT pk_devupdtr_version PRIMARY KEY (version)
);

CREATE TABLE IF NOT EXISTS keymgr.device_release (
    release_counter      bigint                 NOT NULL,
    firmware_version     character varying(64)  NOT NULL,
    hardware_ids         character varying      NOT NULL,
    certification        character varying(2)   NOT NULL,
    min_release_counter  bigint                 NOT NULL,
    expires_at           timestamp              NOT NULL,
    document             character varying      NOT NULL,
    document_sha256      character varying(64)  NOT NULL,
    sw_binary_hash       character varying(36),
    sw_version           character varying(64),
    sw_cr_dtimes         timestamp,
    sw_expiry_dtimes     timestamp,
    cr_by                character varying(256) NOT NULL,
    cr_dtimes            timestamp              NOT NULL,
    CONSTRAINT pk_devrel_counter PRIMARY KEY (release_counter)
);

CREATE TABLE IF NOT EXISTS keymgr.device_release_timestamp (
    release_counter  bigint             NOT NULL,
    document         character varying  NOT NULL,
    expires_at       timestamp          NOT NULL,
    signed_dtimes    timestamp          NOT NULL,
    CONSTRAINT pk_devrelts_counter PRIMARY KEY (release_counter),
    CONSTRAINT fk_devrelts_release FOREIGN KEY (release_counter) REFERENCES keymgr.device_release (release_counter)
);

CREATE TABLE IF NOT EXISTS keymgr.device_update_artifact (
    sha256     character varying(64)  NOT NULL,
    length     bigint                 NOT NULL,
    name       character varying(128) NOT NULL,
    cr_by      character varying(256) NOT NULL,
    cr_dtimes  timestamp              NOT NULL,
    CONSTRAINT pk_devupdart_sha256 PRIMARY KEY (sha256)
);

CREATE TABLE IF NOT EXISTS keymgr.device_rollout (
    rollout_id         character varying(36)  NOT NULL,
    release_counter    bigint                 NOT NULL,
    hardware_id        character varying(73)  NOT NULL,
    group_percents     character varying(64)  NOT NULL,
    success_threshold  integer                NOT NULL,
    error_threshold    integer                NOT NULL,
    state              character varying(16)  NOT NULL,
    current_group      integer                NOT NULL,
    cr_by              character varying(256) NOT NULL,
    cr_dtimes          timestamp              NOT NULL,
    approval_id        character varying(64),
    approved_by        character varying(256),
    upd_dtimes         timestamp              NOT NULL,
    row_version        bigint                 NOT NULL,
    CONSTRAINT pk_devrlt_id PRIMARY KEY (rollout_id),
    CONSTRAINT fk_devrlt_release FOREIGN KEY (release_counter) REFERENCES keymgr.device_release (release_counter)
);

CREATE TABLE IF NOT EXISTS keymgr.device_rollout_member (
    rollout_id   character varying(36)  NOT NULL,
    serial_no    character varying(64)  NOT NULL,
    group_index  integer                NOT NULL,
    status       character varying(16)  NOT NULL,
    upd_dtimes   timestamp              NOT NULL,
    CONSTRAINT pk_devrltm_id PRIMARY KEY (rollout_id, serial_no),
    CONSTRAINT fk_devrltm_rollout FOREIGN KEY (rollout_id) REFERENCES keymgr.device_rollout (rollout_id)
);

-- Check-in looks a device's memberships up by serial; progress counts by group.
CREATE INDEX IF NOT EXISTS idx_devrltm_serial ON keymgr.device_rollout_member (serial_no);
CREATE INDEX IF NOT EXISTS idx_devrltm_group ON keymgr.device_rollout_member (rollout_id, group_index, status);
