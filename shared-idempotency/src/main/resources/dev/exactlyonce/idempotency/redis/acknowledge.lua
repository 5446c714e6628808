-- Applies a client's cumulative acknowledgement to its session, before a claim of one of the session's keys.
-- watermarkKey: the session's watermark   sessionPrefix: a record key of the session is this prefix followed by
-- the sequence   acknowledged: the client received every reply of the session below it   retention: in ms
-- The watermark only rises: a lower (stale, reordered) acknowledgement changes nothing. Rising, it deletes the
-- records between the old watermark and the new one at once, at most maxDiscards of them: after a lost
-- watermark (a flush) older records are left to expire with their retention. The watermark is kept for the
-- retention from the session's latest claim, so it outlives every record of the session.
-- Returns {watermark, discarded}.
local maxDiscards = 1000

local function acknowledge(watermarkKey, sessionPrefix, acknowledged, retention)
    local watermark = tonumber(redis.call('GET', watermarkKey) or '0')
    local target = tonumber(acknowledged)
    local discarded = 0
    if target > watermark then
        for sequence = math.max(watermark, target - maxDiscards, 1), target - 1 do
            discarded = discarded + redis.call('DEL', sessionPrefix .. string.format('%d', sequence))
        end
        watermark = target
    end
    redis.call('SET', watermarkKey, string.format('%d', watermark), 'PX', retention)
    return {watermark, discarded}
end
