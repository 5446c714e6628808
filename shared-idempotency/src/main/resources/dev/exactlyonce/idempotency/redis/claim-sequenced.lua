-- Claims a record of a sequenced key (<session>.<sequence>): applies the request's acknowledgement to the
-- session first, then refuses a key below the watermark without writing anything, or claims as claim does.
-- Follows acknowledge.lua and claim.lua, whose functions it calls.
-- sequence: the key's sequence   the other arguments: as acknowledge and claim take them
-- Returns {watermark, discarded} followed by claim's reply, or by {6} when the key is below the watermark.
local function claimSequenced(key, watermarkKey, fingerprint, owner, lease, retention, sessionPrefix, sequence,
                              acknowledged)
    local reply = acknowledge(watermarkKey, sessionPrefix, acknowledged, retention)
    if tonumber(sequence) < reply[1] then
        reply[3] = 6
        return reply
    end
    for _, value in ipairs(claim(key, fingerprint, owner, lease, retention)) do
        reply[#reply + 1] = value
    end
    return reply
end
