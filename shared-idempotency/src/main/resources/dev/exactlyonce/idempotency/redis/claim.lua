-- Claims an idempotency record for a new execution.
-- KEYS[1] record key
-- ARGV[1] request fingerprint (32 bytes)  ARGV[2] owner token (16 bytes)
-- ARGV[3] lease in ms                     ARGV[4] retention in ms
-- Record layout: 'P' .. fingerprint .. owner .. lease end (ms, Redis clock)   PENDING
--                'C' .. fingerprint .. response snapshot                       COMPLETED
-- Returns {1} claimed, {2} taken over, {3, lease ms left} in progress, {4, snapshot} completed,
--         {5} fingerprint mismatch.
local record = redis.call('GET', KEYS[1])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local pending = 'P' .. ARGV[1] .. ARGV[2] .. string.format('%d', now + tonumber(ARGV[3]))
if not record then
    redis.call('SET', KEYS[1], pending, 'PX', ARGV[4])
    return {1}
end
if string.sub(record, 2, 33) ~= ARGV[1] then
    return {5}
end
if string.sub(record, 1, 1) == 'C' then
    return {4, string.sub(record, 34)}
end
local leaseEnd = tonumber(string.sub(record, 50))
if leaseEnd > now then
    return {3, leaseEnd - now}
end
redis.call('SET', KEYS[1], pending, 'PX', ARGV[4])
return {2}
