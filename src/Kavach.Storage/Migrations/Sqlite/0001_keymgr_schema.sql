-- MOSIP's keymgr schema (db_scripts/mosip_keymgr/ddl) for SQLite, the embedded default.
-- Same tables, columns, declared types, constraint names and foreign keys as the PostgreSQL migration;
-- SQLite has no schemas, so the tables live in the database file itself.
-- Timestamps are stored as fixed-width UTC text 'yyyy-MM-dd HH:mm:ss.ffffff' so that text order is time
-- order (the declared type 'timestamp' has NUMERIC affinity, which leaves such text untouched).
-- Booleans are stored as 0/1. Every statement is IF NOT EXISTS so a re-run is harmless.

CREATE TABLE IF NOT EXISTS key_alias (
    id                 character varying(36)  NOT NULL,
    app_id             character varying(36)  NOT NULL,
    ref_id             character varying(128),
    key_gen_dtimes     timestamp,
    key_expire_dtimes  timestamp,
    status_code        character varying(36),
    lang_code          character varying(3),
    cr_by              character varying(256) NOT NULL,
    cr_dtimes          timestamp              NOT NULL,
    upd_by             character varying(256),
    upd_dtimes         timestamp,
    is_deleted         boolean DEFAULT FALSE,
    del_dtimes         timestamp,
    cert_thumbprint    character varying(100),
    uni_ident          character varying(50),
    CONSTRAINT pk_keymals_id PRIMARY KEY (id),
    CONSTRAINT uni_ident_const UNIQUE (uni_ident)
);

-- Not in MOSIP: the two lookups on the hot paths (aliases of a pair in generation order; decrypt by thumbprint).
CREATE INDEX IF NOT EXISTS idx_keymals_app_ref_gen ON key_alias (app_id, ref_id, key_gen_dtimes);
CREATE INDEX IF NOT EXISTS idx_keymals_thumbprint ON key_alias (cert_thumbprint);

CREATE TABLE IF NOT EXISTS key_policy_def (
    app_id                 character varying(36)   NOT NULL,
    key_validity_duration  smallint,
    is_active              boolean                 NOT NULL,
    pre_expire_days        smallint,
    access_allowed         character varying(1024),
    cr_by                  character varying(256)  NOT NULL,
    cr_dtimes              timestamp               NOT NULL,
    upd_by                 character varying(256),
    upd_dtimes             timestamp,
    is_deleted             boolean DEFAULT FALSE,
    del_dtimes             timestamp,
    CONSTRAINT pk_keypdef_id PRIMARY KEY (app_id)
);

CREATE TABLE IF NOT EXISTS key_store (
    id                character varying(36)   NOT NULL,
    master_key        character varying(36)   NOT NULL,
    private_key       character varying(2500) NOT NULL,
    certificate_data  character varying       NOT NULL,
    cr_by             character varying(256)  NOT NULL,
    cr_dtimes         timestamp               NOT NULL,
    upd_by            character varying(256),
    upd_dtimes        timestamp,
    is_deleted        boolean DEFAULT FALSE,
    del_dtimes        timestamp,
    CONSTRAINT pk_keystr_id PRIMARY KEY (id)
);

-- The ZK key pool has no is_deleted/del_dtimes columns in MOSIP.
CREATE TABLE IF NOT EXISTS data_encrypt_keystore (
    id          bigint                 NOT NULL,
    key         character varying(64)  NOT NULL,
    key_status  character varying(16),
    cr_by       character varying(256) NOT NULL,
    cr_dtimes   timestamp              NOT NULL,
    upd_by      character varying(256),
    upd_dtimes  timestamp,
    CONSTRAINT pk_dekstr_id PRIMARY KEY (id)
);

CREATE TABLE IF NOT EXISTS ca_cert_store (
    cert_id          character varying(36)  NOT NULL,
    cert_subject     character varying(500) NOT NULL,
    cert_issuer      character varying(500) NOT NULL,
    issuer_id        character varying(36)  NOT NULL,
    cert_not_before  timestamp,
    cert_not_after   timestamp,
    crl_uri          character varying(120),
    cert_data        character varying,
    cert_thumbprint  character varying(100),
    cert_serial_no   character varying(50),
    partner_domain   character varying(36),
    cr_by            character varying(256) NOT NULL,
    cr_dtimes        timestamp              NOT NULL,
    upd_by           character varying(256),
    upd_dtimes       timestamp,
    is_deleted       boolean DEFAULT FALSE,
    del_dtimes       timestamp,
    ca_cert_type     character varying(25),
    CONSTRAINT pk_cacs_id PRIMARY KEY (cert_id),
    CONSTRAINT cert_thumbprint_unique UNIQUE (cert_thumbprint, partner_domain)
);

