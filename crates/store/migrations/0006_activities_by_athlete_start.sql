-- An athlete's most recent activity (where the screens open) without walking the activities of
-- every other athlete of the connection.
CREATE INDEX activities_by_athlete_start ON activities(connection_id, athlete_id, start_time);
