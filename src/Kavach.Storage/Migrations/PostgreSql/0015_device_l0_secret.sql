-- The L0 exception's second anchor (spec §4.5): a whitelist entry may pre-register a one-time enrolment secret instead
-- of the device key's hash. Only the secret's SHA-256 is stored; the first valid enrolment replaces it on the device
-- row by the key it enrolled with, so the secret is consumed.
ALTER TABLE keymgr.whitelist_entry ADD COLUMN IF NOT EXISTS l0_secret_sha256 character varying(64);
ALTER TABLE keymgr.device ADD COLUMN IF NOT EXISTS l0_secret_sha256 character varying(64);
