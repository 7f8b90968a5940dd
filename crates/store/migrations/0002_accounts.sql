-- App registrations: the client id a person registered with a platform. A confidential app's
-- client secret lives in the OS keychain under the registration's id, never here.
CREATE TABLE app_registrations (
    id           TEXT PRIMARY KEY NOT NULL,
    provider     TEXT NOT NULL,
    origin       TEXT NOT NULL,
    client_id    TEXT NOT NULL,
    confidential INTEGER NOT NULL,        -- 1 when a client secret is kept in the keychain
    redirect_ports TEXT NOT NULL DEFAULT '', -- loopback ports the platform registered, comma separated; '' = any
    created_at   TEXT NOT NULL,
    UNIQUE (provider, origin, client_id)
);

-- How a connection signs in, what it asked for, and whether it still works.
ALTER TABLE connections ADD COLUMN auth_kind TEXT NOT NULL DEFAULT 'oauth';
ALTER TABLE connections ADD COLUMN requested_scopes TEXT NOT NULL DEFAULT '';
ALTER TABLE connections ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
ALTER TABLE connections ADD COLUMN registration_id TEXT;
ALTER TABLE connections ADD COLUMN last_refresh_at TEXT;
ALTER TABLE connections ADD COLUMN last_error_code TEXT;

-- The athletes a connection can read: its own first, then those who share with it (a coach).
CREATE TABLE athletes (
    connection_id TEXT NOT NULL REFERENCES connections(id) ON DELETE CASCADE,
    id            TEXT NOT NULL,
    name          TEXT NOT NULL,
    is_self       INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    PRIMARY KEY (connection_id, id)
) WITHOUT ROWID;
