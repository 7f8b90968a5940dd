-- One row per connected account. Never holds a secret: tokens live in the OS keychain.
CREATE TABLE connections (
    id                TEXT PRIMARY KEY NOT NULL,
    provider          TEXT NOT NULL,
    origin            TEXT NOT NULL,
    client_id         TEXT NOT NULL,
    athlete_id        TEXT NOT NULL,
    athlete_name      TEXT NOT NULL,
    scopes            TEXT NOT NULL,          -- granted scopes, space separated
    access_expires_at TEXT,                   -- RFC 3339 UTC
    created_at        TEXT NOT NULL,
    last_sync_at      TEXT,
    last_error        TEXT
);

CREATE TABLE workouts (
    connection_id      TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    id                 TEXT NOT NULL,
    athlete_id         TEXT NOT NULL,
    date               TEXT NOT NULL,         -- local YYYY-MM-DD
    start_time         TEXT,
    sport              TEXT NOT NULL,
    name               TEXT NOT NULL,
    description        TEXT,
    planned_duration_s INTEGER NOT NULL,
    planned_distance_m REAL,
    planned_load       REAL,
    structure          TEXT,                  -- JSON as the platform sent it
    updated_at         TEXT NOT NULL,
    PRIMARY KEY (connection_id, id)
) WITHOUT ROWID;
CREATE INDEX workouts_by_date ON workouts(date);

CREATE TABLE activities (
    connection_id      TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    id                 TEXT NOT NULL,
    athlete_id         TEXT NOT NULL,
    start_time         TEXT NOT NULL,         -- RFC 3339 UTC
    timezone           TEXT,
    local_date         TEXT NOT NULL,
    sport              TEXT NOT NULL,
    name               TEXT NOT NULL,
    elapsed_time_s     INTEGER NOT NULL,
    moving_time_s      INTEGER NOT NULL,
    distance_m         REAL,
    elevation_gain_m   REAL,
    avg_power_w        REAL,
    avg_hr             REAL,
    load               REAL,
    trainer            INTEGER NOT NULL,
    planned_workout_id TEXT,
    updated_at         TEXT NOT NULL,
    PRIMARY KEY (connection_id, id)
) WITHOUT ROWID;
CREATE INDEX activities_by_date ON activities(local_date);

-- Where a sync of one resource stands: the cursor of the next page to fetch while a pass is
-- under way (NULL when none is), and when the last complete pass ended.
CREATE TABLE sync_state (
    connection_id   TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    resource        TEXT NOT NULL,
    next_cursor     TEXT,
    completed_at    TEXT,
    PRIMARY KEY (connection_id, resource)
) WITHOUT ROWID;
