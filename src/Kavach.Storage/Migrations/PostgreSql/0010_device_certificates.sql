-- Kavach's additions for device enrolment (seed 003, spec §4.5; MOSIP has none of these tables).
--
-- device_enrol_nonce: the enrolment challenge nonces the server handed out, by SHA-256 (the nonce itself is not kept),
-- each valid five minutes and consumed by one DELETE, so a nonce is used once even across replicas.
-- device_l0_request: an L0 device's enrolment request waiting for an administrator's approval (§4.5 L0 exception):
-- the CSR of the key the whitelist pre-registered, issued when the four-eyes approval completes. No column holds
-- biometric data.

CREATE TABLE IF NOT EXISTS keymgr.device_enrol_nonce (
    nonce_sha256  character varying(64) NOT NULL,
    expires_at    timestamp             NOT NULL,
    CONSTRAINT pk_devnonce PRIMARY KEY (nonce_sha256)
);

CREATE TABLE IF NOT EXISTS keymgr.device_l0_request (
    serial_no     character varying(64) NOT NULL,
    spki_sha256   character varying(64) NOT NULL,
    csr_data      bytea                 NOT NULL,
    requested_at  timestamp             NOT NULL,
    CONSTRAINT pk_devl0req PRIMARY KEY (serial_no),
    CONSTRAINT fk_devl0req_device FOREIGN KEY (serial_no) REFERENCES keymgr.device (serial_no)
);

CREATE INDEX IF NOT EXISTS idx_devnonce_expires ON keymgr.device_enrol_nonce (expires_at);
