-- Claims an idempotency record for a new execution. Follows record.lua, whose layout it reads and writes.
-- key: record key   fingerprint: request fingerprint (16 or 32 bytes, see record.lua)   owner: owner token (16 bytes)
-- lease, retention: in ms
-- Returns {1} claimed, {2} taken over, {3, lease ms left} in progress, {4, snapshot} completed,
--         {5} fingerprint mismatch.
local function claim(key, fingerprint, owner, lease, retention)
    local record = redis.call('GET', key)
    local clock = redis.call('TIME')
    local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
    local pending = letter('P', fingerprint) .. fingerprint .. owner .. string.format('%d', now + tonumber(lease))
    if not record then
        redis.call('SET', key, pending, 'PX', retention)
        return {1}
    end
    local state, fingerprintEnd = layout(record)
    if not sameFingerprint(record, fingerprintEnd, fingerprint) then
        return {5}
    end
    if state == 'C' then
        return {4, string.sub(record, fingerprintEnd + 1)}
    end
    local leaseEnd = tonumber(string.sub(record, fingerprintEnd + 17))
    if leaseEnd > now then
        return {3, leaseEnd - now}
    end
    redis.call('SET', key, pending, 'PX', retention)
    return {2}
end
