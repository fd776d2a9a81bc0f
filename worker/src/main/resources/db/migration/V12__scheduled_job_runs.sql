-- When each scheduled job last started and finished, so that across all workers a run starts at
-- most once per period (the run itself is guarded by a session advisory lock).
CREATE TABLE scheduled_job_runs (
    name              text        PRIMARY KEY,
    last_started_at   timestamptz NOT NULL,
    last_finished_at  timestamptz,
    last_worker       text        NOT NULL
);
