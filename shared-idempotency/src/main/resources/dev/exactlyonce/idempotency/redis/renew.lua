-- Extends the lease of a PENDING record held by the given owner.
-- Follows record.lua and owned.lua, whose functions it calls.
-- KEYS[1] record key   ARGV[1] owner token (16 bytes)   ARGV[2] lease in ms
-- Returns 1 when renewed, 2 when another execution holds or completed the record, 3 when there is no
-- record (flushed, or lost in a restart); only 1 changes anything.
local record, found, _, fingerprintEnd = owned(KEYS[1], ARGV[1])
if not record then
    return found
end
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
redis.call('SET', KEYS[1], string.sub(record, 1, fingerprintEnd + 16) .. string.format('%d', now + tonumber(ARGV[2])), 'KEEPTTL')
return 1