-- MOSIP 1.3 (1.2.1.0_to_1.3.0_upgrade.sql): indexes for the time-filtered CA certificate listing.
CREATE INDEX IF NOT EXISTS idx_ca_cert_cr_dtimes ON ca_cert_store (cr_dtimes);
CREATE INDEX IF NOT EXISTS idx_ca_cert_upd_dtimes ON ca_cert_store (upd_dtimes);
CREATE INDEX IF NOT EXISTS idx_ca_cert_del_dtimes ON ca_cert_store (del_dtimes);
CREATE INDEX IF NOT EXISTS idx_ca_cert_times ON ca_cert_store (cr_dtimes, upd_dtimes, del_dtimes);

-- No uniqueness in MOSIP: re-uploading a partner certificate (a renewal) inserts a new row.
CREATE TABLE IF NOT EXISTS partner_cert_store (
    cert_id            character varying(36)  NOT NULL,
    cert_subject       character varying(500) NOT NULL,
    cert_issuer        character varying(500) NOT NULL,
    issuer_id          character varying(36)  NOT NULL,
    cert_not_before    timestamp,
    cert_not_after     timestamp,
    partner_domain     character varying(36),
    cert_data          character varying,
    key_usage          character varying(150),
    organization_name  character varying(120),
    cert_thumbprint    character varying(100),
    cert_serial_no     character varying(50),
    cr_by              character varying(256) NOT NULL,
    cr_dtimes          timestamp              NOT NULL,
    upd_by             character varying(256),
    upd_dtimes         timestamp,
    is_deleted         boolean DEFAULT FALSE,
    del_dtimes         timestamp,
    signed_cert_data   character varying,
    CONSTRAINT pk_parcs_id PRIMARY KEY (cert_id)
);

-- The license tables' primary-key names are not given by our spec; these are ours.
CREATE TABLE IF NOT EXISTS licensekey_list (
    license_key    character varying(255) NOT NULL,
    created_dtime  timestamp,
    expiry_dtime   timestamp,
    is_active      boolean                NOT NULL,
    cr_by          character varying(256) NOT NULL,
    cr_dtimes      timestamp              NOT NULL,
    upd_by         character varying(256),
    upd_dtimes     timestamp,
    is_deleted     boolean DEFAULT FALSE,
    del_dtimes     timestamp,
    CONSTRAINT pk_lkeylst_id PRIMARY KEY (license_key)
);

CREATE TABLE IF NOT EXISTS licensekey_permission (
    license_key  character varying(255) NOT NULL,
    permission   character varying(512),
    is_active    boolean                NOT NULL,
    cr_by        character varying(256) NOT NULL,
    cr_dtimes    timestamp              NOT NULL,
    upd_by       character varying(256),
    upd_dtimes   timestamp,
    is_deleted   boolean DEFAULT FALSE,
    del_dtimes   timestamp,
    CONSTRAINT pk_lkeyper_id PRIMARY KEY (license_key),
    CONSTRAINT fk_lkeyper FOREIGN KEY (license_key)
        REFERENCES licensekey_list (license_key) MATCH SIMPLE ON DELETE NO ACTION ON UPDATE NO ACTION
);

CREATE TABLE IF NOT EXISTS tsp_licensekey_map (
    tsp_id       character varying(36)  NOT NULL,
    license_key  character varying(255) NOT NULL,
    is_active    boolean                NOT NULL,
    cr_by        character varying(256) NOT NULL,
    cr_dtimes    timestamp              NOT NULL,
    upd_by       character varying(256),
    upd_dtimes   timestamp,
    is_deleted   boolean DEFAULT FALSE,
    del_dtimes   timestamp,
    CONSTRAINT pk_tsplkeym_id PRIMARY KEY (tsp_id, license_key),
    CONSTRAINT fk_tsplkeym FOREIGN KEY (license_key)
        REFERENCES licensekey_list (license_key) MATCH SIMPLE ON DELETE NO ACTION ON UPDATE NO ACTION
);
