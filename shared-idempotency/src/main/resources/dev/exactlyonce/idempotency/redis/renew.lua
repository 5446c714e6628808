-- Extends the lease of a PENDING record held by the given owner.
-- KEYS[1] record key   ARGV[1] owner token (16 bytes)   ARGV[2] lease in ms
-- Returns 1 when renewed, 0 when the caller no longer holds the record.
local record = redis.call('GET', KEYS[1])
if not record or string.sub(record, 1, 1) ~= 'P' or string.sub(record, 34, 49) ~= ARGV[1] then
    return 0
end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
redis.call('SET', KEYS[1], string.sub(record, 1, 49) .. string.format('%d', now + tonumber(ARGV[2])), 'KEEPTTL')
return 1
