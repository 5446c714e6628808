-- When owner holds the record under key PENDING ('P', or 'A': pending, but its client already acknowledged the
-- reply, see acknowledge.lua): the record, 1, its state and its fingerprint's end (see record.lua, which this
-- follows). Otherwise nil and why: 2 when another execution holds or completed the record, 3 when there is no
-- record (flushed, or lost in a restart).
-- Renew, complete and release all start here: none of them may change a record its caller no longer holds.
local function owned(key, owner)
    local record = redis.call('GET', key)
    if not record then
        return nil, 3
    end
    local state, fingerprintEnd = layout(record)
    if (state ~= 'P' and state ~= 'A') or string.sub(record, fingerprintEnd + 1, fingerprintEnd + 16) ~= owner then
        return nil, 2
    end
    return record, 1, state, fingerprintEnd
end
