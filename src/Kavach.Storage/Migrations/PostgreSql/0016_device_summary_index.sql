-- The admin device summary (`GET /admin/devices/summary`, the console's counts) groups the whole registry by provider,
-- make, model and state, or one provider's devices. With these four columns in one index the count is an index-only
-- scan (no table rows once the visibility map is set), and one provider's groups are a range of it.
CREATE INDEX IF NOT EXISTS idx_device_summary ON keymgr.device (provider_id, make, model, state);
