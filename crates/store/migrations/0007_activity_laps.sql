-- An activity's laps, where its platform has them, fetched and replaced together with its
-- streams: one row per activity, the laps as one JSON array in order (they are always read
-- whole, a few dozen at most). No row: never fetched; '[]': the platform has none.
CREATE TABLE activity_laps (
    connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    activity_id   TEXT NOT NULL,
    laps          TEXT NOT NULL,
    PRIMARY KEY (connection_id, activity_id),
    FOREIGN KEY (connection_id, activity_id) REFERENCES activities(connection_id, id) ON DELETE CASCADE
) WITHOUT ROWID;
