-- Claims an idempotency record for a new execution.
-- key: record key   fingerprint: request fingerprint (32 bytes)   owner: owner token (16 bytes)
-- lease, retention: in ms
-- Record layout: 'P' .. fingerprint .. owner .. lease end (ms, Redis clock)   PENDING
--                'C' .. fingerprint .. response snapshot                       COMPLETED
-- Returns {1} claimed, {2} taken over, {3, lease ms left} in progress, {4, snapshot} completed,
--         {5} fingerprint mismatch.
local function claim(key, fingerprint, owner, lease, retention)
    local record = redis.call('GET', key)
    local clock = redis.call('TIME')
    local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
    local pending = 'P' .. fingerprint .. owner .. string.format('%d', now + tonumber(lease))
    if not record then
        redis.call('SET', key, pending, 'PX', retention)
        return {1}
    end
    if string.sub(record, 2, 33) ~= fingerprint then
        return {5}
    end
    if string.sub(record, 1, 1) == 'C' then
        return {4, string.sub(record, 34)}
    end
    local leaseEnd = tonumber(string.sub(record, 50))
    if leaseEnd > now then
        return {3, leaseEnd - now}
    end
    redis.call('SET', key, pending, 'PX', retention)
    return {2}
end
