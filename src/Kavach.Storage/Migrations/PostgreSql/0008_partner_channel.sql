-- Kavach's additions for the partner channel (seed 000; MOSIP has neither table).
--
-- channel_partner: one row per onboarded partner: its organisation, trust-store domain, the application it talks to,
-- its signature and encryption certificates (PEM, as uploaded; sign_cert_id/enc_cert_id name their
-- partner_cert_store rows), the serial of the TLS client certificate our partner TLS CA issued it and, after a
-- renewal, the previous one with its end of validity (accepted until then). The partner channel reads this row on
-- every request, so a revocation made on any replica is seen at once on all of them.
--
-- channel_replay: the replay ledger: identifiers of accepted partner requests (nonce, JWS signature hash) until they
-- fall out of the time window. A primary key decides between replicas racing on one identifier.

CREATE TABLE IF NOT EXISTS keymgr.channel_partner (
    partner_id          character varying(64)  NOT NULL,
    organization_name   character varying(128) NOT NULL,
    partner_domain      character varying(36)  NOT NULL,
    app_id              character varying(36)  NOT NULL,
    sign_cert_data      character varying      NOT NULL,
    enc_cert_data       character varying      NOT NULL,
    sign_cert_id        character varying(36),
    enc_cert_id         character varying(36),
    tls_serial          character varying(64)  NOT NULL,
    tls_not_after       timestamp              NOT NULL,
    prev_tls_serial     character varying(64),
    prev_tls_not_after  timestamp,
    status              character varying(16)  NOT NULL,
    revoke_reason       character varying(256),
    cr_by               character varying(256) NOT NULL,
    cr_dtimes           timestamp              NOT NULL,
    upd_by              character varying(256),
    upd_dtimes          timestamp,
    revoked_dtimes      timestamp,
    CONSTRAINT pk_chnptr_id PRIMARY KEY (partner_id)
);

CREATE TABLE IF NOT EXISTS keymgr.channel_replay (
    replay_key  character varying(256) NOT NULL,
    expires_at  timestamp              NOT NULL,
    CONSTRAINT pk_chnrpl_key PRIMARY KEY (replay_key)
);

-- Purging expired identifiers scans by expiry.
CREATE INDEX IF NOT EXISTS idx_chnrpl_expires ON keymgr.channel_replay (expires_at);
