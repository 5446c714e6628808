-- Deletes a PENDING record held by the given owner, so that the next attempt runs again.
-- Follows record.lua and owned.lua, whose functions it calls.
-- KEYS[1] record key   ARGV[1] owner token (16 bytes)
-- Returns 1 when released, 2 when another execution holds or completed the record, 3 when there is no
-- record (flushed, or lost in a restart); only 1 removes anything.
local record, found = owned(KEYS[1], ARGV[1])
if record then
    redis.call('DEL', KEYS[1])
end
return found
