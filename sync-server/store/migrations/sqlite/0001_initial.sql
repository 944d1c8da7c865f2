-- tricoach-sync's first schema (issue 12): users, their sessions and sign-ins, Strava links, webhook events,
-- app state and rate counters. Times are milliseconds since the Unix epoch, as on PostgreSQL.
CREATE TABLE users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email TEXT UNIQUE,
  password_hash TEXT,
  strava_athlete_id INTEGER UNIQUE,
  display_name TEXT NOT NULL,
  locale TEXT NOT NULL,
  disabled_at INTEGER,
  created_at INTEGER NOT NULL
) STRICT;

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  client_name TEXT NOT NULL,
  access_hash BLOB NOT NULL UNIQUE,
  access_expires_at INTEGER NOT NULL,
  refresh_hash BLOB NOT NULL UNIQUE,
  refresh_expires_at INTEGER NOT NULL,
  previous_refresh_hash BLOB,
  created_at INTEGER NOT NULL,
  last_used_at INTEGER NOT NULL,
  revoked_at INTEGER
) STRICT;
CREATE INDEX sessions_by_user ON sessions (user_id);
CREATE INDEX sessions_by_previous_refresh ON sessions (previous_refresh_hash);

CREATE TABLE authorization_codes (
  code_hash BLOB PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  client_id TEXT NOT NULL,
  redirect_uri TEXT NOT NULL,
  code_challenge TEXT NOT NULL,
  code_challenge_method TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
) STRICT;

CREATE TABLE pending_sign_ins (
  id TEXT PRIMARY KEY,
  request_json TEXT NOT NULL,
  expires_at INTEGER NOT NULL
) STRICT;

CREATE TABLE strava_credentials (
  user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  athlete_id INTEGER NOT NULL UNIQUE,
  refresh_token BLOB NOT NULL,
  access_token BLOB NOT NULL,
  access_expires_at INTEGER NOT NULL,
  scopes TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- The id is the desktops' cursor: SQLite has one writer at a time, so ids commit in order; AUTOINCREMENT
-- never hands out an id twice.
CREATE TABLE events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  dedupe_key TEXT UNIQUE,
  owner_athlete_id INTEGER,
  object_type TEXT NOT NULL,
  object_id INTEGER NOT NULL,
  aspect_type TEXT NOT NULL,
  updates_json TEXT NOT NULL,
  event_time INTEGER,
  raw_body BLOB NOT NULL,
  user_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
  received_at INTEGER NOT NULL
) STRICT;
CREATE INDEX events_by_user ON events (user_id, id);

CREATE TABLE app_state (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE rate_counters (
  key TEXT NOT NULL,
  window_start INTEGER NOT NULL,
  window_end INTEGER NOT NULL,
  hits INTEGER NOT NULL,
  PRIMARY KEY (key, window_start)
) STRICT;
CREATE INDEX rate_counters_by_end ON rate_counters (window_end);
