-- Kavach's additions for the partner trust store (MOSIP has neither table).
--
-- ca_crl_store: the current CRL of each CA key (MOSIP never checks revocation). One row per issuer key: a CA
-- uploaded to several domains shares its CRL. cr_* is the first upload, upd_* the latest replacement.
--
-- trust_domain_state: a version per partner domain, incremented in the same transaction as every change of the
-- domain's CA certificates or CRLs. Each replica keeps a cached trust view per domain and compares this one
-- primary-key row before using it, so a change made on any replica is seen at once on all of them.

CREATE TABLE IF NOT EXISTS keymgr.ca_crl_store (
    crl_id           character varying(36)  NOT NULL,
    issuer_key_hash  character varying(64)  NOT NULL,
    crl_issuer       character varying(500) NOT NULL,
    issuer_cert_id   character varying(36)  NOT NULL,
    crl_number       character varying(50),
    this_update      timestamp              NOT NULL,
    next_update      timestamp,
    revoked_count    integer                NOT NULL,
    crl_data         character varying      NOT NULL,
    cr_by            character varying(256) NOT NULL,
    cr_dtimes        timestamp              NOT NULL,
    upd_by           character varying(256),
    upd_dtimes       timestamp,
    is_deleted       boolean DEFAULT FALSE,
    del_dtimes       timestamp,
    CONSTRAINT pk_cacrl_id PRIMARY KEY (crl_id),
    CONSTRAINT crl_issuer_key_unique UNIQUE (issuer_key_hash)
);

CREATE TABLE IF NOT EXISTS keymgr.trust_domain_state (
    partner_domain  character varying(36)  NOT NULL,
    version         bigint                 NOT NULL,
    cr_by           character varying(256) NOT NULL,
    cr_dtimes       timestamp              NOT NULL,
    upd_by          character varying(256),
    upd_dtimes      timestamp,
    CONSTRAINT pk_trdomst_domain PRIMARY KEY (partner_domain)
);

-- The trust view of a domain is loaded by domain; CRL issuers are found by subject.
CREATE INDEX IF NOT EXISTS idx_ca_cert_domain ON keymgr.ca_cert_store (partner_domain);
CREATE INDEX IF NOT EXISTS idx_ca_cert_subject ON keymgr.ca_cert_store (cert_subject);
