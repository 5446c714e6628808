-- Turns a PENDING record held by the given owner into a COMPLETED one.
-- key: record key   owner: owner token (16 bytes)   snapshot: response snapshot   retention: in ms
-- Returns 1 when stored, 0 when the caller no longer holds the record (nothing is written).
local function complete(key, owner, snapshot, retention)
    local record = redis.call('GET', key)
    if not record or string.sub(record, 1, 1) ~= 'P' or string.sub(record, 34, 49) ~= owner then
        return 0
    end
    redis.call('SET', key, 'C' .. string.sub(record, 2, 33) .. snapshot, 'PX', retention)
    return 1
end
