-- Device management, operations (seed 003, spec §4.6/§4.8/§4.11).
--
-- device_command: the command queue, one row per command for one device. The state moves QUEUED → DELIVERED →
-- SUCCEEDED | FAILED | REJECTED | TIMED_OUT by conditional UPDATEs on the state (and attempt count) the writer saw,
-- so two replicas never both deliver or complete one command. args and result are JSON objects of the closed command
-- catalogue: no biometric or transaction field exists in either.
--
-- device_job_run: one row per daily job and UTC day; inserting it is the leader election (the primary key lets one
-- replica win), completing it records the outcome and the report's counts.

CREATE TABLE IF NOT EXISTS keymgr.device_command (
    cmd_id        character varying(36)  NOT NULL,
    serial_no     character varying(64)  NOT NULL,
    kind          character varying(32)  NOT NULL,
    args          character varying      NOT NULL,
    state         character varying(16)  NOT NULL,
    created_at    timestamp              NOT NULL,
    expires_at    timestamp              NOT NULL,
    delivered_at  timestamp,
    completed_at  timestamp,
    attempts      integer                NOT NULL,
    max_attempts  integer                NOT NULL,
    result        character varying,
    cr_by         character varying(256) NOT NULL,
    CONSTRAINT pk_devcmd_id PRIMARY KEY (cmd_id)
);

-- A device's open commands at every check-in; the sweep of overdue ones by state and expiry.
CREATE INDEX IF NOT EXISTS idx_devcmd_serial_state ON keymgr.device_command (serial_no, state);
CREATE INDEX IF NOT EXISTS idx_devcmd_state_expires ON keymgr.device_command (state, expires_at);

CREATE TABLE IF NOT EXISTS keymgr.device_job_run (
    job_name      character varying(64)  NOT NULL,
    run_day       character varying(10)  NOT NULL,
    node          character varying(128) NOT NULL,
    started_at    timestamp              NOT NULL,
    completed_at  timestamp,
    outcome       character varying(16),
    summary       character varying(1024),
    CONSTRAINT pk_devjob_day PRIMARY KEY (job_name, run_day)
);
