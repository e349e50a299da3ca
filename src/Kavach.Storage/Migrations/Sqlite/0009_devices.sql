-- Kavach's additions for device management (seed 003, spec §4.11; MOSIP has none of these tables).
--
-- device_provider: device and FTM providers by their exact PMS organisation name; their CA chains live in the trust
-- store (ca_cert_store, domains DEVICE and FTM).
-- device_model: approved makes and models with MOSIP PMS DeviceDetailDto's fields (each at most 36 characters).
-- whitelist_batch / whitelist_entry: factory-signed batches as imported (the compact JWS kept as evidence), one row per
-- serial; a batch's devices enter the registry only when a second administrator approves it.
-- device_approval: four-eyes requests (whitelist import, de-registration, rollout, L0 enrolment). At most one open
-- request per (kind, subject), so two administrators cannot open competing ones.
-- device: the registry, one row per serial; row_version makes every state change a compare-and-set, so two replicas
-- never both move a device from one state.
-- device_cert: certificates issued by the device CA. A public key is certified once (spki_sha256 unique) and a serial
-- has at most one Active certificate (partial unique index): races between replicas end in the database, not in hope.
-- No column holds biometric data.

CREATE TABLE IF NOT EXISTS device_provider (
    provider_id        character varying(36)  NOT NULL,
    organization_name  character varying(128) NOT NULL,
    provider_kind      character varying(8)   NOT NULL,
    is_active          boolean                NOT NULL,
    cr_by              character varying(256) NOT NULL,
    cr_dtimes          timestamp              NOT NULL,
    upd_by             character varying(256),
    upd_dtimes         timestamp,
    CONSTRAINT pk_devprv_id PRIMARY KEY (provider_id)
);

CREATE TABLE IF NOT EXISTS device_model (
    model_id              character varying(36)  NOT NULL,
    provider_id           character varying(36)  NOT NULL,
    device_type_code      character varying(36)  NOT NULL,
    device_sub_type_code  character varying(36)  NOT NULL,
    make                  character varying(36)  NOT NULL,
    model                 character varying(36)  NOT NULL,
    is_active             boolean                NOT NULL,
    cr_by                 character varying(256) NOT NULL,
    cr_dtimes             timestamp              NOT NULL,
    upd_by                character varying(256),
    upd_dtimes            timestamp,
    CONSTRAINT pk_devmdl_id PRIMARY KEY (model_id),
    CONSTRAINT fk_devmdl_provider FOREIGN KEY (provider_id) REFERENCES device_provider (provider_id),
    CONSTRAINT uq_devmdl_make_model UNIQUE (provider_id, make, model)
);

CREATE TABLE IF NOT EXISTS whitelist_batch (
    batch_id             character varying(64)  NOT NULL,
    provider_id          character varying(36)  NOT NULL,
    status               character varying(16)  NOT NULL,
    entry_count          integer                NOT NULL,
    batch_sha256         character varying(64)  NOT NULL,
    factory_cert_sha256  character varying(64)  NOT NULL,
    batch_jws            text                 NOT NULL,
    approval_id          character varying(36),
    cr_by                character varying(256) NOT NULL,
    cr_dtimes            timestamp              NOT NULL,
    decided_by           character varying(256),
    decided_dtimes       timestamp,
    CONSTRAINT pk_wlbat_id PRIMARY KEY (batch_id),
    CONSTRAINT fk_wlbat_provider FOREIGN KEY (provider_id) REFERENCES device_provider (provider_id)
);

CREATE TABLE IF NOT EXISTS whitelist_entry (
    batch_id         character varying(64) NOT NULL,
    serial_no        character varying(64) NOT NULL,
    make             character varying(36) NOT NULL,
    model            character varying(36) NOT NULL,
    device_type      character varying(16) NOT NULL,
    device_sub_type  character varying(16) NOT NULL,
    certification    character varying(4)  NOT NULL,
    purpose          character varying(16) NOT NULL,
    env              character varying(20) NOT NULL,
    ftm_cert_sha256  character varying(64),
    l0_key_sha256    character varying(64),
    CONSTRAINT pk_wlent_id PRIMARY KEY (batch_id, serial_no),
    CONSTRAINT fk_wlent_batch FOREIGN KEY (batch_id) REFERENCES whitelist_batch (batch_id)
);

