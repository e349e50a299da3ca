-- PostgreSQL's 0005 adds a key_alias change notification. SQLite has no way to tell other processes: a Kavach process
-- on SQLite trusts its cached alias rows for at most a second (AliasCache.UnreportedMaxAge) and drops them at once
-- after its own writes. This script only keeps the two dialects' versions aligned.
SELECT 1;
