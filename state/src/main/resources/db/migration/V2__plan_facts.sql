-- The facts a plan's fingerprint was computed from (one line each, JSON array), so a refused
-- `step` can say what changed on the clusters, not just that something did.
ALTER TABLE plans ADD COLUMN facts TEXT NOT NULL DEFAULT '[]';
