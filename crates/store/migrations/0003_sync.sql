-- Resumable sync: races, activity details, calendar notes, wellness, athlete thresholds, streams
-- and their figures, per-athlete checkpoints, webhooks and settings.

-- A planned session that is a race: 'A', 'B' or 'C'; NULL for training.
ALTER TABLE workouts ADD COLUMN race TEXT;

ALTER TABLE activities ADD COLUMN description TEXT;
ALTER TABLE activities ADD COLUMN normalized_power_w REAL;
ALTER TABLE activities ADD COLUMN max_hr REAL;
ALTER TABLE activities ADD COLUMN avg_cadence REAL;
ALTER TABLE activities ADD COLUMN calories REAL;
ALTER TABLE activities ADD COLUMN intensity_factor REAL;
ALTER TABLE activities ADD COLUMN stream_types TEXT NOT NULL DEFAULT '';        -- comma separated
ALTER TABLE activities ADD COLUMN stub INTEGER NOT NULL DEFAULT 0;
ALTER TABLE activities ADD COLUMN streams_fingerprint TEXT NOT NULL DEFAULT ''; -- what decides its streams

-- Date windows reveal deletions per athlete.
CREATE INDEX workouts_by_athlete_date ON workouts(connection_id, athlete_id, date);
CREATE INDEX activities_by_athlete_date ON activities(connection_id, athlete_id, local_date);
-- The streams queue walks a connection's activities from the most recent start.
CREATE INDEX activities_by_start ON activities(connection_id, start_time);

-- Where a sync of one resource of one athlete stands. `state` is the sync engine's own JSON.
CREATE TABLE sync_checkpoints (
    connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    athlete_id    TEXT NOT NULL,
    resource      TEXT NOT NULL,
    state         TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (connection_id, athlete_id, resource)
) WITHOUT ROWID;

CREATE TABLE calendar_notes (
    connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    id            TEXT NOT NULL,
    athlete_id    TEXT NOT NULL,
    kind          TEXT NOT NULL,          -- note, holiday, sick, injured
    start_date    TEXT NOT NULL,          -- local YYYY-MM-DD
    end_date      TEXT NOT NULL,          -- inclusive
    name          TEXT NOT NULL,
    description   TEXT,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (connection_id, id)
) WITHOUT ROWID;
CREATE INDEX calendar_notes_by_athlete_date ON calendar_notes(connection_id, athlete_id, start_date);
CREATE INDEX calendar_notes_by_date ON calendar_notes(connection_id, start_date);

CREATE TABLE wellness (
    connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    athlete_id    TEXT NOT NULL,
    date          TEXT NOT NULL,          -- local YYYY-MM-DD
    resting_hr    INTEGER,
    hrv           REAL,                   -- rMSSD, ms
    weight_kg     REAL,
    sleep_s       INTEGER,
    sleep_quality INTEGER,                -- 1 (poor) to 4 (great)
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (connection_id, athlete_id, date)
) WITHOUT ROWID;

-- An athlete's thresholds and zones (upper bounds, lowest first, JSON arrays).
CREATE TABLE athlete_profiles (
    connection_id           TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    athlete_id              TEXT NOT NULL,
    name                    TEXT NOT NULL,
    timezone                TEXT,
    ftp_w                   INTEGER,
    weight_kg               REAL,
    hr_max                  INTEGER,
    hr_rest                 INTEGER,
    threshold_pace_s_per_km INTEGER,
    power_zones_w           TEXT NOT NULL,
    hr_zones_bpm            TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    PRIMARY KEY (connection_id, athlete_id)
) WITHOUT ROWID;

-- One row per activity whose streams were fetched, also when it had none.
CREATE TABLE stream_sets (
    connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    activity_id   TEXT NOT NULL,
    fingerprint   TEXT NOT NULL,          -- the activity's streams fingerprint when fetched
    fetched_at    TEXT NOT NULL,
    json_bytes    INTEGER NOT NULL,       -- what the platform sent
    stored_bytes  INTEGER NOT NULL,       -- what the encoded series take here
    PRIMARY KEY (connection_id, activity_id),
    FOREIGN KEY (connection_id, activity_id) REFERENCES activities(connection_id, id) ON DELETE CASCADE
) WITHOUT ROWID;

-- One row per activity and series: the samples encoded as one blob.
CREATE TABLE activity_streams (
    connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    activity_id   TEXT NOT NULL,
    kind          TEXT NOT NULL,
    samples       INTEGER NOT NULL,
    data          BLOB NOT NULL,
    PRIMARY KEY (connection_id, activity_id, kind),
    FOREIGN KEY (connection_id, activity_id) REFERENCES activities(connection_id, id) ON DELETE CASCADE
);

-- Figures computed once when an activity's streams arrive.
CREATE TABLE activity_figures (
    connection_id      TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    activity_id        TEXT NOT NULL,
    power_curve        TEXT NOT NULL,     -- seconds:watts,… shortest first
    power_zone_s       TEXT NOT NULL,     -- JSON array of seconds, lowest zone first
    hr_zone_s          TEXT NOT NULL,     -- JSON array of seconds, lowest zone first
    normalized_power_w REAL,
    intensity_factor   REAL,
    load               REAL,
    PRIMARY KEY (connection_id, activity_id),
    FOREIGN KEY (connection_id, activity_id) REFERENCES activities(connection_id, id) ON DELETE CASCADE
);

-- Webhook deliveries already handled, so a replay is ignored; pruned after 30 days.
CREATE TABLE webhook_deliveries (
    delivery_id   TEXT PRIMARY KEY NOT NULL,
    connection_id TEXT REFERENCES connections(id) ON DELETE CASCADE,
    received_at   TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_by_time ON webhook_deliveries(received_at);
CREATE INDEX webhook_deliveries_by_connection ON webhook_deliveries(connection_id);

-- A connection's webhook subscription. Its signing secret lives in the OS keychain.
CREATE TABLE webhook_subscriptions (
    connection_id   TEXT PRIMARY KEY NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    subscription_id TEXT NOT NULL,
    callback_url    TEXT NOT NULL,
    created_at      TEXT NOT NULL
);

-- The app's own preferences.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
