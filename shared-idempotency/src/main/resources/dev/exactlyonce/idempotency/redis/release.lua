-- Deletes a PENDING record held by the given owner, so that the next attempt runs again.
-- KEYS[1] record key   ARGV[1] owner token (16 bytes)
-- Returns 1 when released, 0 when the caller no longer holds the record (nothing is removed).
local record = redis.call('GET', KEYS[1])
if not record or string.sub(record, 1, 1) ~= 'P' or string.sub(record, 34, 49) ~= ARGV[1] then
    return 0
end
redis.call('DEL', KEYS[1])
return 1
