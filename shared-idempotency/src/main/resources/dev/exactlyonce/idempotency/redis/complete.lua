-- Turns a PENDING record held by the given owner into a COMPLETED one.
-- key: record key   owner: owner token (16 bytes)   fingerprint: request fingerprint (32 bytes)
-- snapshot: response snapshot   retention: in ms
-- Returns 1 when stored (the caller held the record), 2 when another execution holds it or completed it
-- (nothing is written), 3 when there was no record (flushed, or lost in a restart): the response is then
-- written as a new COMPLETED record, with NX so that it can never replace a claim made since.
local function complete(key, owner, fingerprint, snapshot, retention)
    local record = redis.call('GET', key)
    if not record then
        redis.call('SET', key, 'C' .. fingerprint .. snapshot, 'PX', retention, 'NX')
        return 3
    end
    if string.sub(record, 1, 1) ~= 'P' or string.sub(record, 34, 49) ~= owner then
        return 2
    end
    redis.call('SET', key, 'C' .. string.sub(record, 2, 33) .. snapshot, 'PX', retention)
    return 1
end
