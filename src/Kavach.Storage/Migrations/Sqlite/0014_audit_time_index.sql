-- The operator console and `kavach` ask the audit trail about time windows (key usage by caller and operation,
-- record searches by date): without an index on the event time every such question reads the whole chain.
CREATE INDEX IF NOT EXISTS idx_audlog_time ON audit_log (event_dtimes, operation);
