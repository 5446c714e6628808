-- Deletes a PENDING record held by the given owner, so that the next attempt runs again.
-- KEYS[1] record key   ARGV[1] owner token (16 bytes)
-- Returns 1 when released, 2 when another execution holds or completed the record, 3 when there is no
-- record (flushed, or lost in a restart); only 1 removes anything.
local record = redis.call('GET', KEYS[1])
if not record then
    return 3
end
if string.sub(record, 1, 1) ~= 'P' or string.sub(record, 34, 49) ~= ARGV[1] then
    return 2
end
redis.call('DEL', KEYS[1])
return 1
