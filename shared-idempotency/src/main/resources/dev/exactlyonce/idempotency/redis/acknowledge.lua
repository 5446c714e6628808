-- Applies a client's cumulative acknowledgement to its session, before a claim of one of the session's keys.
-- Follows record.lua, whose layout it reads.
-- watermarkKey: the session's watermark   sessionPrefix: a record key of the session is this prefix followed by
-- the sequence   acknowledged: the client received every reply of the session below it   retention: in ms
-- The watermark only rises: a lower (stale, reordered) acknowledgement changes nothing. Rising, it discards the
-- records between the old watermark and the new one at once, at most maxDiscards of them (after a lost
-- watermark, a flush, older records are left to expire with their retention): a COMPLETED one is deleted; a
-- PENDING one, whose reply went out while its completion was held back (the completion window), becomes 'A',
-- pending but acknowledged, so that its completion deletes it instead of storing a reply nobody may ask for. The watermark is kept for the
-- retention from the session's latest claim, so it outlives every record of the session; a session that has
-- acknowledged nothing yet has none.
-- Returns {watermark, discarded}.
local maxDiscards = 1000

local function acknowledge(watermarkKey, sessionPrefix, acknowledged, retention)
    local watermark = tonumber(redis.call('GET', watermarkKey) or '0')
    local target = tonumber(acknowledged)
    local discarded = 0
    if target > watermark then
        for sequence = math.max(watermark, target - maxDiscards, 1), target - 1 do
            local key = sessionPrefix .. string.format('%d', sequence)
            local record = redis.call('GET', key)
            local state = record and layout(record)
            if state == 'C' then
                redis.call('DEL', key)
                discarded = discarded + 1
            elseif state == 'P' then
                -- The letter's case keeps the record's layout (record.lua).
                local acknowledgedState = string.sub(record, 1, 1) == 'P' and 'A' or 'a'
                redis.call('SET', key, acknowledgedState .. string.sub(record, 2), 'KEEPTTL')
                discarded = discarded + 1
            end
        end
        watermark = target
    end
    -- A session that never acknowledged anything has no watermark to keep (a client with acknowledgements off).
    if watermark > 0 then
        redis.call('SET', watermarkKey, string.format('%d', watermark), 'PX', retention)
    end
    return {watermark, discarded}
end
