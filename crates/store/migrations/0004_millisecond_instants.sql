-- Instants are kept to the millisecond, always with three digits, so that text order is time
-- order and a platform's change stamps (VeloPeak's are milliseconds apart) survive the cache.
-- Rows written before carry whole seconds: give them the same shape.
UPDATE connections SET created_at = substr(created_at, 1, 19) || '.000Z' WHERE length(created_at) = 20;
UPDATE connections SET access_expires_at = substr(access_expires_at, 1, 19) || '.000Z' WHERE length(access_expires_at) = 20;
UPDATE connections SET last_sync_at = substr(last_sync_at, 1, 19) || '.000Z' WHERE length(last_sync_at) = 20;
UPDATE connections SET last_refresh_at = substr(last_refresh_at, 1, 19) || '.000Z' WHERE length(last_refresh_at) = 20;
UPDATE app_registrations SET created_at = substr(created_at, 1, 19) || '.000Z' WHERE length(created_at) = 20;
UPDATE workouts SET updated_at = substr(updated_at, 1, 19) || '.000Z' WHERE length(updated_at) = 20;
UPDATE activities SET start_time = substr(start_time, 1, 19) || '.000Z' WHERE length(start_time) = 20;
UPDATE activities SET updated_at = substr(updated_at, 1, 19) || '.000Z' WHERE length(updated_at) = 20;
UPDATE sync_state SET completed_at = substr(completed_at, 1, 19) || '.000Z' WHERE length(completed_at) = 20;
