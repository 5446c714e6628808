-- Turns a PENDING record held by the given owner into a COMPLETED one.
-- KEYS[1] record key   ARGV[1] owner token (16 bytes)   ARGV[2] response snapshot   ARGV[3] retention in ms
-- Returns 1 when stored, 0 when the caller no longer holds the record (nothing is written).
local record = redis.call('GET', KEYS[1])
if not record or string.sub(record, 1, 1) ~= 'P' or string.sub(record, 34, 49) ~= ARGV[1] then
    return 0
end
redis.call('SET', KEYS[1], 'C' .. string.sub(record, 2, 33) .. ARGV[2], 'PX', ARGV[3])
return 1
