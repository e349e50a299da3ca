-- MOSIP's own names for the 1.3 indexes of ca_cert_store (as the PostgreSQL migration of this version). SQLite cannot
-- rename a primary-key constraint, and no MOSIP installation is a SQLite file, so the license tables keep theirs.
CREATE INDEX IF NOT EXISTS idx_ca_cert_store_cr_dtimes ON ca_cert_store (cr_dtimes);
CREATE INDEX IF NOT EXISTS idx_ca_cert_store_del_dtimes ON ca_cert_store (del_dtimes);
CREATE INDEX IF NOT EXISTS idx_ca_cert_store_upd_dtimes ON ca_cert_store (upd_dtimes);
DROP INDEX IF EXISTS idx_ca_cert_cr_dtimes;
DROP INDEX IF EXISTS idx_ca_cert_del_dtimes;
DROP INDEX IF EXISTS idx_ca_cert_upd_dtimes;
