-- MOSIP's default key policies (dml/keymgr-key_policy_def.csv). ON CONFLICT keeps an operator's own
-- values when the schema was adopted from an existing MOSIP database.
-- @now is bound by the migration runner from the injected clock (UTC).
INSERT INTO key_policy_def
    (app_id, key_validity_duration, pre_expire_days, access_allowed, is_active, cr_by, cr_dtimes, is_deleted)
VALUES
    ('PRE_REGISTRATION',       1095,   60, 'NA', TRUE, 'mosipadmin', @now, FALSE),
    ('REGISTRATION',           1095,   60, 'NA', TRUE, 'mosipadmin', @now, FALSE),
    ('REGISTRATION_PROCESSOR', 1095,   60, 'NA', TRUE, 'mosipadmin', @now, FALSE),
    ('ID_REPO',                1095,   60, 'NA', TRUE, 'mosipadmin', @now, FALSE),
    ('KERNEL',                 1095,   60, 'NA', TRUE, 'mosipadmin', @now, FALSE),
    ('ROOT',                   2920, 1125, 'NA', TRUE, 'mosipadmin', @now, FALSE),
    ('BASE',                    730,   30, 'NA', TRUE, 'mosipadmin', @now, FALSE),
    ('PMS',                    1460,  395, 'NA', TRUE, 'mosipadmin', @now, FALSE),
    ('RESIDENT',               1095,   60, 'NA', TRUE, 'mosipadmin', @now, FALSE),
    ('ADMIN_SERVICES',         1095,   60, 'NA', TRUE, 'mosipadmin', @now, FALSE),
    ('DIGITAL_CARD',           1095,   60, 'NA', TRUE, 'mosipadmin', @now, FALSE),
    ('COMPLIANCE_TOOLKIT',     1095,   60, 'NA', TRUE, 'mosipadmin', @now, FALSE)
ON CONFLICT (app_id) DO NOTHING;
