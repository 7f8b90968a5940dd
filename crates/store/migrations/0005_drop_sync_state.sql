-- The per-resource cursors of the first sync engine; every resource now keeps its place in
-- `sync_checkpoints` (per athlete), so nothing reads this table any more.
DROP TABLE sync_state;
