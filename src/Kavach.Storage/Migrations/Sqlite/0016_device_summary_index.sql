-- The admin device summary (`GET /admin/devices/summary`, the console's counts) groups the whole registry by provider,
-- make, model and state, or one provider's devices. With these four columns in one index the count is read from the
-- index alone (no table rows, no temporary b-tree for the grouping), and one provider's groups are a range of it.
CREATE INDEX IF NOT EXISTS idx_device_summary ON device (provider_id, make, model, state);