CREATE TABLE IF NOT EXISTS device_approval (
    approval_id      character varying(36)  NOT NULL,
    approval_kind    character varying(32)  NOT NULL,
    subject          character varying(128) NOT NULL,
    payload          text                 NOT NULL,
    status           character varying(16)  NOT NULL,
    requested_by     character varying(256) NOT NULL,
    requested_dtimes timestamp              NOT NULL,
    decided_by       character varying(256),
    decided_dtimes   timestamp,
    outcome          character varying(256),
    CONSTRAINT pk_devapr_id PRIMARY KEY (approval_id)
);

CREATE TABLE IF NOT EXISTS device (
    serial_no        character varying(64)  NOT NULL,
    mgmt_id          character varying(36),
    provider_id      character varying(36)  NOT NULL,
    make             character varying(36)  NOT NULL,
    model            character varying(36)  NOT NULL,
    device_type      character varying(16)  NOT NULL,
    device_sub_type  character varying(16)  NOT NULL,
    certification    character varying(4)   NOT NULL,
    purpose          character varying(16)  NOT NULL,
    env              character varying(20)  NOT NULL,
    ftm_cert_sha256  character varying(64),
    l0_key_sha256    character varying(64),
    state            character varying(16)  NOT NULL,
    last_seq         bigint                 NOT NULL,
    last_checkin     timestamp,
    fw_version       character varying(64),
    release_counter  bigint                 NOT NULL,
    rotation_due     boolean                NOT NULL,
    batch_id         character varying(64),
    upd_dtimes       timestamp              NOT NULL,
    row_version      bigint                 NOT NULL,
    CONSTRAINT pk_device_serial PRIMARY KEY (serial_no),
    CONSTRAINT uq_device_mgmt_id UNIQUE (mgmt_id)
);

CREATE TABLE IF NOT EXISTS device_cert (
    cert_serial     character varying(64) NOT NULL,
    serial_no       character varying(64) NOT NULL,
    spki_sha256     character varying(64) NOT NULL,
    not_before      timestamp             NOT NULL,
    not_after       timestamp             NOT NULL,
    status          character varying(16) NOT NULL,
    revoked_dtimes  timestamp,
    revoke_reason   character varying(32),
    rotation_id     character varying(64),
    csr_sha256      character varying(64),
    cert_data       blob                NOT NULL,
    CONSTRAINT pk_devcert_serial PRIMARY KEY (cert_serial),
    CONSTRAINT uq_devcert_spki UNIQUE (spki_sha256),
    CONSTRAINT fk_devcert_device FOREIGN KEY (serial_no) REFERENCES device (serial_no)
);

-- One Active certificate per device, whoever confirms first.
CREATE UNIQUE INDEX IF NOT EXISTS ux_devcert_one_active ON device_cert (serial_no) WHERE status = 'Active';
-- One open four-eyes request per (kind, subject).
CREATE UNIQUE INDEX IF NOT EXISTS ux_devapr_open ON device_approval (approval_kind, subject) WHERE status IN ('Pending', 'Applying');

-- Lookups: certificates per device and by status (CRL, unconfirmed), devices per provider and state, the stale scan,
-- entries by serial, approvals by status.
CREATE INDEX IF NOT EXISTS idx_devcert_serial_no ON device_cert (serial_no);
CREATE INDEX IF NOT EXISTS idx_devcert_status ON device_cert (status, not_after);
CREATE INDEX IF NOT EXISTS idx_device_provider ON device (provider_id, serial_no);
CREATE INDEX IF NOT EXISTS idx_device_state ON device (state, serial_no);
CREATE INDEX IF NOT EXISTS idx_device_checkin ON device (last_checkin);
CREATE INDEX IF NOT EXISTS idx_wlent_serial ON whitelist_entry (serial_no);
CREATE INDEX IF NOT EXISTS idx_devapr_status ON device_approval (status, requested_dtimes);
