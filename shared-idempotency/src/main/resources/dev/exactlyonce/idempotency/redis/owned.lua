-- The record under key when owner holds it PENDING ('P', or 'A': pending, but its client already acknowledged
-- the reply, see acknowledge.lua), and 1; otherwise nil and why: 2 when another execution holds or completed
-- the record, 3 when there is no record (flushed, or lost in a restart).
-- Renew, complete and release all start here: none of them may change a record its caller no longer holds.
local function owned(key, owner)
    local record = redis.call('GET', key)
    if not record then
        return nil, 3
    end
    local state = string.sub(record, 1, 1)
    if (state ~= 'P' and state ~= 'A') or string.sub(record, 34, 49) ~= owner then
        return nil, 2
    end
    return record, 1
end
